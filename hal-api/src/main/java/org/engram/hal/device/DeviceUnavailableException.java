package org.engram.hal.device;

/**
 * Providers serve the URI but none can open it in this process (e.g. its native library does not load);
 * the message carries each provider's reason and fix.
 */
public class DeviceUnavailableException extends IllegalStateException {
    public DeviceUnavailableException(String message) {
        super(message);
    }
}
