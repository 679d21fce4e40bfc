package org.engram.nativelib.kernel;

import org.engram.nativelib.Binding;

/** Stateless kernel functions, through a chosen binding. */
public final class Kernels {
    private Kernels() {}

    public static int abiVersion(Binding b) {
        return b == Binding.FFM ? FfmKernel.abiVersion() : JnaKernel.abiVersion();
    }

    /** {@code f} (KernelAbi MATH_*) of every input, by the kernel's fdlibm port: for tests against StrictMath. */
    public static double[] strictMath(Binding b, int f, double[] in) {
        return b == Binding.FFM ? FfmKernel.strictMath(f, in) : JnaKernel.strictMath(f, in);
    }

    /** The four words of Philox4x32-10 for key {@code seed} and counter (c0, c1, c2, c3), computed in C. */
    public static int[] philox(Binding b, long seed, int c0, int c1, int c2, int c3) {
        return b == Binding.FFM ? FfmKernel.philox(seed, c0, c1, c2, c3) : JnaKernel.philox(seed, c0, c1, c2, c3);
    }
}
