package org.engram.sim;

import org.engram.hal.device.Device;
import org.engram.hal.device.DeviceProvider;

import java.util.List;

/** {@code sim:} (fixed point, bit-accurate) and {@code sim:float64} (reference arithmetic). Pure Java: always available. */
public final class SimDeviceProvider implements DeviceProvider {
    @Override public String scheme() { return "sim"; }

    @Override public String description() {
        return "Engram emulator: sim: (fixed point, bit-accurate) or sim:float64; option ?threads=N";
    }

    @Override public List<String> devices() {
        return List.of("sim:", "sim:float64");
    }

    @Override public Device open(String uri) {
        return SimDevice.open(uri);
    }
}
