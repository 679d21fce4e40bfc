package org.engram.hal.example;

import org.engram.hal.device.Device;
import org.engram.hal.device.DeviceProvider;

import java.util.List;

/** {@code echo:}: the provider of the smallest device (a real one registers in META-INF/services). */
public final class EchoDeviceProvider implements DeviceProvider {
    @Override public String scheme() { return "echo"; }

    @Override public String description() { return "the smallest device: answers every recording from a seeded stream"; }

    @Override public List<String> devices() { return List.of("echo:"); }

    @Override public Device open(String uri) {
        if (!uri.equals("echo:")) throw new IllegalArgumentException("unknown echo device '" + uri + "': use echo:");
        return new EchoDevice(uri);
    }
}
