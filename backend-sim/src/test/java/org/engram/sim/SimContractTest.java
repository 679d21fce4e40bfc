package org.engram.sim;

import org.engram.hal.contract.DeviceContractTest;
import org.engram.hal.device.Device;
import org.engram.hal.device.Devices;
import org.junit.jupiter.api.Nested;

/** The device contract on both engines of the emulator. */
class SimContractTest {
    @Nested
    class Fixed extends DeviceContractTest {
        @Override protected Device openDevice() { return Devices.open("sim:"); }
    }

    @Nested
    class Float64 extends DeviceContractTest {
        @Override protected Device openDevice() { return Devices.open("sim:float64"); }
    }

    @Nested
    class FixedTwoThreads extends DeviceContractTest {
        @Override protected Device openDevice() { return Devices.open("sim:?threads=2"); }
    }
}
