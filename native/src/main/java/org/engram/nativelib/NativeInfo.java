package org.engram.nativelib;

import org.engram.nativelib.chip.ChipDriver;
import org.engram.nativelib.kernel.Kernels;

/** Prints which libraries load and through which binding: {@code java -cp ... org.engram.nativelib.NativeInfo}. */
public final class NativeInfo {
    private NativeInfo() {}

    public static void main(String[] args) {
        Binding b = Binding.selected();
        System.out.println("binding " + b);
        System.out.println("kernel " + NativeLibraries.kernel() + " abi " + Kernels.abiVersion(b));
        try (ChipDriver chip = ChipDriver.open(b, "loopback:")) {
            System.out.println("chip " + NativeLibraries.chip() + " " + chip.query().name());
        }
    }
}
