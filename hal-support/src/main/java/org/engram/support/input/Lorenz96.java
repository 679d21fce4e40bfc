package org.engram.support.input;

import java.util.ArrayList;
import java.util.List;

/**
 * Lorenz-96 with N variables on a ring: dx_i/dt = (x_{i+1} - x_{i-2}) x_{i-1} - x_i + F. Defaults N 5,
 * F 8 (chaotic), state x_i = F with x_0 + 0.01 (the usual nudge off the fixed point), random state
 * F + uniform in [-1, 1].
 */
public record Lorenz96(int n, double forcing, Common common) implements InputGenerator {
    public static final String NAME = "lorenz96";
    static final double DEFAULT_TIME_SCALE = 10, DEFAULT_WASHOUT = 50, DEFAULT_MAX_STEP = 0.01;

    public Lorenz96 {
        if (n < 4) throw new IllegalArgumentException(NAME + ": dims " + n + " must be at least 4");
    }

    @Override public String name() { return NAME; }

    @Override public List<String> dimensions() {
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) names.add("x" + i);
        return names;
    }

    @Override public TimeSeries generate(double dt, long steps) {
        double[] def = new double[n];
        java.util.Arrays.fill(def, forcing);
        def[0] += 0.01;
        int dims = n;
        double f = forcing;
        double[] x0 = common.initialState(NAME, def, seed -> {
            double[] x = new double[dims];
            for (int i = 0; i < dims; i++) x[i] = f - 1 + 2 * CounterRng.uniform(seed, CounterRng.INITIAL, i);
            return x;
        });
        return Rk4.run(NAME, dimensions(), (x, dx) -> {
            for (int i = 0; i < dims; i++) {
                int ip1 = i + 1 == dims ? 0 : i + 1, im1 = i == 0 ? dims - 1 : i - 1, im2 = i < 2 ? i + dims - 2 : i - 2;
                dx[i] = (x[ip1] - x[im2]) * x[im1] - x[i] + f;
            }
        }, x0, common, dt, steps);
    }
}
