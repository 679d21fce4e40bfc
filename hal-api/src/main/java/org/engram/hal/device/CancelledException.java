package org.engram.hal.device;

/** The run was cancelled before it finished. */
public final class CancelledException extends RuntimeException {
    public CancelledException(String message) {
        super(message);
    }
}
