package org.engram.support.fixed;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecayTableTest {
    @Test
    void factorsMatchTheExponentialWithinTwoUlpsOfQ30() {
        double dtOverTau = 0.2e-3 / 6884.0; // quiet h: tau_h / 0.1
        DecayTable t = new DecayTable(dtOverTau, 144_000_000L);
        assertEquals(1 << 30, t.factor(0));
        for (long n : new long[]{1, 4095, 4096, 4097, 1_000_000, 34_420_000, 143_999_999}) {
            double exact = Math.exp(-n * dtOverTau) * (1 << 30);
            assertEquals(exact, t.factor(n), 2.0, "n = " + n);
        }
        int prev = Integer.MAX_VALUE;
        for (long n = 0; n < 200_000; n += 97) {
            int f = t.factor(n);
            assertTrue(f <= prev);
            prev = f;
        }
    }

    @Test
    void fastDecayReachesZeroAndStaysThere() {
        DecayTable calcium = new DecayTable(0.2 / 48.8, 144_000_000L);
        assertEquals(0, calcium.factor(20_000));
        assertEquals(0, calcium.factor(143_000_000L));
    }

    @Test
    void spansBeyondTheRunAreRefused() {
        DecayTable t = new DecayTable(1e-9, 10_000);
        assertThrows(IllegalStateException.class, () -> t.factor(1L << 40));
    }
}
