package org.engram.brainscales.ppu;

import org.engram.hal.model.TwoPhaseRule;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class PlasticityLoweringTest {
    static final TwoPhaseRule RULE = TwoPhaseRule.SINGLE_SYNAPSE;
    static final double SCALE = (RULE.hLtpTarget() + RULE.h0() * RULE.zMax()) / 63;

    static LoweredRule lower(SynapseLayout layout) {
        return PlasticityLowering.lower(RULE, UpdatePeriods.DEFAULT, layout, SCALE, CostModel.ASSUMED);
    }

    static PpuMachine machine(LoweredRule lr, long seed) {
        PpuMachine m = new PpuMachine(lr.memory(), CostModel.ASSUMED, seed, 0, lr.layout().columns(), 64);
        lr.initialise(m);
        return m;
    }

    @Test
    void constantsAreRoundedOnceIntoTheirFormats() {
        LoweredRule lr = lower(new SynapseLayout(1, 1));
        assertEquals(6144, lr.word("theta_p"));
        assertEquals(2458, lr.word("theta_d"));          // 1.2 x 2048 = 2457.6
        assertEquals(2048, lr.word("c_pre"));
        assertEquals(565, lr.word("c_post"));            // 0.2758 x 2048 = 564.84
        assertEquals(8603, lr.word("h0"));               // 4.20075 x 2048 = 8603.1
        assertEquals(1721, lr.word("theta_tag"));
        assertEquals(16384, lr.word("z_max"));
        assertEquals(-8192, lr.word("z_min"));
        for (Scaled f : lr.factors().values()) {
            if (f.value() == 0) continue;
            assertTrue(f.k() >= 2048 || f.shift() == 0, f + " keeps 12+ significant bits");
            assertEquals(f.value(), f.effective(), f.value() * 2e-4, f.name());
        }
        assertEquals(5, lr.factor("Kc").shift());
        assertEquals(lr.factor("K_ltp").shift(), lr.factor("K_ltd").shift(), "selected per lane, so one shift");
        assertEquals(6, lr.drawsPerFastBlock());
    }

    @Test
    void unsupportedRulesAreRejectedWithTheReason() {
        var gated = RULE.withLtpGate(40, 0.5);
        var e = assertThrows(IllegalArgumentException.class,
                () -> PlasticityLowering.lower(gated, UpdatePeriods.DEFAULT, new SynapseLayout(1, 1), SCALE, CostModel.ASSUMED));
        assertTrue(e.getMessage().contains("LTP gate"));
        var big = RULE.withCalcium(2.5, 0.2);
        e = assertThrows(IllegalArgumentException.class,
                () -> PlasticityLowering.lower(big, UpdatePeriods.DEFAULT, new SynapseLayout(1, 1), SCALE, CostModel.ASSUMED));
        assertTrue(e.getMessage().contains("c_pre"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new UpdatePeriods(1e-3, 1.5e-3));
    }

    @Test
    void stateGoesToSramUntilItIsFullThenToExternalMemory() {
        MemoryMap one = lower(new SynapseLayout(1, 1)).memory();
        assertEquals(0, one.bytes(Region.Memory.EXTERNAL));
        // 32 blocks: 4 KiB per synapse variable; 12 KiB data SRAM - 3 x 512 B per-column = 10.5 KiB: C and H fit
        MemoryMap mid = lower(new SynapseLayout(8, 4)).memory();
        assertEquals(Region.Memory.SRAM, mid.region("C").memory());
        assertEquals(Region.Memory.SRAM, mid.region("H").memory());
        assertEquals(Region.Memory.EXTERNAL, mid.region("PRE").memory());
        assertEquals(Region.Memory.EXTERNAL, mid.region("Z").memory());
        MemoryMap hemi = lower(SynapseLayout.HEMISPHERE).memory();
        assertEquals(5 * 128 * 1024, hemi.bytes(Region.Memory.EXTERNAL), "C, H, PRE, Z, DEAD: 128 KiB each");
        assertEquals(Region.Memory.SYNAPSE_ARRAY, hemi.region("W").memory());
    }

    @Test
    void ltpRegimeApproachesItsTargetWithTheExpectedNoise() {
        LoweredRule lr = lower(new SynapseLayout(1, 1));
        PpuMachine m = machine(lr, 3);
        int hot = Fixed.word("c", 5.0, Formats.C_FRAC);
        double h0 = RULE.h0(), rate = (RULE.gammaP() + RULE.gammaD()) / RULE.tauH();
        double target = RULE.gammaP() * RULE.hLtpTarget() / (RULE.gammaP() + RULE.gammaD());
        for (int k = 0; k < 500; k++) {
            for (int l = 0; l < 64; l++) m.write("C", 0, l, hot);
            m.run(lr.fast());
        }
        double[] h = lanes(m, "H");
        double expected = target + (h0 - target) * Math.exp(-0.5 * rate);
        double sd = sd(h), mean = mean(h);
        // OU spread after 0.5 s: sigma_pl sqrt(2 tau_h) / rate / tau_h x sqrt(rate/2 (1 - e^(-2 rate t)))
        double spread = RULE.sigmaPl() * Math.sqrt(2 * RULE.tauH()) / RULE.tauH() * Math.sqrt((1 - Math.exp(-2 * rate * 0.5)) / (2 * rate));
        assertEquals(expected, mean, 4 * spread / 8 + 0.01, "mean over 64 lanes");
        assertEquals(spread, sd, 0.3 * spread, "spread across lanes");
        // the weights follow: h + h0 z with z = 0
        for (int l = 0; l < 64; l++) assertEquals(lr.level(h[l], 0), m.read("W", 0, l), 1);
    }

    @Test
    void ltdRegimeDecaysTowardsZeroAndBelowThetaDNothingMoves() {
        LoweredRule lr = lower(new SynapseLayout(1, 1));
        PpuMachine m = machine(lr, 4);
        int warm = Fixed.word("c", 2.0, Formats.C_FRAC);
        for (int k = 0; k < 1000; k++) {
            for (int l = 0; l < 64; l++) m.write("C", 0, l, warm);
            m.run(lr.fast());
        }
        double expected = RULE.h0() * Math.exp(-1.0 * RULE.gammaD() / RULE.tauH());
        assertEquals(expected, mean(lanes(m, "H")), 0.02);
        int[] before = new int[64];
        for (int l = 0; l < 64; l++) {
            before[l] = m.read("H", 0, l);
            m.write("C", 0, l, Fixed.word("c", 1.0, Formats.C_FRAC));
        }
        m.run(lr.fast());
        for (int l = 0; l < 64; l++) assertEquals(before[l], m.read("H", 0, l), "c < theta_d: h holds");
    }

    @Test
    void slowProgramRelaxesHAndBuildsProteinAndLatePhaseAsTheClosedForms() {
        LoweredRule lr = lower(new SynapseLayout(1, 1));
        PpuMachine m = machine(lr, 5);
        double h0 = RULE.h0();
        for (int l = 0; l < 64; l++) m.write("H", 0, l, Fixed.word("h", h0 + (l < 32 ? 8 : -4), Formats.H_FRAC));
        for (int t = 0; t < 3600; t++) m.run(lr.slow());
        // tagged and above theta_pro all hour: synthesis starts after the first tick (flag of the previous tick)
        double relax = Math.exp(-3600 * RULE.relaxation() / RULE.tauH());
        double pEnd = 1 - Math.exp(-3599 / RULE.tauP());
        double integral = 0;
        for (int t = 1; t <= 3600; t++) integral += 1 - Math.exp(-(t - 1) / RULE.tauP());   // p after t updates
        double zUp = 1 - Math.exp(-integral / RULE.tauZ());
        double[] h = lanes(m, "H"), z = lanes(m, "Z");
        // stochastic rounding adds uniform noise of 1/12 LSB^2 per step: sd sqrt(3600/12) LSB = 0.0085 mV after an hour
        double dUp = 0, dDown = 0;
        for (int l = 0; l < 32; l++) {
            dUp += (h[l] - h0) / 32;
            dDown += (h[l + 32] - h0) / 32;
        }
        assertEquals(8 * relax, dUp, 0.005, "relaxation unbiased over 32 lanes");
        assertEquals(-4 * relax, dDown, 0.005, "relaxation unbiased over 32 lanes");
        for (int l = 0; l < 64; l++) {
            boolean up = l < 32;
            assertEquals((up ? 8 : -4) * relax, h[l] - h0, 0.035, "relaxation, lane " + l);
            assertEquals(up ? zUp : -0.5 * zUp, z[l], 0.005, "late phase, lane " + l);
            assertEquals(pEnd, Formats.p(m.read("P", 0, l)), 0.003, "protein, lane " + l);
            assertEquals(-1, m.read("THETA", 0, l), "synthesis still on");
        }
        // nearest rounding would freeze the relaxation: its step is below half an LSB for |d| < 1.7 mV
        assertEquals(0, PpuArithmetic.shr(Lane.H16, PpuArithmetic.mulFrac(Lane.H16, 3000, lr.factor("Kr").k()), lr.factor("Kr").shift()));
    }

    @Test
    void hemisphereUpdateCosts() {
        LoweredRule lr = lower(SynapseLayout.HEMISPHERE);
        long fast = lr.fastCycles(CostModel.ASSUMED), slow = lr.slowCycles(CostModel.ASSUMED);
        PpuMachine m = new PpuMachine(lr.memory(), CostModel.ASSUMED, 1, 0, 256, 1);
        lr.initialise(m);
        m.run(lr.fast());
        assertEquals(fast, m.cycles(), "the interpreter counts what the model predicts");
        m.run(lr.slow());
        assertEquals(fast + slow, m.cycles());
        LoweredRule single = lower(new SynapseLayout(1, 1));
        long one = single.fastCycles(CostModel.ASSUMED);
        System.out.printf("fast update: hemisphere %d cycles = %.1f us at 250 MHz; one block %d cycles = %.3f us; slow: hemisphere %d cycles = %.1f us%n",
                fast, fast / 250.0, one, one / 250.0, slow, slow / 250.0);
        // external memory: 4 loads and 2 stores of 104 cycles per block dominate
        assertTrue(fast > 1024 * 6 * CostModel.ASSUMED.transfer(Region.Memory.EXTERNAL));
        // at 1000x a 1 ms fast period is 1 us of hardware time, 250 cycles: the SRAM-resident blocks that fit
        int fit = 0;
        while (lower(new SynapseLayout(fit + 1, 1)).fastCycles(CostModel.ASSUMED) <= 250) fit++;
        System.out.printf("blocks of 64 synapses per 250-cycle fast period (SRAM): %d; hemisphere needs %.0fx the period%n", fit, fast / 250.0);
        assertTrue(fit >= 1 && fit < 4, "one or two blocks (64-128 synapses) per processor at 1000x, not a hemisphere: " + fit);
        // the slow program for a hemisphere needs a slow period of at least this (biological, 1000x)
        System.out.printf("slow period needed for a hemisphere at 1000x: %.2f s%n", slow / 250e6 * 1000);
    }

    static double[] lanes(PpuMachine m, String region) {
        double[] x = new double[64];
        for (int l = 0; l < 64; l++) {
            int raw = m.read(region, 0, l);
            x[l] = region.equals("Z") ? Formats.z(raw) : Formats.h(raw);
        }
        return x;
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    static double sd(double[] x) {
        double m = mean(x), s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return Math.sqrt(s / (x.length - 1));
    }
}
