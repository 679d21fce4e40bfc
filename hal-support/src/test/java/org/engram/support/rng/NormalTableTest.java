package org.engram.support.rng;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NormalTableTest {
    @Test
    void deviatesHaveUnitVarianceAndZeroMean() {
        int n = 1_000_000;
        double sum = 0, sq = 0, max = 0;
        for (int i = 0; i < n; i++) {
            double g = NormalTable.gaussian(Philox.draw(1, Streams.PLASTICITY_NOISE, 0, i));
            sum += g;
            sq += g * g;
            max = Math.max(max, Math.abs(g));
        }
        double mean = sum / n, var = sq / n - mean * mean;
        assertEquals(0, mean, 0.005);
        assertEquals(1, var, 0.01);
        assertTrue(max > 3.5 && max < 4.1, "tails reach the table's end: " + max);
    }

    @Test
    void tableIsAntisymmetricAndMonotone() {
        int[] t = NormalTable.table();
        for (int k = 0; k < t.length; k++) assertEquals(-t[t.length - 1 - k], t[k], 1, "entry " + k);
        for (int k = 1; k < t.length; k++) assertTrue(t[k] > t[k - 1]);
        assertEquals(1.959964, NormalTable.inverseNormal(0.975), 1e-6);
    }
}
