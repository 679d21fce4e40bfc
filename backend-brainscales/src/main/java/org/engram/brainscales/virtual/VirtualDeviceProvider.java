package org.engram.brainscales.virtual;

import org.engram.hal.device.Availability;
import org.engram.hal.device.Device;
import org.engram.hal.device.DeviceProvider;
import org.engram.nativelib.Binding;
import org.engram.nativelib.NativeLibraries;
import org.engram.nativelib.chip.ChipDriver;

import java.util.List;

/** {@code brainscales2:virtual}: the BrainScaleS-2 adapter on the virtual chip behind the driver ABI. */
public final class VirtualDeviceProvider implements DeviceProvider {
    private static volatile Availability availability;

    @Override public String scheme() { return "brainscales2:virtual"; }

    @Override public String description() {
        return "BrainScaleS-2 on the virtual chip (driver ABI): brainscales2:virtual?speedup=1000&spread=0.03&noise=0.1&seed=1&calibration=FILE&step=25&binding=ffm";
    }

    @Override public List<String> devices() {
        return List.of("brainscales2:virtual");
    }

    /** Available when the chip driver library loads and opens the virtual chip (checked once per process). */
    @Override public Availability isAvailable() {
        Availability a = availability;
        if (a == null) availability = a = probe();
        return a;
    }

    private static Availability probe() {
        try (ChipDriver chip = ChipDriver.open(Binding.FFM, "virtual:")) {
            return Availability.AVAILABLE;
        } catch (RuntimeException | LinkageError e) {
            return Availability.unavailable("the chip driver does not load: " + e.getMessage(),
                    "build the native module (./mvnw -pl native -am package; needs cmake and gcc) or point -D"
                            + NativeLibraries.CHIP_PROPERTY + " at a driver library");
        }
    }

    @Override public Device open(String uri) {
        return new VirtualDevice(uri, VirtualOptions.parse(uri));
    }
}
