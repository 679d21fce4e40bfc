package org.engram.support.input;

import java.util.List;

/** Classical fixed-step fourth-order Runge-Kutta for the autonomous ODE generators. */
final class Rk4 {
    /** dx = f(x); must not keep or modify x. */
    interface Ode {
        void derivative(double[] x, double[] dx);
    }

    private Rk4() {}

    /**
     * Integrates from x0 over the washout, then records {@code steps} rows, {@code k} internal steps apart,
     * where {@code h = H / k <= maxStep} and {@code H = time_scale * dt}.
     */
    static TimeSeries run(String generator, List<String> names, Ode f, double[] x0, Common c, double dt, long steps) {
        int rows = Common.rows(generator, steps, names.size());
        double big = c.modelStep(generator, dt);
        double kk = StrictMath.ceil(big / c.maxStep());
        if (kk > 1e7) {
            throw new IllegalArgumentException(generator + ": " + kk + " internal steps per sample (time_scale x dt = " + big
                    + ", max_step = " + c.maxStep() + "): lower time_scale or raise max_step");
        }
        int k = Math.max(1, (int) kk);
        double h = big / k;
        long washoutSteps = (long) StrictMath.ceil(c.washout() / h);
        int n = x0.length;
        double[] x = x0.clone();
        Stepper st = new Stepper(f, n);
        for (long i = 0; i < washoutSteps; i++) st.step(x, h);
        double[] out = new double[rows * n];
        for (int s = 0; s < rows; s++) {
            for (int d = 0; d < n; d++) {
                if (!Double.isFinite(x[d])) {
                    throw new IllegalArgumentException(generator + ": the state diverged (" + names.get(d) + " = " + x[d]
                            + ") at step " + s + "; lower max_step");
                }
                out[s * n + d] = x[d];
            }
            if (s + 1 < rows) for (int i = 0; i < k; i++) st.step(x, h);
        }
        TimeSeries ts = TimeSeries.wrap(names, dt, out);
        return c.zscore() ? ts.zscored() : ts;
    }

    /** One RK4 step in place, with scratch arrays kept between steps. */
    static final class Stepper {
        private final Ode f;
        private final double[] k1, k2, k3, k4, tmp;

        Stepper(Ode f, int n) {
            this.f = f;
            k1 = new double[n];
            k2 = new double[n];
            k3 = new double[n];
            k4 = new double[n];
            tmp = new double[n];
        }

        void step(double[] x, double h) {
            int n = x.length;
            double half = 0.5 * h;
            f.derivative(x, k1);
            for (int i = 0; i < n; i++) tmp[i] = x[i] + half * k1[i];
            f.derivative(tmp, k2);
            for (int i = 0; i < n; i++) tmp[i] = x[i] + half * k2[i];
            f.derivative(tmp, k3);
            for (int i = 0; i < n; i++) tmp[i] = x[i] + h * k3[i];
            f.derivative(tmp, k4);
            for (int i = 0; i < n; i++) x[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
    }
}
