package org.engram.sim;

import org.engram.hal.io.ExperimentFiles;
import org.engram.hal.model.Experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the repository's example experiments (tests run with the module directory as working directory). */
final class Examples {
    private Examples() {}

    static Path dir() {
        Path p = Path.of("..", "examples");
        if (!Files.isDirectory(p)) p = Path.of("examples");
        return p;
    }

    static Experiment load(String file) {
        try {
            return ExperimentFiles.read(dir().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
