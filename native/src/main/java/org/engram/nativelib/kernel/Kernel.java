package org.engram.nativelib.kernel;

import org.engram.nativelib.Binding;

/**
 * One instance of the C network kernel (engram_kernel.h), through either binding. Configuration calls
 * take Java arrays (copied once into the kernel); the hot path, {@link #run}, writes spikes into native
 * buffers owned by this object and trace samples into native buffers registered by {@link #addTrace},
 * read without copies through {@link SpikeBuffer} and {@link TraceBuffer}. Every array length is checked
 * here before the call and every pointer and index again in C; a failure is a
 * {@link org.engram.nativelib.NativeException} naming the function and the element. Not thread-safe:
 * use an instance from one thread.
 */
public interface Kernel extends AutoCloseable {
    /** Kernel state: the fields of ek_set_neurons, field-major (see {@link KernelAbi}). */
    void setNeurons(int[] params);
    void setNormalTable(int[] table);
    void addRule(long[] constants, double gateThreshold, int[] calciumLo, int[] calciumHi, int[] hLo, int[] hHi);
    void setPlastic(int count, int[] rule, int[] hInit, int[] zInit, int[] pre, int[] post, int[] inStart, int[] inSyn);
    void addProjection(int preOffset, int preSize, int delay, int rule, int staticWeightQ16, int[] start, int[] post,
                       int[] plasticIndex);
    void addStimulus(int kind, int delivery, int weightQ16, long poissonThreshold, int sources, int[] neurons,
                     long[] windowStart, long[] windowStop, long[] events);
    void addSpikeRecording(int offset, byte[] mask, long start, long stop);
    TraceBuffer addTrace(int variable, boolean mean, int[] elements, long start, long interval, long count,
                         boolean staticSynapse, double staticWeight);
    void setSwitches(long[] pairs);
    /** A rule's late-phase constants in real units ({@link KernelAbi} LATE_*), for fast-forward. */
    void setLatePhase(int rule, double[] constants);
    /** Fast-forward windows as pairs (start step, stop step), in time order; dt in seconds. */
    void setFastForward(double dt, long[] pairs);
    void prepare();

    /** Runs steps until {@code until}, the end, or a full spike buffer; returns true when the run is done. */
    boolean run(long until);
    /** The spike records written by the last {@link #run}. */
    SpikeBuffer spikes();
    double[] readSynapse(int q, long step);
    long[] counters();
    Binding binding();

    @Override void close();

    /** Spike records of one {@link #run} call, read in place from native memory. */
    interface SpikeBuffer {
        int size();
        int recording(int i);
        int neuron(int i);
        long step(int i);
    }

    /** A trace's samples, row-major [row * count + column], in native memory. */
    interface TraceBuffer {
        long length();
        double get(long index);
    }

    /** A new kernel through the given binding. */
    static Kernel create(Binding binding, long steps, int slowPeriod, long seed, int neurons, int maxDelaySteps, int spikeCapacity) {
        return switch (binding) {
            case FFM -> new FfmKernel(steps, slowPeriod, seed, neurons, maxDelaySteps, spikeCapacity);
            case JNA -> new JnaKernel(steps, slowPeriod, seed, neurons, maxDelaySteps, spikeCapacity);
        };
    }
}
