package org.engram.hal.model;

/** A subset of a population: explicit indices, a range, or all neurons. */
public record NeuronSelection(int[] indices, int first, int count) {
    public static final NeuronSelection ALL = new NeuronSelection(new int[0], 0, 0);

    public NeuronSelection {
        indices = indices.clone();
        if (first < 0 || count < 0) throw new IllegalArgumentException("selection first/count must be >= 0");
    }

    public static NeuronSelection range(int first, int count) {
        return new NeuronSelection(new int[0], first, count);
    }

    public static NeuronSelection of(int... indices) {
        return new NeuronSelection(indices, 0, 0);
    }

    /** The selected indices in a population of the given size. */
    public int[] resolve(int populationSize) {
        if (indices.length > 0) return indices.clone();
        if (count == 0 && first == 0) return java.util.stream.IntStream.range(0, populationSize).toArray();
        return java.util.stream.IntStream.range(first, first + count).toArray();
    }

    /** The first index outside [0, size), or -1. */
    public int firstOutOfRange(int populationSize) {
        for (int i : resolve(populationSize)) if (i < 0 || i >= populationSize) return i;
        return -1;
    }

    @Override public int[] indices() { return indices.clone(); }
    @Override public boolean equals(Object o) {
        return o instanceof NeuronSelection s && java.util.Arrays.equals(indices, s.indices) && first == s.first && count == s.count;
    }
    @Override public int hashCode() { return java.util.Arrays.hashCode(indices) * 31 + first * 7 + count; }
    @Override public String toString() {
        return indices.length > 0 ? "neurons" + java.util.Arrays.toString(indices) : count == 0 ? "all" : "[" + first + ", " + (first + count) + ")";
    }
}
