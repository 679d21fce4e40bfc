package org.engram.hal.model;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A subset of a population: explicit indices, a range, or all neurons; with {@code invert}, every neuron
 * of the population that the rest does not select (the neurons outside an assembly, say).
 */
public record NeuronSelection(int[] indices, int first, int count, boolean invert) {
    public static final NeuronSelection ALL = new NeuronSelection(new int[0], 0, 0, false);

    public NeuronSelection {
        indices = indices.clone();
        if (first < 0 || count < 0) throw new IllegalArgumentException("selection first/count must be >= 0");
    }

    public NeuronSelection(int[] indices, int first, int count) {
        this(indices, first, count, false);
    }

    public static NeuronSelection range(int first, int count) {
        return new NeuronSelection(new int[0], first, count);
    }

    public static NeuronSelection of(int... indices) {
        return new NeuronSelection(indices, 0, 0);
    }

    /** The complement of this selection (inverting twice gives it back). */
    public NeuronSelection inverted() {
        return new NeuronSelection(indices, first, count, !invert);
    }

    /** True for the selection of every neuron (no indices, no range, not inverted). */
    public boolean selectsAll() {
        return indices.length == 0 && first == 0 && count == 0 && !invert;
    }

    /** The selected indices in a population of the given size, ascending when inverted. */
    public int[] resolve(int populationSize) {
        if (!invert) return base(populationSize);
        boolean[] in = new boolean[populationSize];
        for (int i : base(populationSize)) if (i >= 0 && i < populationSize) in[i] = true;
        return IntStream.range(0, populationSize).filter(i -> !in[i]).toArray();
    }

    /** {@code mask[i]} is true when neuron i of a population of this size is selected. */
    public boolean[] mask(int populationSize) {
        boolean[] m = new boolean[populationSize];
        for (int i : resolve(populationSize)) if (i >= 0 && i < populationSize) m[i] = true;
        return m;
    }

    /**
     * The first index outside [0, size), or -1. An inverted selection is checked on the indices it names,
     * since a typo there would silently change its complement.
     */
    public int firstOutOfRange(int populationSize) {
        if (indices.length > 0) {
            for (int i : indices) if (i < 0 || i >= populationSize) return i;
            return -1;
        }
        if (count == 0 && first == 0) return -1;
        // a range is checked arithmetically: materialising it would cost memory for a huge population
        return (long) first + count > populationSize ? Math.max(first, populationSize) : -1;
    }

    /** The selection before inversion. */
    private int[] base(int populationSize) {
        if (indices.length > 0) return indices.clone();
        if (count == 0 && first == 0) return IntStream.range(0, populationSize).toArray();
        return IntStream.range(first, first + count).toArray();
    }

    @Override public int[] indices() { return indices.clone(); }
    @Override public boolean equals(Object o) {
        return o instanceof NeuronSelection s && Arrays.equals(indices, s.indices) && first == s.first && count == s.count
                && invert == s.invert;
    }
    @Override public int hashCode() { return (Arrays.hashCode(indices) * 31 + first * 7 + count) * 2 + (invert ? 1 : 0); }
    @Override public String toString() {
        String base = indices.length > 0 ? "neurons" + Arrays.toString(indices) : count == 0 ? "all" : "[" + first + ", " + (first + count) + ")";
        return invert ? "not " + base : base;
    }
}
