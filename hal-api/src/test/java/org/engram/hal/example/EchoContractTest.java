package org.engram.hal.example;

import org.engram.hal.contract.DeviceContractTest;
import org.engram.hal.device.Device;
import org.engram.hal.device.Devices;

import java.util.List;

/** The smallest device passes the contract: the suite asks nothing a lab's first device cannot give. */
class EchoContractTest extends DeviceContractTest {
    @Override protected Device openDevice() {
        return Devices.open("echo:", List.of(new EchoDeviceProvider()));
    }
}
