package org.engram.support.input;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.engram.support.input.GeneratorTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

class LorenzTest {
    static final double DT = 1e-3;

    @Test void staysOnTheAttractor() {
        TimeSeries t = InputGenerators.create("lorenz", null).generate(DT, 100_000); // 1000 model units
        assertEquals(java.util.List.of("x", "y", "z"), t.names());
        double[] x = t.column(0), z = t.column(2);
        double minZ = Arrays.stream(z).min().orElseThrow(), maxZ = Arrays.stream(z).max().orElseThrow();
        assertTrue(Arrays.stream(x).allMatch(v -> Math.abs(v) < 30), "|x| < 30");
        assertTrue(minZ > 0 && maxZ < 60, "z in (0, 60): " + minZ + " .. " + maxZ);
        // both wings are visited
        assertTrue(Arrays.stream(x).anyMatch(v -> v > 5) && Arrays.stream(x).anyMatch(v -> v < -5));
        assertTrue(sd(z) > 5, "not a fixed point");
    }

    /** One model time unit from {@code x0}, by the generator itself (washout 0, H = 1). */
    static double[] flow(double[] x0, double maxStep) {
        TimeSeries t = InputGenerators.create("lorenz", params("initial", list(x0), "washout", 0.0,
                "time_scale", 1.0, "max_step", maxStep)).generate(1.0, 2);
        assertArrayEquals(x0, row(t, 0), "row 0 is the initial state without washout");
        return row(t, 1);
    }

    static double dist(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.sqrt(s);
    }

    /** Benettin's method: nearby starts separate at the largest Lyapunov exponent, ~0.906 per model unit. */
    @Test void nearbyStartsDivergeAtTheLyapunovRate() {
        double[] a = row(InputGenerators.create("lorenz", null).generate(DT, 1), 0);
        double d0 = 1e-8, sum = 0;
        int segments = 300;
        double[] b = a.clone();
        b[0] += d0;
        for (int i = 0; i < segments; i++) {
            double[] a1 = flow(a, 0.01), b1 = flow(b, 0.01);
            double d = dist(a1, b1);
            sum += Math.log(d / d0);
            for (int j = 0; j < 3; j++) b1[j] = a1[j] + (b1[j] - a1[j]) * d0 / d;
            a = a1;
            b = b1;
        }
        double lambda = sum / segments;
        System.out.printf("Lorenz: largest Lyapunov exponent estimate %.3f per model time unit%n", lambda);
        assertTrue(lambda > 0.8 && lambda < 1.02, "lambda " + lambda);
        // and the separation grows to the attractor's size: a 1e-9 nudge is a different trajectory later
        TimeSeries p = InputGenerators.create("lorenz", params("initial", list(1, 1, 1), "washout", 0.0)).generate(DT, 5000);
        TimeSeries q = InputGenerators.create("lorenz", params("initial", list(1 + 1e-9, 1, 1), "washout", 0.0)).generate(DT, 5000);
        assertTrue(Math.abs(p.value(0, 0) - q.value(0, 0)) < 1e-6);
        double late = 0;
        for (int s = 4000; s < 5000; s++) late = Math.max(late, Math.abs(p.value(s, 0) - q.value(s, 0)));
        assertTrue(late > 1, "separated by " + late);
    }

    /** RK4 is fourth order: against a fine-step reference, halving the step divides the error by ~16. */
    @Test void rk4AgreesWithAFineStepReference() {
        double[] x0 = row(InputGenerators.create("lorenz", null).generate(DT, 1), 0);
        double[] ref = flow(x0, 1e-4);
        double e1 = dist(flow(x0, 0.01), ref), e2 = dist(flow(x0, 0.005), ref);
        System.out.printf("Lorenz RK4 error over 1 unit: h=0.01 %.2e, h=0.005 %.2e, ratio %.1f%n", e1, e2, e1 / e2);
        assertTrue(e1 < 5e-4, "error " + e1); // the flow amplifies local errors ~e^0.9 per unit
        assertTrue(e1 / e2 > 12 && e1 / e2 < 20, "order 4: ratio " + e1 / e2);
    }

    @Test void wholeInternalStepsPerSample() {
        // H = 10/s x 1 ms = 0.01 = one internal step; 0.004 max step: 3 steps of 0.00333 per sample
        var p = params("max_step", 0.004, "washout", 0.0);
        TimeSeries one = InputGenerators.create("lorenz", p).generate(DT, 3);
        TimeSeries fine = InputGenerators.create("lorenz", p).generate(DT / 3, 7);
        // a sample of the coarse series is every third sample of the finer one, up to the rounding of h
        for (int d = 0; d < 3; d++) assertEquals(one.value(2, d), fine.value(6, d), 1e-12);
        assertNotEquals(one.value(1, 0), fine.value(1, 0));
    }

    @Test void sameSeedSameBitsOtherSeedOtherBits() {
        var a = InputGenerators.create("lorenz", params("initial", "random", "seed", 5L)).generate(DT, 2000);
        var b = InputGenerators.create("lorenz", params("initial", "random", "seed", 5L)).generate(DT, 2000);
        var c = InputGenerators.create("lorenz", params("initial", "random", "seed", 6L)).generate(DT, 2000);
        assertArrayEquals(a.toArray(), b.toArray());
        assertEquals(a, b);
        assertFalse(Arrays.equals(a.toArray(), c.toArray()));
    }

    @Test void zscoredHasMeanZeroAndSdOne() {
        TimeSeries t = InputGenerators.create("lorenz", params("zscore", true)).generate(DT, 20_000);
        for (int d = 0; d < 3; d++) {
            assertEquals(0, mean(t.column(d)), 1e-12);
            assertEquals(1, sd(t.column(d)), 1e-12);
        }
    }

    @Test void timeScaleSlowsTheAttractor() {
        // time_scale 5 covers in 2 ms what time_scale 10 covers in 1 ms
        TimeSeries fast = InputGenerators.create("lorenz", params("time_scale", 10.0, "washout", 0.0, "max_step", 0.005))
                .generate(DT, 100);
        TimeSeries slow = InputGenerators.create("lorenz", params("time_scale", 5.0, "washout", 0.0)).generate(DT, 199);
        assertEquals(fast.value(99, 2), slow.value(198, 2), 1e-9);
    }

    @Test void generates1e6StepsOf3dLorenzQuickly() {
        var g = InputGenerators.create("lorenz", null);
        g.generate(DT, 100_000); // warm up
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            TimeSeries t = g.generate(DT, 1_000_000);
            best = Math.min(best, System.nanoTime() - t0);
            assertEquals(1_000_000, t.steps());
        }
        System.out.printf("Lorenz: 10^6 steps of 3-D at dt = 1 ms (time_scale 10, 1 RK4 step each) in %.1f ms (best of 3)%n",
                best / 1e6);
        assertTrue(best < 2_000_000_000L, best / 1e6 + " ms");
    }
}
