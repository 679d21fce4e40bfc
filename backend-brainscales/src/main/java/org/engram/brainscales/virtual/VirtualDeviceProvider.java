package org.engram.brainscales.virtual;

import org.engram.hal.device.Device;
import org.engram.hal.device.DeviceProvider;

/** {@code brainscales2:virtual}: the BrainScaleS-2 adapter on the virtual chip behind the driver ABI. */
public final class VirtualDeviceProvider implements DeviceProvider {
    @Override public String scheme() { return "brainscales2:virtual"; }

    @Override public String description() {
        return "BrainScaleS-2 on the virtual chip (driver ABI): brainscales2:virtual?speedup=1000&spread=0.03&noise=0.1&seed=1&calibration=FILE&step=25&binding=ffm";
    }

    @Override public Device open(String uri) {
        return new VirtualDevice(uri, VirtualOptions.parse(uri));
    }
}
