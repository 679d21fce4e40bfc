package org.engram.hal.device;

/**
 * The device URI names no device: no provider serves its scheme, or the provider refuses the rest of it
 * (an unknown engine, an unknown option, a bad option value). A usage error: the CLI exits with 2.
 */
public class NoSuchDeviceException extends IllegalArgumentException {
    public NoSuchDeviceException(String message) {
        super(message);
    }

    public NoSuchDeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
