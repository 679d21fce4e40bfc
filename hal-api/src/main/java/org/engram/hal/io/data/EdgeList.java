package org.engram.hal.io.data;

/**
 * Synapses as compact parallel arrays: edge k goes from presynaptic index {@code pre[k]} to
 * postsynaptic index {@code post[k]}, with {@code weight[k]} and {@code delay[k]} when the source gave
 * them (null otherwise), in the unit the caller stated for the source. Indices are local to the
 * projection's populations. The arrays are copied in and out, so the value is immutable; use the
 * indexed accessors in loops.
 */
public record EdgeList(int[] pre, int[] post, double[] weight, double[] delay) {
    public EdgeList {
        if (pre.length != post.length) throw new IllegalArgumentException(pre.length + " pre but " + post.length + " post");
        if (weight != null && weight.length != pre.length) {
            throw new IllegalArgumentException(pre.length + " edges but " + weight.length + " weights");
        }
        if (delay != null && delay.length != pre.length) {
            throw new IllegalArgumentException(pre.length + " edges but " + delay.length + " delays");
        }
        pre = pre.clone();
        post = post.clone();
        weight = weight == null ? null : weight.clone();
        delay = delay == null ? null : delay.clone();
    }

    public int size() { return pre.length; }

    public int pre(int k) { return pre[k]; }

    public int post(int k) { return post[k]; }

    public boolean hasWeight() { return weight != null; }

    public boolean hasDelay() { return delay != null; }

    /** The weight of edge k; only when {@link #hasWeight()}. */
    public double weight(int k) { return weight[k]; }

    /** The delay of edge k; only when {@link #hasDelay()}. */
    public double delay(int k) { return delay[k]; }

    @Override public int[] pre() { return pre.clone(); }

    @Override public int[] post() { return post.clone(); }

    @Override public double[] weight() { return weight == null ? null : weight.clone(); }

    @Override public double[] delay() { return delay == null ? null : delay.clone(); }

    @Override public boolean equals(Object o) {
        return o instanceof EdgeList e && java.util.Arrays.equals(pre, e.pre) && java.util.Arrays.equals(post, e.post)
                && java.util.Arrays.equals(weight, e.weight) && java.util.Arrays.equals(delay, e.delay);
    }

    @Override public int hashCode() {
        return java.util.Arrays.hashCode(pre) * 31 + java.util.Arrays.hashCode(post);
    }

    @Override public String toString() {
        return "EdgeList[" + pre.length + " edges" + (weight != null ? ", weights" : "") + (delay != null ? ", delays" : "") + "]";
    }

    /** The largest pre index + 1 (0 when empty): the smallest presynaptic population that fits. */
    public int preExtent() { return extent(pre); }

    /** The largest post index + 1 (0 when empty). */
    public int postExtent() { return extent(post); }

    private static int extent(int[] a) {
        int m = -1;
        for (int v : a) m = Math.max(m, v);
        return m + 1;
    }
}
