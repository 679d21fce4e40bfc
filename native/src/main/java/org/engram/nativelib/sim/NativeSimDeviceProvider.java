package org.engram.nativelib.sim;

import org.engram.hal.device.Availability;
import org.engram.hal.device.Device;
import org.engram.hal.device.DeviceProvider;
import org.engram.nativelib.Binding;
import org.engram.nativelib.NativeLibraries;
import org.engram.nativelib.kernel.KernelAbi;
import org.engram.nativelib.kernel.Kernels;

import java.util.List;

/** {@code sim:native}: the emulator's fixed-point kernel in C (bit for bit the same as {@code sim:}). */
public final class NativeSimDeviceProvider implements DeviceProvider {
    private static volatile Availability availability;

    @Override public String scheme() { return "sim:native"; }

    @Override public String description() {
        return "Engram emulator, fixed-point kernel in C: sim:native; option ?binding=ffm|jna (default -Dengram.native.binding, else ffm)";
    }

    @Override public List<String> devices() {
        return List.of("sim:native");
    }

    /** Available when the kernel library loads through the selected binding and speaks this ABI version. */
    @Override public Availability isAvailable() {
        Availability a = availability;
        if (a == null) availability = a = probe();
        return a;
    }

    private static Availability probe() {
        String fix = "build the native module (./mvnw -pl native -am package; needs cmake and gcc) or point -D"
                + NativeLibraries.KERNEL_PROPERTY + " at libengram.so";
        try {
            NativeLibraries.kernel();
            Binding b = Binding.selected();
            int abi = Kernels.abiVersion(b);
            if (abi != KernelAbi.ABI_VERSION) {
                return Availability.unavailable("the kernel library speaks ABI " + abi + ", this build expects "
                        + KernelAbi.ABI_VERSION, fix);
            }
            return Availability.AVAILABLE;
        } catch (RuntimeException | LinkageError e) {
            return Availability.unavailable("the C kernel does not load: " + e.getMessage(), fix);
        }
    }

    @Override public Device open(String uri) {
        return NativeSimDevice.open(uri);
    }
}
