package org.engram.support.rng;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhiloxTest {
    /** Known-answer vectors of Random123's kat_vectors for philox4x32, 10 rounds. */
    @Test
    void matchesRandom123KnownAnswers() {
        int[] out = new int[4];
        Philox.block(0, 0, 0, 0, 0, 0, out);
        assertArrayEquals(new int[]{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}, out);
        Philox.block(-1, -1, -1, -1, -1, -1, out);
        assertArrayEquals(new int[]{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}, out);
        Philox.block(0xa4093822, 0x299f31d0, 0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, out);
        assertArrayEquals(new int[]{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}, out);
    }

    @Test
    void drawsAreUniformAndIndependentOfCallOrder() {
        long seed = 42;
        int n = 200_000, buckets = 16;
        int[] hist = new int[buckets];
        for (int i = 0; i < n; i++) hist[Philox.draw(seed, Streams.OU_NOISE, 7, i) >>> 28]++;
        double chi2 = 0, expected = n / (double) buckets;
        for (int h : hist) chi2 += (h - expected) * (h - expected) / expected;
        assertTrue(chi2 < 40, "chi-square with 15 degrees of freedom: " + chi2);
        // a pure function of its arguments: same value whatever was drawn before
        int a = Philox.draw(seed, 3, 5, 123456789L);
        Philox.draw(seed, 9, 9, 9);
        assertEquals(a, Philox.draw(seed, 3, 5, 123456789L));
    }

    @Test
    void drawIsWordZeroOfTheBlock() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        int[] out = new int[4];
        for (int i = 0; i < 10_000; i++) {
            long seed = r.nextLong(), step = r.nextLong();
            int stream = r.nextInt(), element = r.nextInt();
            Philox.block((int) seed, (int) (seed >>> 32), (int) step, (int) (step >>> 32), element, stream, out);
            assertEquals(out[0], Philox.draw(seed, stream, element, step));
        }
    }
}
