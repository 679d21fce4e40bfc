package org.engram.brainscales.virtual;

import org.engram.hal.device.Devices;
import org.engram.hal.device.RunResult;
import org.engram.hal.io.ExperimentFiles;
import org.engram.hal.model.Experiment;
import org.engram.hal.model.TwoPhaseRule;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The four single-synapse protocols (examples/single-synapse-*.yaml, 8 h each) on brainscales2:virtual,
 * closed loop: the chip's neurons spike, the processor counts the spikes per period, runs the lowered
 * rule and writes the 6-bit weight back. The outcome classes are those of backend-sim's
 * SingleSynapseProtocolsTest; h, z and w at 8 h are compared with sim:float64 (the table of
 * docs/brainscales.md, "Results"). The examples run unchanged: their stimuli (Poisson onto a source
 * population) fit the chip.
 */
class SingleSynapseOnChipTest {
    static final double H0 = TwoPhaseRule.H0, THETA_TAG = 0.2 * H0;
    /** Bounds on chip vs float64 at 8 h (the noise streams differ: LFSR vs Philox, and the Poisson trains). */
    static final double BOUND_H8 = 0.05, BOUND_Z8 = 0.1;

    /** Runs shared by the two tests (device URI, protocol, seed). */
    static final java.util.Map<String, RunResult> RUNS = new java.util.concurrent.ConcurrentHashMap<>();

    static RunResult run(String device, String protocol, long seed) {
        return RUNS.computeIfAbsent(device + "/" + protocol + "/" + seed, k -> {
            try {
                return Devices.open(device).run(load(protocol).withSeed(seed));
            } catch (IOException x) {
                throw new java.io.UncheckedIOException(x);
            }
        });
    }

    static Experiment load(String protocol) throws IOException {
        Path p = Path.of("..", "examples", "single-synapse-" + protocol + ".yaml");
        if (!Files.exists(p)) p = Path.of("examples", "single-synapse-" + protocol + ".yaml");
        return ExperimentFiles.read(p);
    }

    static long[] seeds() {
        return java.util.Arrays.stream(System.getProperty("chip.seeds", "1").split(",")).mapToLong(x -> Long.parseLong(x.trim())).toArray();
    }

    record Outcome(double[] h, double[] z, double[] w, double[] p) {
        static Outcome of(RunResult r) {
            return new Outcome(r.trace("h").orElseThrow().series(0), r.trace("z").orElseThrow().series(0),
                    r.trace("w").orElseThrow().series(0), r.trace("p").orElseThrow().series(0));
        }
        int end() { return h.length - 1; }
        double hMax() { return java.util.Arrays.stream(h).max().orElseThrow(); }
        double hMin() { return java.util.Arrays.stream(h).min().orElseThrow(); }
        double pMax() { return java.util.Arrays.stream(p).max().orElseThrow(); }
    }

    @Test
    void fourProtocolsGiveTheEmulatorsOutcomeClasses() throws IOException {
        List<String> table = new ArrayList<>();
        table.add("| protocol | seed | h(8 h) chip / f64 (mV) | z(8 h) chip / f64 | w(8 h) chip / f64 (mV) | Δh(8 h) | Δz(8 h) | pre spikes chip / f64 | wall s chip | bio s per wall s |");
        List<Runnable> checks = new ArrayList<>();
        for (long seed : seeds())
        for (String protocol : new String[]{"stet", "wtet", "slfs", "wlfs"}) {
            if (!System.getProperty("chip.protocols", "stet,wtet,slfs,wlfs").contains(protocol)) continue;
            Experiment e = load(protocol).withSeed(seed);
            RunResult chip = run("brainscales2:virtual", protocol, seed);
            double wall = chip.provenance().wallSeconds();
            RunResult ref = run("sim:float64", protocol, seed);
            Outcome o = Outcome.of(chip), f = Outcome.of(ref);
            int end = o.end();
            assertEquals(f.h().length, o.h().length, "one sample per second on both");
            table.add(String.format("| %s | %d | %.4f / %.4f | %.4f / %.4f | %.4f / %.4f | %+.4f | %+.4f | %d / %d | %.2f | %.0f |", protocol.toUpperCase(), seed,
                    o.h()[end], f.h()[end], o.z()[end], f.z()[end], o.w()[end], f.w()[end], o.h()[end] - f.h()[end], o.z()[end] - f.z()[end],
                    chip.spikes().get("spikes-pre").count(), ref.spikes().get("spikes-pre").count(), wall, e.protocol().duration() / wall));
            checks.add(() -> check(protocol, o, f));
        }
        System.out.println(String.join("\n", table));
        checks.forEach(Runnable::run);
    }

    /**
     * SLFS's late phase depends on how long the noisy Σ|h − h0| of one Poisson realisation stays above θ_pro:
     * float64's own z(8 h) ranges over −0.22 … −0.33 across seeds 1-6 (docs/brainscales.md), and the chip's
     * Poisson trains are other realisations than the emulator's (seed 1 ends at z = −0.14 on the chip). So
     * the outcome class is judged on the chip's mean over seeds 1-3 with float64's criteria, and that mean
     * is compared with float64's seed-1 value (further float64 runs would cost 7 s each).
     */
    @Test
    void slfsOverSeedsGivesLatePhaseLtdLikeFloat64() {
        double zChip = 0, wChip = 0;
        int n = 3;
        for (long seed = 1; seed <= n; seed++) {
            Outcome o = Outcome.of(run("brainscales2:virtual", "slfs", seed));
            zChip += o.z()[o.end()] / n;
            wChip += o.w()[o.end()] / n;
        }
        Outcome f = Outcome.of(run("sim:float64", "slfs", 1));
        double zRef = f.z()[f.end()];
        System.out.printf("SLFS seeds 1-3: mean z(8 h) chip %.4f (float64 seed 1: %.4f); mean w(8 h) chip %.4f mV%n", zChip, zRef, wChip);
        assertTrue(zChip < -0.2, "late-phase LTD on average: " + zChip);
        assertTrue(wChip < 0.8 * H0, "w well below h0 on average: " + wChip);
        assertEquals(zRef, zChip, 0.1, "mean z(8 h) on the chip vs float64");
    }

    static void check(String protocol, Outcome o, Outcome f) {
        int end = o.end();
        {
            switch (protocol) {
                case "stet" -> assertAll("STET",
                        () -> assertTrue(o.hMax() > H0 + 3, "early LTP drives h well up: " + o.hMax()),
                        () -> assertTrue(o.pMax() > 0.5, "protein synthesis triggered: " + o.pMax()),
                        () -> assertTrue(o.z()[end] > 0.6, "late phase formed: " + o.z()[end]),
                        () -> assertTrue(o.w()[end] > 1.6 * H0, "w stays well above h0: " + o.w()[end]),
                        () -> assertTrue(Math.abs(o.h()[end] - H0) < THETA_TAG, "early phase decayed: " + o.h()[end]));
                case "wtet" -> assertAll("WTET",
                        () -> assertTrue(o.hMax() > H0 + 0.3, "early LTP: " + o.hMax()),
                        () -> assertEquals(0.0, o.pMax(), "no protein"),
                        () -> assertEquals(0.0, o.z()[end], "no late phase"),
                        () -> assertTrue(Math.abs(o.w()[end] - H0) < 0.1, "w back near h0: " + o.w()[end]));
                case "slfs" -> assertAll("SLFS (one realisation; the class is judged on the mean, see slfsOverSeeds)",
                        () -> assertTrue(o.hMin() < H0 - 2, "early LTD drives h well down: " + o.hMin()),
                        () -> assertTrue(o.pMax() > 0.3, "protein synthesis triggered: " + o.pMax()),
                        () -> assertTrue(o.z()[end] < -0.1, "late-phase LTD formed: " + o.z()[end]),
                        () -> assertTrue(o.w()[end] < 0.9 * H0, "w stays below h0: " + o.w()[end]));
                default -> assertAll("WLFS",
                        () -> assertTrue(o.hMin() < H0 - THETA_TAG, "early LTD, tagged: " + o.hMin()),
                        () -> assertEquals(0.0, o.pMax(), "no protein"),
                        () -> assertEquals(0.0, o.z()[end], "no late phase"),
                        () -> assertTrue(Math.abs(o.w()[end] - H0) < 0.1, "w back near h0: " + o.w()[end]));
            }
            assertEquals(f.h()[end], o.h()[end], BOUND_H8, protocol + " h(8 h) vs float64");
            if (!protocol.equals("slfs")) assertEquals(f.z()[end], o.z()[end], BOUND_Z8, protocol + " z(8 h) vs float64");
        }
    }
}
