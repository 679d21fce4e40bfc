package org.engram.nativelib.sim;

import org.engram.hal.device.Device;
import org.engram.hal.device.DeviceProvider;

/** {@code sim:native}: the emulator's fixed-point kernel in C (bit for bit the same as {@code sim:}). */
public final class NativeSimDeviceProvider implements DeviceProvider {
    @Override public String scheme() { return "sim:native"; }

    @Override public String description() {
        return "Engram emulator, fixed-point kernel in C: sim:native; option ?binding=ffm|jna (default -Dengram.native.binding, else ffm)";
    }

    @Override public Device open(String uri) {
        return NativeSimDevice.open(uri);
    }
}
