package org.engram.sim.rate;

import org.engram.hal.model.InputSource;
import org.engram.hal.model.Population;

/** The values of an input population on the step grid: steps x dims, row-major. */
final class InputSeries {
    private InputSeries() {}

    static double[] onSteps(Population p, InputSource in, double dt, long steps, long seed) {
        int dims = p.size();
        double[] out = switch (in.series()) {
            case InputSource.Data d -> sampleAndHold(p, d, in.sampleInterval(), dims, dt, steps);
            case InputSource.Generator g -> Generators.generate(p, g, dims, dt, steps, g.seed() != 0 ? g.seed() : seed);
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
    static void zscore(double[] x, int dims) {
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
}
