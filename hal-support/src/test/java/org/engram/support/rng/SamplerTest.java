package org.engram.support.rng;

import org.engram.hal.model.Distribution;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Draws match their distribution's moments, keep signs when asked, and are the same bits for the same key. */
class SamplerTest {
    private static double[] draws(Distribution d, boolean keepSign) {
        double[] x = new double[40_000];
        for (int i = 0; i < x.length; i++) x[i] = Sampler.draw(d, 42, Streams.HETEROGENEITY, i, 0, keepSign);
        return x;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    private static double cv(double[] x) {
        double m = mean(x), ss = 0;
        for (double v : x) ss += (v - m) * (v - m);
        return Math.sqrt(ss / x.length) / m;
    }

    @Test
    void gammaHasItsMeanAndCvAndIsSkewed() {
        for (double cv : new double[] {0.25, 0.5, 1.0, 2.0}) {
            double[] x = draws(new Distribution.Gamma(20e-3, cv), false);
            assertEquals(20e-3, mean(x), 20e-3 * 0.03, "mean at cv " + cv);
            assertEquals(cv, cv(x), cv * 0.06, "cv at cv " + cv);
            assertTrue(java.util.Arrays.stream(x).allMatch(v -> v > 0));
            double[] sorted = x.clone();
            java.util.Arrays.sort(sorted);
            assertTrue(sorted[x.length / 2] < mean(x), "right-skewed: median below mean at cv " + cv);
        }
    }

    @Test
    void lognormalByMeanAndCv() {
        double[] x = draws(new Distribution.LogNormalMeanCv(10e-3, 0.5), false);
        assertEquals(10e-3, mean(x), 10e-3 * 0.02);
        assertEquals(0.5, cv(x), 0.03);
    }

    @Test
    void drawsKeepTheSignOfTheCentreWhenAsked() {
        double[] x = draws(new Distribution.Normal(-1, 2, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY), true);
        assertTrue(java.util.Arrays.stream(x).allMatch(v -> v <= 0));
        double[] centred = draws(new Distribution.Normal(0, 1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY), true);
        assertTrue(java.util.Arrays.stream(centred).anyMatch(v -> v > 0) && java.util.Arrays.stream(centred).anyMatch(v -> v < 0));
    }

    @Test
    void sameKeySameBitsOtherKeyOtherValues() {
        Distribution g = new Distribution.Gamma(1, 0.7);
        assertEquals(Sampler.draw(g, 7, 2, 11, 3, false), Sampler.draw(g, 7, 2, 11, 3, false));
        assertNotEquals(Sampler.draw(g, 7, 2, 11, 3, false), Sampler.draw(g, 7, 2, 11, 4, false));
    }
}
