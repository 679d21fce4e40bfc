package org.engram.sim;

import org.engram.hal.analysis.Analyses;
import org.engram.hal.analysis.PatternCompletionResult;
import org.engram.hal.device.Devices;
import org.engram.hal.device.RunResult;
import org.engram.hal.model.Experiment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Memory consolidation in the paper-scale network (P1: 1600 + 400 neurons, about 400 k synapses) through
 * the examples' protocols, over two seeds: learning at 10 s, 8 h of fast-forward consolidation, recall.
 * The behaviour of Luboeinski & Tetzlaff 2021 that the issue asks for, checked on the recorded means.
 */
class NetworkConsolidationTest {
    static final double H0 = 4.20075;
    static final long[] SEEDS = {1, 2};
    static final Map<Long, RunResult> consolidation = new HashMap<>(), early = new HashMap<>();
    static Experiment eightHours, tenSeconds;

    @BeforeAll
    static void run() {
        eightHours = Examples.load("p1-consolidation-8h.yaml");
        tenSeconds = Examples.load("p1-consolidation-10s.yaml");
        for (long seed : SEEDS) {
            consolidation.put(seed, Devices.open("sim:?threads=2").run(eightHours.withSeed(seed)));
            early.put(seed, Devices.open("sim:?threads=2").run(tenSeconds.withSeed(seed)));
        }
    }

    static double at(RunResult r, String trace, double t) {
        var d = r.trace(trace).orElseThrow();
        for (int i = 0; i < d.sampleCount(); i++) if (d.time(i) >= t - 1e-9) return d.value(0, i);
        throw new AssertionError(trace + " has no sample at " + t);
    }

    static double last(RunResult r, String trace) {
        double[] v = r.trace(trace).orElseThrow().values()[0];
        return v[v.length - 1];
    }

    @Test
    void assemblyWeightsJumpAfterLearningThenImproveForHoursAsTheLatePhaseForms() {
        for (long seed : SEEDS) {
            RunResult r = consolidation.get(seed);
            double learned = at(r, "w-assembly", 60);
            assertTrue(learned > 1.55 * H0 && learned < 1.85 * H0, "seed " + seed + ": w after learning " + learned / H0 + " h0");
            assertEquals(H0, at(r, "w-control", 60), 0.15, "control weights stay near h0");
            double peak = 0, peakTime = 0;
            var w = r.trace("w-assembly").orElseThrow();
            for (int i = 0; i < w.sampleCount(); i++) {
                if (w.value(0, i) > peak) {
                    peak = w.value(0, i);
                    peakTime = w.time(i);
                }
            }
            assertTrue(peak > learned + 0.3, "seed " + seed + ": consolidation improves the weights: " + peak + " vs " + learned);
            assertTrue(peakTime > 3600 && peakTime < 4 * 3600, "seed " + seed + ": improvement peaks after 1-4 h, at " + peakTime + " s");
            double end = last(r, "w-assembly");
            assertTrue(end < peak && end > learned, "seed " + seed + ": settles between: " + end);
        }
    }

    @Test
    void lateWeightsConsolidateInsideTheAssemblyOnly() {
        for (long seed : SEEDS) {
            RunResult r = consolidation.get(seed);
            double inside = last(r, "z-assembly"), outside = last(r, "z-control");
            assertTrue(inside > 0.70 && inside < 0.85, "seed " + seed + ": z inside " + inside);
            assertTrue(outside < 0.05, "seed " + seed + ": z outside " + outside);
        }
    }

    /** A property of the model: protein synthesis starts in nearly all excitatory neurons, not only the assembly. */
    @Test
    void proteinIsSynthesisedAlmostEverywhere() {
        for (long seed : SEEDS) {
            RunResult r = consolidation.get(seed);
            assertTrue(at(r, "p-control", 3600) > 0.5, "seed " + seed + ": p outside the assembly at 1 h " + at(r, "p-control", 3600));
            assertTrue(at(r, "p-assembly", 3600) > 0.5);
        }
    }

    @Test
    void recallAfterEightHoursIsAtLeastAsGoodAsAfterTenSeconds() {
        double q10 = 0, q8h = 0;
        for (long seed : SEEDS) {
            var a = (PatternCompletionResult) Analyses.compute(tenSeconds.withSeed(seed), early.get(seed)).getFirst();
            var b = (PatternCompletionResult) Analyses.compute(eightHours.withSeed(seed), consolidation.get(seed)).getFirst();
            assertTrue(a.defined() && b.defined(), a.reason() + " / " + b.reason());
            assertTrue(a.rateStimulated() > 50 && b.rateStimulated() > 50, "the recall pulse drives the stimulated half");
            q10 += a.q() / SEEDS.length;
            q8h += b.q() / SEEDS.length;
        }
        assertTrue(q8h >= q10, "mean Q at 8 h " + q8h + " vs at 10 s " + q10);
    }

    /** sim:float64 runs the same algorithm in double: the observables agree statistically. */
    @Test
    void fixedPointAgreesWithFloat64() {
        RunResult fixed = consolidation.get(1L);
        RunResult real = Devices.open("sim:float64?threads=2").run(eightHours.withSeed(1));
        assertEquals(at(real, "w-assembly", 60), at(fixed, "w-assembly", 60), 0.1);
        assertEquals(last(real, "z-assembly"), last(fixed, "z-assembly"), 0.02);
        assertEquals(last(real, "z-control"), last(fixed, "z-control"), 0.01);
        assertEquals(last(real, "p-control"), last(fixed, "p-control"), 0.05);
        double spikesF = fixed.spikes().get("spikes-exc").count(), spikesR = real.spikes().get("spikes-exc").count();
        assertEquals(1.0, spikesR / spikesF, 0.1, "spike counts over the first minute");
    }
}
