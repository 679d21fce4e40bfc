package org.engram.hal.model;

import java.util.List;

/**
 * How a projection connects neurons. A connector is a description with a seed: backends materialise
 * it into compact arrays, never one object per synapse.
 */
public sealed interface Connector {
    record AllToAll(boolean allowSelf) implements Connector {}

    record OneToOne() implements Connector {}

    /** Each (pre, post) pair independently with probability p; {@code seed == 0} derives it. */
    record FixedProbability(double p, long seed, boolean allowSelf) implements Connector {
        public FixedProbability {
            Checks.probability("fixed_probability.p", p);
        }
    }

    /** Explicit (pre, post) index pairs, stored as two parallel arrays. */
    record Explicit(int[] pre, int[] post) implements Connector {
        public Explicit {
            if (pre.length != post.length) throw new IllegalArgumentException("explicit: pre and post lengths differ");
            pre = pre.clone();
            post = post.clone();
        }

        public static Explicit of(List<int[]> pairs) {
            int[] a = new int[pairs.size()], b = new int[pairs.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = pairs.get(i)[0];
                b[i] = pairs.get(i)[1];
            }
            return new Explicit(a, b);
        }

        @Override public int[] pre() { return pre.clone(); }
        @Override public int[] post() { return post.clone(); }
        public int size() { return pre.length; }
        public int preAt(int i) { return pre[i]; }
        public int postAt(int i) { return post[i]; }

        @Override public boolean equals(Object o) {
            return o instanceof Explicit e && java.util.Arrays.equals(pre, e.pre) && java.util.Arrays.equals(post, e.post);
        }
        @Override public int hashCode() { return 31 * java.util.Arrays.hashCode(pre) + java.util.Arrays.hashCode(post); }
        @Override public String toString() { return "Explicit[" + pre.length + " connections]"; }
    }
}
