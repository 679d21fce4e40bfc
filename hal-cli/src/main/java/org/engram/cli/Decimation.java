package org.engram.cli;

/**
 * Thins a series for drawing: per bucket of samples it keeps the minimum and the maximum, in time order,
 * so brief excursions (a tetanus lasts seconds in an 8 h trace) stay visible. A 1200 px wide plot cannot
 * show more points than this anyway, and fewer points render much faster.
 */
final class Decimation {
    private Decimation() {}

    /** Returns {xs, ys} with at most 2 * buckets points (the input itself when it is already small). */
    static double[][] minMax(double[] x, double[] y, int buckets) {
        int n = Math.min(x.length, y.length);
        if (n <= 2 * buckets) return new double[][] {java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n)};
        double[] xs = new double[2 * buckets];
        double[] ys = new double[2 * buckets];
        int m = 0;
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            if (from >= to) continue;
            int lo = from, hi = from;
            for (int i = from + 1; i < to; i++) {
                if (y[i] < y[lo]) lo = i;
                if (y[i] > y[hi]) hi = i;
            }
            int first = Math.min(lo, hi), second = Math.max(lo, hi);
            xs[m] = x[first];
            ys[m++] = y[first];
            if (second != first) {
                xs[m] = x[second];
                ys[m++] = y[second];
            }
        }
        return new double[][] {java.util.Arrays.copyOf(xs, m), java.util.Arrays.copyOf(ys, m)};
    }
}
