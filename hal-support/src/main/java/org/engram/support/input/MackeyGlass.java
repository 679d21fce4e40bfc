package org.engram.support.input;

import java.util.List;

/**
 * The Mackey-Glass delay differential equation dx/dt = beta x(t - tau) / (1 + x(t - tau)^n) - gamma x(t),
 * defaults tau 17 (chaotic), beta 0.2, gamma 0.1, n 10; history x(t) = 1.2 for t &le; 0, random history a
 * constant uniform in [0.5, 1.3].
 *
 * <p>RK4 needs x(t - tau) between grid points (at half steps, and wherever tau is no whole number of
 * steps): it is interpolated by the cubic Hermite polynomial through the stored values and slopes of
 * the two neighbouring grid points, which keeps the fourth order of the method. The history buffer
 * holds ceil(tau / h) + 3 points. The one step in which t - tau crosses 0 (where the constant history
 * meets the solution and x'' jumps) is split there, so that kink costs no accuracy when tau is no whole
 * number of steps.
 */
public record MackeyGlass(double tau, double beta, double gamma, double n, Common common) implements InputGenerator {
    public static final String NAME = "mackey_glass";
    static final double DEFAULT_TIME_SCALE = 100, DEFAULT_WASHOUT = 500, DEFAULT_MAX_STEP = 0.1;

    public MackeyGlass {
        if (!(tau > 0) || !Double.isFinite(tau)) throw new IllegalArgumentException(NAME + ": tau " + tau + " must be > 0");
    }

    @Override public String name() { return NAME; }

    @Override public List<String> dimensions() { return List.of("x"); }

    @Override public TimeSeries generate(double dt, long steps) {
        int rows = Common.rows(NAME, steps, 1);
        double big = common.modelStep(NAME, dt);
        double kk = StrictMath.ceil(big / common.maxStep());
        if (kk > 1e7) throw new IllegalArgumentException(NAME + ": " + kk + " internal steps per sample: lower time_scale");
        int k = Math.max(1, (int) kk);
        double h = big / k;
        if (h > tau / 2) {
            throw new IllegalArgumentException(NAME + ": the internal step " + h + " must be at most tau/2 = " + tau / 2
                    + "; lower max_step");
        }
        double x0 = common.initialState(NAME, new double[] {1.2},
                seed -> new double[] {0.5 + 0.8 * CounterRng.uniform(seed, CounterRng.INITIAL, 0)})[0];
        Integrator in = new Integrator(x0, h);
        long washoutSteps = (long) StrictMath.ceil(common.washout() / h);
        for (long i = 0; i < washoutSteps; i++) in.step();
        double[] out = new double[rows];
        for (int s = 0; s < rows; s++) {
            if (!Double.isFinite(in.x)) throw new IllegalArgumentException(NAME + ": the state diverged at step " + s);
            out[s] = in.x;
            if (s + 1 < rows) for (int i = 0; i < k; i++) in.step();
        }
        TimeSeries ts = TimeSeries.wrap(dimensions(), dt, out);
        return common.zscore() ? ts.zscored() : ts;
    }

    private final class Integrator {
        private final double x0, h, lag;
        private final int wholeN = n == Math.rint(n) && n >= 0 && n <= 64 ? (int) n : -1;
        private final double[] xs, fs; // value and slope at grid point j, in slot j mod length
        private double x;
        private long step;

        Integrator(double x0, double h) {
            this.x0 = x0;
            this.h = h;
            this.lag = tau / h;
            int size = (int) StrictMath.ceil(lag) + 3;
            xs = new double[size];
            fs = new double[size];
            x = x0;
        }

        private double rhs(double v, double delayed) {
            return beta * delayed / (1 + power(delayed)) - gamma * v;
        }

        /** x^n: by squaring for a whole n up to 64 (the usual n = 10; 4x faster than StrictMath.pow), else pow. */
        private double power(double x) {
            if (wholeN < 0) return StrictMath.pow(x, n);
            double r = 1, b = x;
            for (int e = wholeN; e > 0; e >>= 1) {
                if ((e & 1) != 0) r *= b;
                b *= b;
            }
            return r;
        }

        /** x at grid position step + theta - tau/h. */
        private double delayed(double theta) {
            double p = step + theta - lag;
            double j = StrictMath.floor(p);
            if (j + 1 <= 0) return x0; // wholly in the constant history
            double t = p - j;
            int a = slot((long) j), b = slot((long) j + 1);
            if (t == 0) return xs[a];
            double t2 = t * t, t3 = t2 * t;
            return (2 * t3 - 3 * t2 + 1) * xs[a] + (t3 - 2 * t2 + t) * h * fs[a]
                    + (-2 * t3 + 3 * t2) * xs[b] + (t3 - t2) * h * fs[b];
        }

        private int slot(long j) { return (int) (j % xs.length); }

        void step() {
            double k1 = rhs(x, delayed(0));
            xs[slot(step)] = x;
            fs[slot(step)] = k1;
            double kink = lag - step; // where t - tau crosses 0: the history ends, x'' of the solution jumps
            if (kink > 0 && kink < 1) {
                x = rk4(rk4(x, 0, kink, k1), kink, 1, Double.NaN);
            } else {
                x = rk4(x, 0, 1, k1);
            }
            step++;
        }

        /** One RK4 step from x at step + a to step + b (fractions of h); k1 given unless NaN. */
        private double rk4(double v, double a, double b, double k1) {
            double hh = (b - a) * h;
            if (Double.isNaN(k1)) k1 = rhs(v, delayed(a));
            double mid = delayed(0.5 * (a + b)), end = delayed(b);
            double k2 = rhs(v + 0.5 * hh * k1, mid);
            double k3 = rhs(v + 0.5 * hh * k2, mid);
            double k4 = rhs(v + hh * k3, end);
            return v + hh / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
        }
    }
}
