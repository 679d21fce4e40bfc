package org.engram.support.input;

import java.util.List;

/**
 * NARMA of order m (default 10, the standard NARMA-10): input u(k) uniform in [0, u_max] (default 0.5),
 * drawn from the seed at counter k, and
 * {@code y(k+1) = alpha y(k) + beta y(k) sum_{i=0}^{m-1} y(k-i) + gamma u(k-m+1) u(k) + delta}
 * with alpha 0.3, beta 0.05, gamma 1.5, delta 0.1, and u = y = 0 before sample 0 (y(0) = 0).
 * Dimensions u and y: row s holds u(k) and y(k) for its sample k, so y depends on inputs before its
 * own row. One sample per model time unit (default: one per device step); washout in samples.
 *
 * <p>The standard recurrence blows up for some input sequences (here for about half of the seeds within
 * 10^5 samples: a run of large u lifts y past ~1.3, where the quadratic term wins). The generator then
 * stops with an error naming the sample and the seed, rather than hand out a series that diverged.
 */
public record Narma10(int order, double alpha, double beta, double gamma, double delta, double inputMax, Common common)
        implements InputGenerator {
    public static final String NAME = "narma10";
    static final double DEFAULT_WASHOUT = 200;
    private static final double DIVERGED = 1e3;

    public Narma10 {
        if (order < 1) throw new IllegalArgumentException(NAME + ": order " + order + " must be >= 1");
        if (!(inputMax > 0) || !Double.isFinite(inputMax)) throw new IllegalArgumentException(NAME + ": u_max must be > 0");
    }

    @Override public String name() { return NAME; }

    @Override public List<String> dimensions() { return List.of("u", "y"); }

    @Override public TimeSeries generate(double dt, long steps) {
        int rows = Common.rows(NAME, steps, 2);
        double big = common.modelStep(NAME, dt);
        long washout = (long) StrictMath.ceil(common.washout());
        double[] out = new double[2 * rows];
        double[] u = new double[order], y = new double[order]; // rings: slot k mod order holds u(k), y(k)
        double next = 0; // y(k) for the coming k: y(0) = 0
        int s = 0;
        for (long k = 0; s < rows; k++) {
            int slot = (int) (k % order);
            double uk = inputMax * CounterRng.uniform(common.seed(), CounterRng.NARMA_INPUT, k);
            double yk = next;
            u[slot] = uk;
            y[slot] = yk;
            while (s < rows && Common.sampleAt(s, big) + washout == k) {
                out[2 * s] = uk;
                out[2 * s + 1] = yk;
                s++;
            }
            double sumY = 0; // y(k) + y(k-1) + ... + y(k-m+1), in that order (y < 0 is 0)
            for (int i = 0; i < order && i <= k; i++) sumY += y[(int) ((k - i) % order)];
            double uFirst = k >= order - 1 ? u[(int) ((k - order + 1) % order)] : 0; // u(k - m + 1)
            next = alpha * yk + beta * yk * sumY + gamma * uFirst * uk + delta;
            if (!(Math.abs(next) < DIVERGED)) {
                throw new IllegalArgumentException(NAME + ": y diverged (" + next + ") at sample " + (k + 1) + " with seed "
                        + common.seed() + "; choose another seed");
            }
        }
        TimeSeries ts = TimeSeries.wrap(dimensions(), dt, out);
        return common.zscore() ? ts.zscored() : ts;
    }
}
