package org.engram.support.input;

import org.engram.hal.model.InputSource;
import org.engram.hal.model.Population;

import java.util.HashMap;
import java.util.Map;

/**
 * The values of an input population on the step grid: steps x dims, row-major. Step s holds u(s dt),
 * the sample in force at the start of the step; every engine (rate and spiking) reads its inputs here.
 */
public final class StepSeries {
    private StepSeries() {}

    /** The derived seed of an input population at global offset {@code off}, when its generator gives none. */
    public static long seed(long experimentSeed, int off) {
        return org.engram.support.rng.Seeds.mix(experimentSeed, 0x494E5054L + off);
    }

    public static double[] onSteps(Population p, InputSource in, double dt, long steps, long seed) {
        int dims = p.size();
        double[] out = switch (in.series()) {
            case InputSource.Data d -> sampleAndHold(p, d, in.sampleInterval(), dims, dt, steps);
            case InputSource.Generator g -> generate(p, g, dims, dt, steps, g.seed() != 0 ? g.seed() : seed);
        };
        if (in.zscore()) zscore(out, dims);
        return out;
    }

    /** Step s holds the sample taken at or before s dt; a run longer than the samples is an error. */
    private static double[] sampleAndHold(Population p, InputSource.Data d, double interval, int dims, double dt, long steps) {
        int samples = d.length() / dims;
        double needs = (steps - 1) * dt;
        if (needs >= samples * interval + 1e-12 * interval) {
            throw new IllegalArgumentException("population " + p.name() + ": the input's " + samples + " samples cover "
                    + samples * interval + " s, the run needs " + steps * dt + " s");
        }
        double[] out = new double[Math.toIntExact(steps * dims)];
        for (long s = 0; s < steps; s++) {
            // the sample index in exact-ish arithmetic: a step on a sample boundary takes that sample
            int k = (int) Math.min(samples - 1, Math.floor(s * dt / interval + 1e-9));
            for (int j = 0; j < dims; j++) out[(int) (s * dims + j)] = d.at(k * dims + j);
        }
        return out;
    }

    /** Each dimension shifted and scaled to mean 0 and sd 1 over the steps (a constant one only shifted). */
    public static void zscore(double[] x, int dims) {
        int rows = x.length / dims;
        for (int j = 0; j < dims; j++) {
            double sum = 0;
            for (int r = 0; r < rows; r++) sum += x[r * dims + j];
            double mean = sum / rows, ss = 0;
            for (int r = 0; r < rows; r++) {
                double d = x[r * dims + j] - mean;
                ss += d * d;
            }
            double sd = Math.sqrt(ss / rows);
            for (int r = 0; r < rows; r++) x[r * dims + j] = sd > 0 ? (x[r * dims + j] - mean) / sd : x[r * dims + j] - mean;
        }
    }

    /** A named generator (hal-support's, the same bits on every backend) on the step grid. */
    static double[] generate(Population p, InputSource.Generator g, int dims, double dt, long steps, long seed) {
        Map<String, Object> params = new HashMap<>(g.parameters());
        params.put("seed", seed);
        InputGenerator gen;
        try {
            gen = InputGenerators.create(g.name(), params);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("population " + p.name() + ": " + e.getMessage(), e);
        }
        if (gen.dimensions().size() != dims) {
            throw new IllegalArgumentException("population " + p.name() + " has " + dims + " neurons, generator " + gen.name()
                    + " gives " + gen.dimensions().size() + " dimensions " + gen.dimensions());
        }
        return gen.generate(dt, steps).toArray();
    }
}
