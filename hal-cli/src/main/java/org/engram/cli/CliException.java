package org.engram.cli;

/** A failure the user can act on: reported as one line with its own exit code, never as a stack trace. */
final class CliException extends RuntimeException {
    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() { return exitCode; }
}
