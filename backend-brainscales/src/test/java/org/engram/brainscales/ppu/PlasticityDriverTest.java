package org.engram.brainscales.ppu;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class PlasticityDriverTest {
    static final SynapseLayout LAYOUT = new SynapseLayout(2, 1);

    /** Bursts at 100 Hz (1-2 s, 12-12.3 s) and 2 Hz background on the first 8 lanes; 20 s. */
    static long[][][] inputs(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[][] pre = new long[LAYOUT.synapses()][], post = new long[LAYOUT.columns()][];
        for (int s = 0; s < pre.length; s++) pre[s] = train(r, s % 64 < 8, 1.0);
        for (int c = 0; c < post.length; c++) post[c] = train(r, c < 8, 0.3);
        return new long[][][]{pre, post};
    }

    static long[] train(SplittableRandom r, boolean active, double burstFraction) {
        List<Long> t = new ArrayList<>();
        if (active) {
            for (long k = 0; k < 20_000; k++) {
                boolean burst = (k >= 1000 && k < 2000) || (k >= 12_000 && k < 12_300);
                double p = burst ? 0.1 * burstFraction : 0.002;
                if (r.nextDouble() < p) t.add(k);
            }
        }
        return t.stream().mapToLong(Long::longValue).toArray();
    }

    record Outcome(PpuMachine.Snapshot end, List<int[]> samples, PlasticityDriver.Stats stats) {}

    static Outcome drive(LoweredRule lr, long seed, boolean skip, int lanes) {
        PpuMachine m = new PpuMachine(lr.memory(), CostModel.ASSUMED, seed, 0, LAYOUT.columns(), lanes);
        lr.initialise(m);
        long[][][] in = inputs(11);
        for (long[][] side : in) for (int i = 0; i < side.length; i++) if (i % 64 >= lanes) side[i] = new long[0];
        List<int[]> samples = new ArrayList<>();
        var stats = new PlasticityDriver(lr, skip).run(m, in[0], in[1], 20_001, (k, mm) -> {
            int[] s = new int[4 * lanes];
            for (int l = 0; l < lanes; l++) {
                s[4 * l] = mm.read("H", 1, l);
                s[4 * l + 1] = mm.read("Z", 1, l);
                s[4 * l + 2] = mm.read("P", 0, l);
                s[4 * l + 3] = mm.read("W", 1, l);
            }
            samples.add(s);
        });
        return new Outcome(m.snapshot(), samples, stats);
    }

    static LoweredRule lowered() {
        return PlasticityLoweringTest.lower(LAYOUT);
    }

    @Test
    void skippingQuietPeriodsGivesTheSameBits() {
        LoweredRule lr = lowered();
        Outcome full = drive(lr, 1, false, 64), fast = drive(lr, 1, true, 64);
        assertEquals(20_001, full.stats().fastRuns());
        assertTrue(fast.stats().skipped() > 10_000, "most periods are quiet: " + fast.stats());
        assertTrue(full.end().sameAs(fast.end(), 64), "memory, generators and cycles equal");
        assertEquals(full.samples().size(), fast.samples().size());
        for (int i = 0; i < full.samples().size(); i++) assertArrayEquals(full.samples().get(i), fast.samples().get(i), "sample " + i);
        // the bursts did something: h moved in the stimulated lanes
        int h0 = lr.word("h0");
        int[] last = fast.samples().get(2);
        assertNotEquals(h0, last[0], "lane 0 potentiated at 2 s");
    }

    /** Lane 0 does not depend on the other lanes (nor on the skips their activity prevents). */
    @Test
    void oneActiveLaneReproducesLaneZeroOfTheFullMachine() {
        LoweredRule lr = lowered();
        Outcome full = drive(lr, 2, true, 64), one = drive(lr, 2, true, 1);
        assertTrue(full.end().sameAs(one.end(), 1));
    }

    @Test
    void sameSeedSameBitsOtherSeedOtherNoise() {
        LoweredRule lr = lowered();
        Outcome a = drive(lr, 3, true, 64), b = drive(lr, 3, true, 64), c = drive(lr, 4, true, 64);
        assertTrue(a.end().sameAs(b.end(), 64));
        assertFalse(a.end().sameAs(c.end(), 64), "the seed reaches the generators");
        assertArrayEquals(a.end().memory().get("C"), c.end().memory().get("C"), "calcium has no noise");
    }

    @Test
    void inputsMustMatchTheLayout() {
        LoweredRule lr = lowered();
        PpuMachine m = new PpuMachine(lr.memory(), CostModel.ASSUMED, 1, 0, LAYOUT.columns(), 64);
        assertThrows(IllegalArgumentException.class,
                () -> new PlasticityDriver(lr, true).run(m, new long[3][0], new long[64][0], 10, null));
        long[][] pre = new long[LAYOUT.synapses()][0];
        pre[5] = new long[]{7, 3};
        var e = assertThrows(IllegalArgumentException.class,
                () -> new PlasticityDriver(lr, true).run(m, pre, new long[64][0], 10, null));
        assertTrue(e.getMessage().contains("synapse 5"), e.getMessage());
    }
}
