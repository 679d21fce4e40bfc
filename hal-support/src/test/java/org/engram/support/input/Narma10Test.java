package org.engram.support.input;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.engram.support.input.GeneratorTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

class Narma10Test {
    /** The recurrence written out directly over whole arrays. */
    static double[][] direct(long seed, int samples) {
        double[] u = new double[samples], y = new double[samples + 1];
        for (int k = 0; k < samples; k++) u[k] = 0.5 * CounterRng.uniform(seed, CounterRng.NARMA_INPUT, k);
        for (int k = 0; k < samples; k++) {
            double sum = 0;
            for (int i = 0; i < 10 && k - i >= 0; i++) sum += y[k - i];
            double u9 = k >= 9 ? u[k - 9] : 0;
            y[k + 1] = 0.3 * y[k] + 0.05 * y[k] * sum + 1.5 * u9 * u[k] + 0.1;
        }
        return new double[][] {u, y};
    }

    @Test void matchesTheRecurrenceBitForBitAfterTheWashout() {
        int steps = 5000, washout = 200;
        TimeSeries t = InputGenerators.create("narma10", params("seed", 42L)).generate(1e-3, steps);
        double[][] ref = direct(42, washout + steps);
        for (int s = 0; s < steps; s++) {
            assertEquals(ref[0][washout + s], t.value(s, t.dim("u")), "u at " + s);
            assertEquals(ref[1][washout + s], t.value(s, t.dim("y")), "y at " + s);
        }
    }

    @Test void inputAndOutputAreBounded() {
        TimeSeries t = InputGenerators.create("narma10", params("seed", 6L)).generate(1e-3, 100_000);
        double[] u = t.column(0), y = t.column(1);
        assertTrue(Arrays.stream(u).allMatch(v -> v >= 0 && v < 0.5));
        double min = Arrays.stream(y).min().orElseThrow(), max = Arrays.stream(y).max().orElseThrow();
        assertTrue(min > 0 && max < 1.5, "y in (0, 1.5): " + min + " .. " + max);
        assertEquals(0.25, mean(u), 0.005);
    }

    /** The standard NARMA-10 blows up for some input sequences: an error naming the sample, never a silent inf. */
    @Test void divergenceIsAnErrorNamingTheSample() {
        var ex = assertThrows(IllegalArgumentException.class,
                () -> InputGenerators.create("narma10", params("seed", 17L)).generate(1e-3, 5000));
        assertTrue(ex.getMessage().matches("narma10: y diverged \\(.*\\) at sample 258 with seed 17; choose another seed"),
                ex.getMessage());
    }

    @Test void timeScaleHoldsSamples() {
        // 500 samples per second at dt = 1 ms: each sample is shown for two steps
        TimeSeries held = InputGenerators.create("narma10", params("time_scale", 500.0)).generate(1e-3, 20);
        TimeSeries each = InputGenerators.create("narma10", null).generate(1e-3, 10);
        for (int s = 0; s < 20; s++) assertEquals(each.value(s / 2, 1), held.value(s, 1));
    }

    @Test void seedsGiveOtherInputs() {
        var a = InputGenerators.create("narma10", params("seed", 1L)).generate(1e-3, 1000);
        var b = InputGenerators.create("narma10", params("seed", 1L)).generate(1e-3, 1000);
        var c = InputGenerators.create("narma10", params("seed", 2L)).generate(1e-3, 1000);
        assertArrayEquals(a.toArray(), b.toArray());
        assertFalse(Arrays.equals(a.column(0), c.column(0)));
    }
}
