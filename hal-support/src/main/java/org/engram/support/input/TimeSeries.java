package org.engram.support.input;

import java.util.Arrays;
import java.util.List;

/**
 * A named multi-dimensional time series sampled every {@code dt} seconds: row {@code step} holds the
 * value of every dimension at time {@code step * dt}. Backed by one row-major double[]; immutable.
 */
public final class TimeSeries {
    private final List<String> names;
    private final double dt;
    private final int steps;
    private final double[] data;

    private TimeSeries(List<String> names, double dt, int steps, double[] data) {
        this.names = names;
        this.dt = dt;
        this.steps = steps;
        this.data = data;
    }

    /** A series holding a copy of {@code rowMajor} (steps x names.size()). */
    public static TimeSeries of(List<String> names, double dt, double[] rowMajor) {
        return wrap(names, dt, rowMajor.clone());
    }

    /** A series from a table read from a file ({@code .npy} or CSV): rows are steps, columns dimensions. */
    public static TimeSeries of(List<String> names, double dt, org.engram.hal.io.data.NumericArray values) {
        if (values.cols() != names.size()) {
            throw new IllegalArgumentException(names.size() + " dimension names for " + values.cols() + " columns");
        }
        return wrap(names, dt, values.toArray());
    }

    /** Takes ownership of {@code rowMajor}: for generators in this package. */
    static TimeSeries wrap(List<String> names, double dt, double[] rowMajor) {
        if (names.isEmpty()) throw new IllegalArgumentException("a time series needs at least one dimension");
        if (!(dt > 0) || !Double.isFinite(dt)) throw new IllegalArgumentException("dt " + dt + " must be a finite number > 0");
        if (rowMajor.length % names.size() != 0) {
            throw new IllegalArgumentException(rowMajor.length + " values do not fill rows of " + names.size() + " dimensions");
        }
        if (names.stream().distinct().count() != names.size()) throw new IllegalArgumentException("dimension names repeat: " + names);
        return new TimeSeries(List.copyOf(names), dt, rowMajor.length / names.size(), rowMajor);
    }

    public int dims() { return names.size(); }

    public int steps() { return steps; }

    /** The sampling interval in seconds. */
    public double dt() { return dt; }

    public List<String> names() { return names; }

    /** The index of the dimension called {@code name}, or an error listing the names. */
    public int dim(String name) {
        int d = names.indexOf(name);
        if (d < 0) throw new IllegalArgumentException("no dimension '" + name + "'; the series has " + names);
        return d;
    }

    public double value(int step, int dim) {
        if (step < 0 || step >= steps || dim < 0 || dim >= names.size()) {
            throw new IndexOutOfBoundsException("(step " + step + ", dim " + dim + ") outside " + steps + " x " + names.size());
        }
        return data[step * names.size() + dim];
    }

    /** Dimension {@code dim} over all steps (a copy). */
    public double[] column(int dim) {
        double[] out = new double[steps];
        for (int s = 0; s < steps; s++) out[s] = data[s * names.size() + dim];
        return out;
    }

    /** The row-major data (a copy). */
    public double[] toArray() { return data.clone(); }

    /** Each dimension shifted and scaled to mean 0 and standard deviation 1 over the span. */
    public TimeSeries zscored() {
        int n = names.size();
        double[] out = data.clone();
        for (int d = 0; d < n; d++) {
            double sum = 0;
            for (int s = 0; s < steps; s++) sum += out[s * n + d];
            double mean = sum / steps;
            double ss = 0;
            for (int s = 0; s < steps; s++) {
                double e = out[s * n + d] - mean;
                ss += e * e;
            }
            double sd = StrictMath.sqrt(ss / steps);
            if (!(sd > 0)) {
                throw new IllegalArgumentException("cannot z-score dimension '" + names.get(d) + "': it is constant over "
                        + steps + " steps");
            }
            for (int s = 0; s < steps; s++) out[s * n + d] = (out[s * n + d] - mean) / sd;
        }
        return new TimeSeries(names, dt, steps, out);
    }

    @Override public boolean equals(Object o) {
        return o instanceof TimeSeries t && t.names.equals(names) && t.dt == dt && Arrays.equals(t.data, data);
    }

    @Override public int hashCode() { return names.hashCode() * 31 + Arrays.hashCode(data); }

    @Override public String toString() { return "TimeSeries" + names + "[" + steps + " steps, dt " + dt + " s]"; }
}
