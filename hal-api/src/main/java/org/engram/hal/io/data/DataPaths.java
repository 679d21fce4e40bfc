package org.engram.hal.io.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where a data file named in an experiment lives. */
public final class DataPaths {
    private DataPaths() {}

    /**
     * Resolves {@code path} as written in an experiment: absolute paths stay; relative ones resolve
     * against the directory of {@code experimentFile} (or against it, when it is itself a directory),
     * so an experiment and its data files move together. A null {@code experimentFile} (an experiment
     * built in memory or received as a message) resolves against the working directory.
     */
    public static Path resolve(Path experimentFile, String path) {
        if (path == null || path.isBlank()) throw new IllegalArgumentException("a data file path is empty");
        Path p = Path.of(path);
        if (p.isAbsolute()) return p.normalize();
        Path base;
        if (experimentFile == null) base = Path.of("").toAbsolutePath();
        else if (Files.isDirectory(experimentFile)) base = experimentFile.toAbsolutePath();
        else {
            Path parent = experimentFile.toAbsolutePath().getParent();
            base = parent != null ? parent : Path.of("").toAbsolutePath();
        }
        return base.resolve(p).normalize();
    }
}
