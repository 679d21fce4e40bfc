package org.engram.cli;

import org.engram.hal.io.ExperimentFiles;
import org.engram.hal.io.ExperimentFormatException;
import org.engram.hal.model.Experiment;

import java.io.IOException;
import java.nio.file.Path;

/** Reads experiment files; every way a file can be wrong becomes a bad-input error (exit code 2). */
final class Inputs {
    private Inputs() {}

    static Experiment read(Path file) throws IOException {
        try {
            return ExperimentFiles.read(file);
        } catch (ExperimentFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // a model rule the format check did not turn into a field path: still the file's fault
            throw new CliException(ExitCodes.BAD_INPUT, file + ": invalid experiment: " + e.getMessage());
        }
    }
}
