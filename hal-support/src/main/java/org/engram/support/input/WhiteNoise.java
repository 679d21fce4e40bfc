package org.engram.support.input;

import java.util.ArrayList;
import java.util.List;

/**
 * Independent Gaussian samples, {@code mean + sd * N(0, 1)} per dimension (defaults 1 dimension, mean 0,
 * sd 1); sample k of dimension d is drawn at counter k * dims + d of the seed's noise stream, so
 * adding dimensions changes the draws, but a longer series extends a shorter one. One sample per model
 * time unit (default: one per device step), held between samples.
 */
public record WhiteNoise(int dims, double mean, double sd, Common common) implements InputGenerator {
    public static final String NAME = "white_noise";

    public WhiteNoise {
        if (dims < 1) throw new IllegalArgumentException(NAME + ": dims " + dims + " must be >= 1");
        if (!(sd >= 0) || !Double.isFinite(sd) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException(NAME + ": mean must be finite and sd a finite number >= 0");
        }
    }

    @Override public String name() { return NAME; }

    @Override public List<String> dimensions() {
        if (dims == 1) return List.of("w");
        List<String> names = new ArrayList<>(dims);
        for (int i = 0; i < dims; i++) names.add("w" + i);
        return names;
    }

    @Override public TimeSeries generate(double dt, long steps) {
        int rows = Common.rows(NAME, steps, dims);
        double big = common.modelStep(NAME, dt);
        long washout = (long) StrictMath.ceil(common.washout());
        double[] out = new double[rows * dims];
        for (int s = 0; s < rows; s++) {
            long k = washout + Common.sampleAt(s, big);
            for (int d = 0; d < dims; d++) {
                out[s * dims + d] = mean + sd * CounterRng.gaussian(common.seed(), CounterRng.NOISE, k * dims + d);
            }
        }
        TimeSeries ts = TimeSeries.wrap(dimensions(), dt, out);
        return common.zscore() ? ts.zscored() : ts;
    }
}
