package org.engram.nativelib.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import org.engram.nativelib.NativeLibraries;

/**
 * engram_kernel.h through JNA direct mapping (the fallback binding; about 5x the per-call cost of FFM,
 * see docs/native.md). Registered against the same library file the FFM binding loads.
 */
public final class EngramKernelJna {
    static {
        Native.register(EngramKernelJna.class, NativeLibrary.getInstance(NativeLibraries.kernel().toString()));
    }

    private EngramKernelJna() {}

    public static native int ek_abi_version();
    public static native int ek_philox_block(long seed, int c0, int c1, int c2, int c3, Pointer out, long outLen);
    public static native int ek_strict_math(int function, Pointer in, Pointer out, long len);
    public static native String ek_strerror(int code);
    public static native int ek_create(long steps, int slowPeriod, long seed, int neurons, int maxDelaySteps, PointerByReference out);
    public static native void ek_destroy(Pointer k);
    public static native int ek_last_error(Pointer k, Pointer buf, long cap);
    public static native int ek_set_neurons(Pointer k, Pointer params, long len);
    public static native int ek_set_normal_table(Pointer k, Pointer table, long len);
    public static native int ek_add_rule(Pointer k, Pointer constants, long len, double gateThreshold, Pointer calciumLo,
                                         long calciumLoLen, Pointer calciumHi, long calciumHiLen, Pointer hLo, long hLoLen,
                                         Pointer hHi, long hHiLen);
    public static native int ek_set_plastic(Pointer k, int count, Pointer rule, Pointer hInit, Pointer zInit, Pointer pre,
                                            Pointer post, Pointer inStart, long inStartLen, Pointer inSyn, long inSynLen);
    public static native int ek_add_projection(Pointer k, int preOffset, int preSize, int delay, int rule, int staticWeightQ16,
                                               Pointer start, long startLen, Pointer post, long postLen, Pointer plasticIndex,
                                               long plasticLen);
    public static native int ek_add_stimulus(Pointer k, int kind, int delivery, int weightQ16, long poissonThreshold, int sources,
                                             Pointer neurons, long neuronsLen, Pointer windowStart, Pointer windowStop,
                                             long windows, Pointer events, long eventsLen);
    public static native int ek_add_spike_recording(Pointer k, int offset, Pointer mask, long maskLen, long start, long stop);
    public static native int ek_add_trace(Pointer k, int variable, int mean, Pointer elements, long elementsLen, long start,
                                          long interval, long count, int staticSynapse, double staticWeight, Pointer out,
                                          long outLen);
    public static native int ek_set_switches(Pointer k, Pointer pairs, long len);
    public static native int ek_set_late_phase(Pointer k, int rule, Pointer constants, long len);
    public static native int ek_set_fast_forward(Pointer k, double dt, Pointer pairs, long len);
    public static native int ek_prepare(Pointer k);
    public static native int ek_run(Pointer k, long until, Pointer spikeRecording, Pointer spikeNeuron, Pointer spikeStep,
                                    long capacity, Pointer written);
    public static native int ek_read_synapse(Pointer k, int q, long step, Pointer out, long outLen);
    public static native int ek_counters(Pointer k, Pointer out, long outLen);
}
