package org.engram.support.input;

import java.util.List;

/**
 * The Lorenz system: dx/dt = sigma (y - x), dy/dt = x (rho - z) - y, dz/dt = x y - beta z. Defaults
 * sigma 10, rho 28, beta 8/3 (the chaotic attractor), state (1, 1, 1), random state x, y in [-15, 15],
 * z in [5, 45].
 */
public record Lorenz(double sigma, double rho, double beta, Common common) implements InputGenerator {
    public static final String NAME = "lorenz";
    static final double DEFAULT_TIME_SCALE = 10, DEFAULT_WASHOUT = 50, DEFAULT_MAX_STEP = 0.01;

    @Override public String name() { return NAME; }

    @Override public List<String> dimensions() { return List.of("x", "y", "z"); }

    @Override public TimeSeries generate(double dt, long steps) {
        double[] x0 = common.initialState(NAME, new double[] {1, 1, 1}, seed -> new double[] {
                -15 + 30 * CounterRng.uniform(seed, CounterRng.INITIAL, 0),
                -15 + 30 * CounterRng.uniform(seed, CounterRng.INITIAL, 1),
                5 + 40 * CounterRng.uniform(seed, CounterRng.INITIAL, 2)});
        double s = sigma, r = rho, b = beta;
        return Rk4.run(NAME, dimensions(), (x, dx) -> {
            dx[0] = s * (x[1] - x[0]);
            dx[1] = x[0] * (r - x[2]) - x[1];
            dx[2] = x[0] * x[1] - b * x[2];
        }, x0, common, dt, steps);
    }
}
