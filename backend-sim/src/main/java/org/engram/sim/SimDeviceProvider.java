package org.engram.sim;

import org.engram.hal.device.Device;
import org.engram.hal.device.DeviceProvider;

/** {@code sim:} (fixed point, bit-accurate) and {@code sim:float64} (reference arithmetic). */
public final class SimDeviceProvider implements DeviceProvider {
    @Override public String scheme() { return "sim"; }

    @Override public String description() {
        return "Engram emulator: sim: (fixed point, bit-accurate) or sim:float64; option ?threads=N";
    }

    @Override public Device open(String uri) {
        return SimDevice.open(uri);
    }
}
