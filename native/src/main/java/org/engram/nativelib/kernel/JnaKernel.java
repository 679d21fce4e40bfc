package org.engram.nativelib.kernel;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import org.engram.nativelib.Binding;
import org.engram.nativelib.NativeException;

import static org.engram.nativelib.jna.EngramKernelJna.*;
import static org.engram.nativelib.jna.JnaMemory.doubles;
import static org.engram.nativelib.jna.JnaMemory.ints;
import static org.engram.nativelib.jna.JnaMemory.longs;

/** The kernel through JNA direct mapping; buffers are JNA {@link Memory} blocks kept by this object. */
final class JnaKernel extends AbstractKernel {
    private final Pointer handle;
    private final Memory spikeRecording, spikeNeuron, spikeStep, written;
    private final java.util.List<Memory> traces = new java.util.ArrayList<>();
    private final Spikes spikes = new Spikes();

    JnaKernel(long steps, int slowPeriod, long seed, int neurons, int maxDelaySteps, int spikeCapacity) {
        super(neurons, spikeCapacity);
        PointerByReference out = new PointerByReference();
        int rc = ek_create(steps, slowPeriod, seed, neurons, maxDelaySteps, out);
        if (rc < 0) {
            throw new NativeException("ek_create", rc, ek_strerror(rc) + " (steps " + steps + ", slow period " + slowPeriod
                    + ", neurons " + neurons + ", max delay " + maxDelaySteps + ")");
        }
        handle = out.getValue();
        spikeRecording = new Memory(4L * spikeCapacity);
        spikeNeuron = new Memory(4L * spikeCapacity);
        spikeStep = new Memory(8L * spikeCapacity);
        written = new Memory(8);
    }

    static int abiVersion() { return ek_abi_version(); }

    static int[] philox(long seed, int c0, int c1, int c2, int c3) {
        Memory out = new Memory(16);
        int rc = ek_philox_block(seed, c0, c1, c2, c3, out, 4);
        if (rc < 0) throw new NativeException("ek_philox_block", rc, "");
        return out.getIntArray(0, 4);
    }

    static double[] strictMath(int f, double[] in) {
        Memory x = doubles(in), out = new Memory(Math.max(1, 8L * in.length));
        int rc = ek_strict_math(f, x, out, in.length);
        if (rc < 0) throw new NativeException("ek_strict_math", rc, ek_strerror(rc));
        return out.getDoubleArray(0, in.length);
    }

    private void check(String function, int rc) {
        if (rc >= 0) return;
        Memory buf = new Memory(512);
        ek_last_error(handle, buf, 512);
        throw new NativeException(function, rc, buf.getString(0));
    }

    private static int len(int[] x) { return x == null ? 0 : x.length; }
    private static int len(long[] x) { return x == null ? 0 : x.length; }

    @Override public Binding binding() { return Binding.JNA; }

    @Override
    public void setNeurons(int[] params) {
        open();
        check("ek_set_neurons", ek_set_neurons(handle, ints(params), len(params)));
    }

    @Override
    public void setNormalTable(int[] table) {
        open();
        check("ek_set_normal_table", ek_set_normal_table(handle, ints(table), len(table)));
    }

    @Override
    public void addRule(long[] constants, double gateThreshold, int[] calciumLo, int[] calciumHi, int[] hLo, int[] hHi) {
        open();
        check("ek_add_rule", ek_add_rule(handle, longs(constants), len(constants), gateThreshold, ints(calciumLo), len(calciumLo),
                ints(calciumHi), len(calciumHi), ints(hLo), len(hLo), ints(hHi), len(hHi)));
    }

    @Override
    void setPlastic0(int count, int[] rule, int[] hInit, int[] zInit, int[] pre, int[] post, int[] inStart, int[] inSyn) {
        check("ek_set_plastic", ek_set_plastic(handle, count, ints(rule), ints(hInit), ints(zInit), ints(pre), ints(post),
                ints(inStart), len(inStart), ints(inSyn), len(inSyn)));
    }

    @Override
    public void addProjection(int preOffset, int preSize, int delay, int rule, int staticWeightQ16, int[] start, int[] post,
                              int[] plasticIndex) {
        open();
        check("ek_add_projection", ek_add_projection(handle, preOffset, preSize, delay, rule, staticWeightQ16, ints(start),
                len(start), ints(post), len(post), ints(plasticIndex), len(plasticIndex)));
    }

    @Override
    void addStimulus0(int kind, int delivery, int weightQ16, long poissonThreshold, int sources, int[] neurons,
                      long[] windowStart, long[] windowStop, long[] events) {
        check("ek_add_stimulus", ek_add_stimulus(handle, kind, delivery, weightQ16, poissonThreshold, sources, ints(neurons),
                len(neurons), longs(windowStart), longs(windowStop), len(windowStart), longs(events), len(events)));
    }

    @Override
    public void addSpikeRecording(int offset, byte[] mask, long start, long stop) {
        open();
        Memory m = null;
        if (mask != null) {
            m = new Memory(Math.max(1, mask.length));
            if (mask.length > 0) m.write(0, mask, 0, mask.length);
        }
        check("ek_add_spike_recording", ek_add_spike_recording(handle, offset, m, mask == null ? 0 : mask.length, start, stop));
    }

    @Override
    public TraceBuffer addTrace(int variable, boolean mean, int[] elements, long start, long interval, long count,
                                boolean staticSynapse, double staticWeight) {
        open();
        long rows = mean ? 1 : len(elements);
        long length = Math.multiplyExact(rows, Math.max(0, count));
        Memory out = new Memory(Math.max(8, 8 * length));
        check("ek_add_trace", ek_add_trace(handle, variable, mean ? 1 : 0, ints(elements), len(elements), start, interval, count,
                staticSynapse ? 1 : 0, staticWeight, out, length));
        traces.add(out);   // the kernel writes into it until the run is done
        return new TraceBuffer() {
            @Override public long length() { return length; }
            @Override public double get(long index) { return out.getDouble(8 * index); }
        };
    }

    @Override
    public void setSwitches(long[] pairs) {
        open();
        check("ek_set_switches", ek_set_switches(handle, longs(pairs), len(pairs)));
    }

    @Override
    public void setLatePhase(int rule, double[] constants) {
        open();
        check("ek_set_late_phase", ek_set_late_phase(handle, rule, doubles(constants), constants == null ? 0 : constants.length));
    }

    @Override
    public void setFastForward(double dt, long[] pairs) {
        open();
        check("ek_set_fast_forward", ek_set_fast_forward(handle, dt, longs(pairs), len(pairs)));
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
        spikes.size = (int) written.getLong(0);
        check("ek_run", rc);
        return rc == KernelAbi.DONE;
    }

    @Override public SpikeBuffer spikes() { return spikes; }

    private final class Spikes implements SpikeBuffer {
        int size;
        @Override public int size() { return size; }
        @Override public int recording(int i) { return spikeRecording.getInt(4L * i); }
        @Override public int neuron(int i) { return spikeNeuron.getInt(4L * i); }
        @Override public long step(int i) { return spikeStep.getLong(8L * i); }
    }

    @Override
    public double[] readSynapse(int q, long step) {
        open();
        Memory out = new Memory(24);
        check("ek_read_synapse", ek_read_synapse(handle, q, step, out, 3));
        return out.getDoubleArray(0, 3);
    }

    @Override
    public long[] counters() {
        open();
        Memory out = new Memory(8L * KernelAbi.COUNTERS);
        check("ek_counters", ek_counters(handle, out, KernelAbi.COUNTERS));
        return out.getLongArray(0, KernelAbi.COUNTERS);
    }

    @Override
    void close0() {
        ek_destroy(handle);
        traces.clear();
    }
}
