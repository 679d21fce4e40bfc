package org.engram.brainscales.ppu;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class LfsrTest {
    @Test
    void maximalPolynomialVisitsEveryNonZeroStateOnce() {
        int s = 1;
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < Lfsr.PERIOD; i++) {
            assertTrue(seen.add(s), "state repeated after " + i + " clocks");
            s = Lfsr.clock(s);
            assertNotEquals(0, s);
        }
        assertEquals(1, s, "period is 65535");
        assertEquals(65535, seen.size());
    }

    @Test
    void drawsAreUniformBytesOverAFullPeriod() {
        int[] count = new int[256];
        int s = Lfsr.seed(1, 0);
        for (int i = 0; i < Lfsr.PERIOD; i++) {
            s = Lfsr.afterDraw(s);
            count[Lfsr.output(s)]++;
        }
        assertEquals(255, count[0]);
        for (int b = 1; b < 256; b++) assertEquals(256, count[b], "byte " + b);
        assertEquals(Lfsr.seed(1, 0), s, "8 x 65535 clocks return to the start");
    }

    @Test
    void jumpEqualsClockingOneAtATime() {
        int s = Lfsr.seed(42, 17);
        int stepped = s;
        for (long n : new long[]{0, 1, 7, 8, 100, 65534, 65535, 65536, 1_000_003}) {
            int t = s;
            for (long i = 0; i < n; i++) t = Lfsr.clock(t);
            assertEquals(t, Lfsr.jump(s, n), "jump by " + n);
        }
        for (int i = 0; i < 48; i++) stepped = Lfsr.afterDraw(stepped);
        assertEquals(stepped, Lfsr.jump(s, 48 * Lfsr.CLOCKS_PER_DRAW));
    }

    @Test
    void seedsAreReproduciblePerColumnAndNonZero() {
        assertEquals(Lfsr.seed(5, 300), Lfsr.seed(5, 300));
        Set<Integer> states = new HashSet<>();
        for (int c = 0; c < 512; c++) {
            int s = Lfsr.seed(5, c);
            assertTrue(s > 0 && s <= 0xFFFF);
            states.add(s);
        }
        assertTrue(states.size() > 505, "columns start from (almost always) different states: " + states.size());
        assertNotEquals(Lfsr.seed(5, 0), Lfsr.seed(6, 0));
        assertThrows(IllegalArgumentException.class, () -> Lfsr.seed(1, -1));
    }
}
