package org.engram.support.input;

import java.util.List;

/**
 * The Rössler system: dx/dt = -y - z, dy/dt = x + a y, dz/dt = b + z (x - c). Defaults a 0.2, b 0.2,
 * c 5.7, state (1, 1, 1), random state x, y in [-5, 5], z in [0, 1].
 */
public record Rossler(double a, double b, double c, Common common) implements InputGenerator {
    public static final String NAME = "rossler";
    static final double DEFAULT_TIME_SCALE = 50, DEFAULT_WASHOUT = 200, DEFAULT_MAX_STEP = 0.01;

    @Override public String name() { return NAME; }

    @Override public List<String> dimensions() { return List.of("x", "y", "z"); }

    @Override public TimeSeries generate(double dt, long steps) {
        double[] x0 = common.initialState(NAME, new double[] {1, 1, 1}, seed -> new double[] {
                -5 + 10 * CounterRng.uniform(seed, CounterRng.INITIAL, 0),
                -5 + 10 * CounterRng.uniform(seed, CounterRng.INITIAL, 1),
                CounterRng.uniform(seed, CounterRng.INITIAL, 2)});
        double pa = a, pb = b, pc = c;
        return Rk4.run(NAME, dimensions(), (x, dx) -> {
            dx[0] = -x[1] - x[2];
            dx[1] = x[0] + pa * x[1];
            dx[2] = pb + x[2] * (x[0] - pc);
        }, x0, common, dt, steps);
    }
}
