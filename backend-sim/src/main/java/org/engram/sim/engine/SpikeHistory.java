package org.engram.sim.engine;

/**
 * The recent spike steps of every neuron, for the LTP gate (a firing-rate condition over a sliding
 * window). Each neuron keeps its last {@code capacity} spike steps in a circular buffer; the capacity
 * covers the gate window plus the longest lag of a lazy early-phase catch-up (one late-phase period)
 * at the highest rate the refractory period allows, so every count a catch-up asks for is exact.
 * Appended in the serial part of a step; read concurrently only between appends.
 */
final class SpikeHistory {
    private final int capacity, mask;
    private final long[] steps;
    private final long[] count;

    SpikeHistory(int neurons, long span, int minInterval) {
        long need = span / Math.max(1, minInterval) + 2;
        this.capacity = Integer.highestOneBit((int) Math.min(1 << 20, Math.max(2, need)) * 2 - 1);
        this.mask = capacity - 1;
        this.steps = new long[Math.multiplyExact(neurons, capacity)];
        this.count = new long[neurons];
    }

    void add(int neuron, long step) {
        steps[neuron * capacity + (int) (count[neuron] & mask)] = step;
        count[neuron]++;
    }

    /** Spikes of the neuron at steps in [from, to]. */
    int count(int neuron, long from, long to) {
        long end = count[neuron], begin = Math.max(0, end - capacity);
        return (int) (firstAbove(neuron, begin, end, to) - firstAbove(neuron, begin, end, from - 1));
    }

    /** The first logical index in [lo, hi) whose step exceeds {@code step}. */
    private long firstAbove(int neuron, long lo, long hi, long step) {
        int base = neuron * capacity;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (steps[base + (int) (mid & mask)] <= step) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
