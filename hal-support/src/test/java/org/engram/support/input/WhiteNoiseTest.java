package org.engram.support.input;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.engram.support.input.GeneratorTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

class WhiteNoiseTest {
    @Test void standardNormalOver1e5Samples() {
        TimeSeries t = InputGenerators.create("white_noise", params("dims", 2, "seed", 9L)).generate(1e-3, 100_000);
        assertEquals(java.util.List.of("w0", "w1"), t.names());
        for (int d = 0; d < 2; d++) {
            double[] w = t.column(d);
            assertEquals(0, mean(w), 0.015, "mean, dim " + d); // 4.7 standard errors
            assertEquals(1, sd(w), 0.01, "sd, dim " + d);
            double c = 0;
            for (int s = 1; s < w.length; s++) c += w[s] * w[s - 1];
            assertEquals(0, c / w.length, 0.015, "lag-1 correlation, dim " + d);
            long beyond2 = Arrays.stream(w).filter(v -> Math.abs(v) > 2).count();
            assertEquals(0.0455, beyond2 / 1e5, 0.003, "tails of a normal");
        }
        double cross = 0;
        for (int s = 0; s < t.steps(); s++) cross += t.value(s, 0) * t.value(s, 1);
        assertEquals(0, cross / t.steps(), 0.015, "dimensions independent");
    }

    @Test void sameSeedSameBitsOtherSeedOtherBits() {
        var a = InputGenerators.create("white_noise", params("seed", 1L)).generate(1e-3, 1000);
        var b = InputGenerators.create("white_noise", params("seed", 1L)).generate(1e-3, 1000);
        var c = InputGenerators.create("white_noise", params("seed", 2L)).generate(1e-3, 1000);
        assertArrayEquals(a.toArray(), b.toArray());
        assertFalse(Arrays.equals(a.toArray(), c.toArray()));
        // a longer series extends a shorter one
        var longer = InputGenerators.create("white_noise", params("seed", 1L)).generate(1e-3, 2000);
        assertArrayEquals(a.toArray(), Arrays.copyOf(longer.toArray(), 1000));
    }

    @Test void meanAndSdScale() {
        TimeSeries t = InputGenerators.create("white_noise", params("mean", 2.0, "sd", 0.5)).generate(1e-3, 50_000);
        assertEquals(2, mean(t.column(0)), 0.01);
        assertEquals(0.5, sd(t.column(0)), 0.01);
        TimeSeries z = InputGenerators.create("white_noise", params("mean", 2.0, "sd", 0.5, "zscore", true)).generate(1e-3, 50_000);
        assertEquals(0, mean(z.column(0)), 1e-12);
        assertEquals(1, sd(z.column(0)), 1e-12);
    }
}
