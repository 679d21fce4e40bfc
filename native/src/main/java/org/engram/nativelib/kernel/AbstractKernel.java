package org.engram.nativelib.kernel;

import java.util.Objects;

/**
 * The Java half of the boundary checks, shared by both bindings: arrays the C side cannot measure
 * (several pointers sharing one count) are checked here, so no call can make C read past an array.
 * C checks every pointer, length and index again.
 */
abstract class AbstractKernel implements Kernel {
    protected final int neurons;
    protected final int spikeCapacity;
    private boolean closed;

    AbstractKernel(int neurons, int spikeCapacity) {
        if (spikeCapacity < 1) throw new IllegalArgumentException("spike capacity must be positive: " + spikeCapacity);
        this.neurons = neurons;
        this.spikeCapacity = spikeCapacity;
    }

    protected void open() {
        if (closed) throw new IllegalStateException("kernel is closed");
    }

    protected static void sameLength(String function, String what, int[] a, int expected) {
        if (a != null && a.length != expected) {
            throw new IllegalArgumentException(function + ": " + what + " has length " + a.length + ", expected " + expected);
        }
    }

    @Override
    public final void setPlastic(int count, int[] rule, int[] hInit, int[] zInit, int[] pre, int[] post, int[] inStart, int[] inSyn) {
        open();
        for (int[] a : new int[][]{rule, hInit, zInit, pre, post}) Objects.requireNonNull(a, "ek_set_plastic: per-synapse arrays must not be null");
        sameLength("ek_set_plastic", "rule", rule, count);
        sameLength("ek_set_plastic", "h_init", hInit, count);
        sameLength("ek_set_plastic", "z_init", zInit, count);
        sameLength("ek_set_plastic", "pre", pre, count);
        sameLength("ek_set_plastic", "post", post, count);
        setPlastic0(count, rule, hInit, zInit, pre, post, inStart, inSyn);
    }

    @Override
    public final void addStimulus(int kind, int delivery, int weightQ16, long poissonThreshold, int sources, int[] neurons,
                                  long[] windowStart, long[] windowStop, long[] events) {
        open();
        int ws = windowStart == null ? 0 : windowStart.length, we = windowStop == null ? 0 : windowStop.length;
        if (ws != we) throw new IllegalArgumentException("ek_add_stimulus: " + ws + " window starts but " + we + " window stops");
        addStimulus0(kind, delivery, weightQ16, poissonThreshold, sources, neurons, windowStart, windowStop, events);
    }

    @Override
    public final void close() {
        if (closed) return;
        closed = true;
        close0();
    }

    abstract void setPlastic0(int count, int[] rule, int[] hInit, int[] zInit, int[] pre, int[] post, int[] inStart, int[] inSyn);

    abstract void addStimulus0(int kind, int delivery, int weightQ16, long poissonThreshold, int sources, int[] neurons,
                               long[] windowStart, long[] windowStop, long[] events);

    abstract void close0();
}
