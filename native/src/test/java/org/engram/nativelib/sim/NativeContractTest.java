package org.engram.nativelib.sim;

import org.engram.hal.contract.DeviceContractTest;
import org.engram.hal.device.Device;
import org.engram.hal.device.Devices;

/** The device contract on the C kernel. */
class NativeContractTest extends DeviceContractTest {
    @Override protected Device openDevice() {
        return Devices.open("sim:native");
    }
}
