package org.engram.support.input;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.engram.support.input.GeneratorTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

class MackeyGlassTest {
    /** One sample per model time unit: time_scale 1 and dt 1 s. */
    static TimeSeries series(int steps, Object... kv) {
        return InputGenerators.create("mackey_glass", params(kv)).generate(1.0, steps);
    }

    @Test void chaoticAndBoundedAfterTheTransient() {
        TimeSeries t = series(5000, "time_scale", 1.0);
        double[] x = t.column(0);
        double min = Arrays.stream(x).min().orElseThrow(), max = Arrays.stream(x).max().orElseThrow();
        assertTrue(min > 0.2 && max < 1.5, "x in (0.2, 1.5): " + min + " .. " + max);
        assertTrue(max - min > 0.6, "a wide excursion, not a fixed point: " + min + " .. " + max);
        // sensitive dependence: a 1e-6 change of the history ends up a different trajectory (the largest
        // Lyapunov exponent at tau = 17 is small, ~0.006 per unit, so this takes thousands of units)
        TimeSeries a = series(6000, "time_scale", 1.0, "washout", 0.0, "initial", list(1.2));
        TimeSeries b = series(6000, "time_scale", 1.0, "washout", 0.0, "initial", list(1.2 + 1e-6));
        assertTrue(Math.abs(a.value(50, 0) - b.value(50, 0)) < 1e-5);
        double late = 0;
        for (int s = 5000; s < 6000; s++) late = Math.max(late, Math.abs(a.value(s, 0) - b.value(s, 0)));
        assertTrue(late > 0.1, "separated by " + late);
        // aperiodic: no shift up to 500 units repeats the signal
        for (int lag = 1; lag <= 500; lag++) {
            double d = 0;
            for (int s = 0; s < 2000; s++) d = Math.max(d, Math.abs(x[s] - x[s + lag]));
            assertTrue(d > 0.05, "periodic with lag " + lag);
        }
    }

    /** Fourth order, also through the interpolated delay: halving the step divides the error by ~16. */
    @Test void rk4WithHermiteHistoryConvergesAtFourthOrder() {
        double ref = series(2, "time_scale", 50.0, "washout", 0.0, "max_step", 1.0 / 256).value(1, 0);
        // tau/h = 17/0.25 = 68 (whole) and 17/(50/196) = 66.64 (not whole): both interpolate at half steps
        double e1 = Math.abs(series(2, "time_scale", 50.0, "washout", 0.0, "max_step", 0.5).value(1, 0) - ref);
        double e2 = Math.abs(series(2, "time_scale", 50.0, "washout", 0.0, "max_step", 0.25).value(1, 0) - ref);
        System.out.printf("Mackey-Glass RK4 error over 50 units: h=0.5 %.2e, h=0.25 %.2e, ratio %.1f%n", e1, e2, e1 / e2);
        assertTrue(e1 < 1e-4, "error " + e1);
        assertTrue(e1 / e2 > 10 && e1 / e2 < 24, "order 4: ratio " + e1 / e2);
        // when tau is no whole number of steps, the kinks of the solution at t = tau (x'' jumps: the history
        // is constant, the solution is not) fall inside a step: that step is split at the kink, which leaves
        // the interpolation across it at 2 tau, about third order
        double e3 = Math.abs(series(2, "time_scale", 50.0, "washout", 0.0, "max_step", 50.0 / 196).value(1, 0) - ref);
        double e4 = Math.abs(series(2, "time_scale", 50.0, "washout", 0.0, "max_step", 50.0 / 392).value(1, 0) - ref);
        System.out.printf("Mackey-Glass, tau no whole number of steps: h=%.3f %.2e, h/2 %.2e, ratio %.1f%n", 50.0 / 196, e3, e4, e3 / e4);
        assertTrue(e3 < 5e-7, "error " + e3);
        assertTrue(e3 / e4 > 5, "about third order (the interpolated kink at 2 tau): ratio " + e3 / e4);
    }

    @Test void stepLargerThanHalfTheDelayIsRefused() {
        var ex = assertThrows(IllegalArgumentException.class, () -> series(2, "time_scale", 10.0, "max_step", 10.0));
        assertTrue(ex.getMessage().contains("at most tau/2"), ex.getMessage());
    }

    @Test void randomHistoryDependsOnTheSeed() {
        var a = series(100, "initial", "random", "seed", 1L, "washout", 0.0);
        var b = series(100, "initial", "random", "seed", 1L, "washout", 0.0);
        var c = series(100, "initial", "random", "seed", 2L, "washout", 0.0);
        assertEquals(a, b);
        assertNotEquals(a.value(0, 0), c.value(0, 0));
        assertTrue(a.value(0, 0) >= 0.5 && a.value(0, 0) <= 1.3);
    }
}
