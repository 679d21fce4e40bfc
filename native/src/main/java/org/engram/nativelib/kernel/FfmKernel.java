package org.engram.nativelib.kernel;

import org.engram.nativelib.Binding;
import org.engram.nativelib.NativeException;
import org.engram.nativelib.NativeLibraries;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.engram.nativelib.ffi.engram_kernel_h.*;

/**
 * The kernel through Panama FFM and the jextract-shaped bindings ({@code engram_kernel_h}). Long-lived
 * buffers (spikes, traces) live in a confined arena owned by this object and are passed to C as they are:
 * the kernel writes spikes and samples straight into them.
 */
final class FfmKernel extends AbstractKernel {
    static {
        NativeLibraries.loadForFfm(NativeLibraries.kernel());
    }

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment handle;
    private final MemorySegment spikeRecording, spikeNeuron, spikeStep, written;
    private final Spikes spikes = new Spikes();

    FfmKernel(long steps, int slowPeriod, long seed, int neurons, int maxDelaySteps, int spikeCapacity) {
        super(neurons, spikeCapacity);
        MemorySegment out = arena.allocate(C_POINTER);
        int rc = ek_create(steps, slowPeriod, seed, neurons, maxDelaySteps, out);
        if (rc < 0) {
            arena.close();
            throw new NativeException("ek_create", rc, ek_strerror(rc).reinterpret(256).getString(0)
                    + " (steps " + steps + ", slow period " + slowPeriod + ", neurons " + neurons + ", max delay " + maxDelaySteps + ")");
        }
        handle = out.get(C_POINTER, 0);
        spikeRecording = arena.allocate(C_INT, spikeCapacity);
        spikeNeuron = arena.allocate(C_INT, spikeCapacity);
        spikeStep = arena.allocate(C_LONG, spikeCapacity);
        written = arena.allocate(C_LONG);
    }

    static int abiVersion() { return ek_abi_version(); }

    /** One Philox block: the kernel's generator, for known-answer tests and the call-overhead benchmark. */
    static int[] philox(long seed, int c0, int c1, int c2, int c3) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(C_INT, 4);
            int rc = ek_philox_block(seed, c0, c1, c2, c3, out, 4);
            if (rc < 0) throw new NativeException("ek_philox_block", rc, "");
            return out.toArray(ValueLayout.JAVA_INT);
        }
    }

    static double[] strictMath(int f, double[] in) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(C_DOUBLE, Math.max(1, in.length));
            int rc = ek_strict_math(f, doubles(a, in), out, in.length);
            if (rc < 0) throw new NativeException("ek_strict_math", rc, ek_strerror(rc).reinterpret(256).getString(0));
            return out.asSlice(0, 8L * in.length).toArray(ValueLayout.JAVA_DOUBLE);
        }
    }

    private void check(String function, int rc) {
        if (rc >= 0) return;
        MemorySegment buf = arena.allocate(512);
        ek_last_error(handle, buf, 512);
        throw new NativeException(function, rc, buf.getString(0));
    }

    private static MemorySegment ints(Arena a, int[] x) {
        return x == null ? MemorySegment.NULL : a.allocateFrom(C_INT, x);
    }

    private static MemorySegment doubles(Arena a, double[] x) {
        return x == null ? MemorySegment.NULL : a.allocateFrom(C_DOUBLE, x);
    }

    private static MemorySegment longs(Arena a, long[] x) {
        return x == null ? MemorySegment.NULL : a.allocateFrom(C_LONG, x);
    }

    private static int len(int[] x) { return x == null ? 0 : x.length; }
    private static int len(long[] x) { return x == null ? 0 : x.length; }

    @Override public Binding binding() { return Binding.FFM; }

    @Override
    public void setNeurons(int[] params) {
        open();
        try (Arena a = Arena.ofConfined()) {
            check("ek_set_neurons", ek_set_neurons(handle, ints(a, params), len(params)));
        }
    }

    @Override
    public void setNormalTable(int[] table) {
        open();
        try (Arena a = Arena.ofConfined()) {
            check("ek_set_normal_table", ek_set_normal_table(handle, ints(a, table), len(table)));
        }
    }

    @Override
    public void addRule(long[] constants, double gateThreshold, int[] calciumLo, int[] calciumHi, int[] hLo, int[] hHi) {
        open();
        try (Arena a = Arena.ofConfined()) {
            check("ek_add_rule", ek_add_rule(handle, longs(a, constants), len(constants), gateThreshold,
                    ints(a, calciumLo), len(calciumLo), ints(a, calciumHi), len(calciumHi), ints(a, hLo), len(hLo), ints(a, hHi), len(hHi)));
        }
    }

    @Override
    void setPlastic0(int count, int[] rule, int[] hInit, int[] zInit, int[] pre, int[] post, int[] inStart, int[] inSyn) {
        try (Arena a = Arena.ofConfined()) {
            check("ek_set_plastic", ek_set_plastic(handle, count, ints(a, rule), ints(a, hInit), ints(a, zInit), ints(a, pre),
                    ints(a, post), ints(a, inStart), len(inStart), ints(a, inSyn), len(inSyn)));
        }
    }

    @Override
    public void addProjection(int preOffset, int preSize, int delay, int rule, int staticWeightQ16, int[] start, int[] post,
                              int[] plasticIndex) {
        open();
        try (Arena a = Arena.ofConfined()) {
            check("ek_add_projection", ek_add_projection(handle, preOffset, preSize, delay, rule, staticWeightQ16,
                    ints(a, start), len(start), ints(a, post), len(post), ints(a, plasticIndex), len(plasticIndex)));
        }
    }

    @Override
    void addStimulus0(int kind, int delivery, int weightQ16, long poissonThreshold, int sources, int[] neurons,
                      long[] windowStart, long[] windowStop, long[] events) {
        try (Arena a = Arena.ofConfined()) {
            check("ek_add_stimulus", ek_add_stimulus(handle, kind, delivery, weightQ16, poissonThreshold, sources,
                    ints(a, neurons), len(neurons), longs(a, windowStart), longs(a, windowStop), len(windowStart),
                    longs(a, events), len(events)));
        }
    }

    @Override
    public void addSpikeRecording(int offset, byte[] mask, long start, long stop) {
        open();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment m = mask == null ? MemorySegment.NULL : a.allocateFrom(C_CHAR, mask);
            check("ek_add_spike_recording", ek_add_spike_recording(handle, offset, m, mask == null ? 0 : mask.length, start, stop));
        }
    }

    @Override
    public TraceBuffer addTrace(int variable, boolean mean, int[] elements, long start, long interval, long count,
                                boolean staticSynapse, double staticWeight) {
        open();
        long rows = mean ? 1 : len(elements);
        long length = Math.multiplyExact(rows, Math.max(0, count));
        MemorySegment out = arena.allocate(C_DOUBLE, Math.max(1, length));
        try (Arena a = Arena.ofConfined()) {
            check("ek_add_trace", ek_add_trace(handle, variable, mean ? 1 : 0, ints(a, elements), len(elements), start, interval,
                    count, staticSynapse ? 1 : 0, staticWeight, out, length));
        }
        return new TraceBuffer() {
            @Override public long length() { return length; }
            @Override public double get(long index) {
                return out.getAtIndex(C_DOUBLE, index);
            }
        };
    }

    @Override
    public void setSwitches(long[] pairs) {
        open();
        try (Arena a = Arena.ofConfined()) {
            check("ek_set_switches", ek_set_switches(handle, longs(a, pairs), len(pairs)));
        }
    }

    @Override
    public void setLatePhase(int rule, double[] constants) {
        open();
        try (Arena a = Arena.ofConfined()) {
            check("ek_set_late_phase", ek_set_late_phase(handle, rule, doubles(a, constants), constants == null ? 0 : constants.length));
        }
    }

    @Override
    public void setFastForward(double dt, long[] pairs) {
        open();
        try (Arena a = Arena.ofConfined()) {
            check("ek_set_fast_forward", ek_set_fast_forward(handle, dt, longs(a, pairs), len(pairs)));
        }
    }

    @Override
    public void prepare() {
        open();
        check("ek_prepare", ek_prepare(handle));
    }

    @Override
    public boolean run(long until) {
        open();
        int rc = ek_run(handle, until, spikeRecording, spikeNeuron, spikeStep, spikeCapacity, written);
        spikes.size = (int) written.get(C_LONG, 0);
        check("ek_run", rc);
        return rc == DONE();
    }

    private static int DONE() { return EK_DONE(); }

    @Override public SpikeBuffer spikes() { return spikes; }

    private final class Spikes implements SpikeBuffer {
        int size;
        @Override public int size() { return size; }
        @Override public int recording(int i) { return spikeRecording.getAtIndex(C_INT, i); }
        @Override public int neuron(int i) { return spikeNeuron.getAtIndex(C_INT, i); }
        @Override public long step(int i) { return spikeStep.getAtIndex(C_LONG, i); }
    }

    @Override
    public double[] readSynapse(int q, long step) {
        open();
        MemorySegment out = arena.allocate(C_DOUBLE, 3);
        check("ek_read_synapse", ek_read_synapse(handle, q, step, out, 3));
        return out.toArray(ValueLayout.JAVA_DOUBLE);
    }

    @Override
    public long[] counters() {
        open();
        MemorySegment out = arena.allocate(C_LONG, KernelAbi.COUNTERS);
        check("ek_counters", ek_counters(handle, out, KernelAbi.COUNTERS));
        return out.toArray(ValueLayout.JAVA_LONG);
    }

    @Override
    void close0() {
        ek_destroy(handle);
        arena.close();
    }
}
