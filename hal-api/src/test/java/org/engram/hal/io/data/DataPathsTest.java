package org.engram.hal.io.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class DataPathsTest {
    @Test void relativeResolvesAgainstTheExperimentFilesDirectory(@TempDir Path dir) throws IOException {
        Path exp = dir.resolve("exp/p1.yaml");
        Files.createDirectories(exp.getParent());
        assertEquals(dir.resolve("exp/data/net.txt"), DataPaths.resolve(exp, "data/net.txt"));
        assertEquals(dir.resolve("shared.npy"), DataPaths.resolve(exp, "../shared.npy"));
        assertEquals(dir.resolve("exp/net.txt"), DataPaths.resolve(dir.resolve("exp"), "net.txt"), "a directory is the base itself");
        assertEquals(Path.of("/abs/x.csv"), DataPaths.resolve(exp, "/abs/x.csv"));
    }

    @Test void inMemoryExperimentsResolveAgainstTheWorkingDirectory() {
        assertEquals(Path.of("").toAbsolutePath().resolve("x.csv"), DataPaths.resolve(null, "x.csv"));
        assertThrows(IllegalArgumentException.class, () -> DataPaths.resolve(null, " "));
    }
}
