package org.engram.cli;

/** The exit codes scripts can rely on. */
final class ExitCodes {
    static final int OK = 0;
    /** Anything unexpected: a device error, a failed or cancelled run. */
    static final int FAILURE = 1;
    /**
     * The experiment file cannot be read or is not a valid experiment, or the device URI names no device
     * (also picocli's usage-error code).
     */
    static final int BAD_INPUT = 2;
    /** The experiment is valid but does not fit the chosen device. */
    static final int DOES_NOT_FIT = 3;

    private ExitCodes() {}
}
