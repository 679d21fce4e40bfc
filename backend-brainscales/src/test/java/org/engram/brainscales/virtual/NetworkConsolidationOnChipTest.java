package org.engram.brainscales.virtual;

import org.engram.hal.analysis.Analyses;
import org.engram.hal.analysis.PatternCompletionResult;
import org.engram.hal.device.Devices;
import org.engram.hal.device.FitReport;
import org.engram.hal.device.RunResult;
import org.engram.hal.io.ExperimentFiles;
import org.engram.hal.model.Analysis;
import org.engram.hal.model.Experiment;
import org.engram.hal.model.Protocol;
import org.engram.hal.model.Recording;
import org.engram.hal.model.Network;
import org.engram.hal.model.Population;
import org.engram.hal.model.SpikeSource;
import org.engram.hal.model.SpikeTrain;
import org.engram.hal.model.Stimulus;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * P1 memory consolidation scaled to the chip (examples/p1-chip-consolidation.yaml: 48 E + 12 I, all E→E
 * plastic, learning at 10 s, 8 h, recall at 8 h) on brainscales2:virtual at 200x against sim:float64, the
 * whole 8 h protocol (about 5 s on the virtual chip, 1 s on the emulator). Checked on both: the
 * consolidation signature of P1 (assembly weights jump, keep rising for about 2 h, z high inside the
 * assembly and near 0 outside, protein synthesis) and their agreement, including the pattern completion Q,
 * which at this size is near 0 on both (docs/brainscales.md, "Network consolidation"). At 1000x the fit
 * check rejects the network: the processor's 1 ms update would need 1237 of 250 cycles.
 */
class NetworkConsolidationOnChipTest {
    static final String CHIP = "brainscales2:virtual?speedup=200";

    static Experiment example() throws Exception {
        Path p = Path.of("..", "examples", "p1-chip-consolidation.yaml");
        if (!Files.exists(p)) p = Path.of("examples", "p1-chip-consolidation.yaml");
        return ExperimentFiles.read(p);
    }

    /** The observables of one run. */
    record Summary(double excRate, double inhRate, double wAfterLearning, double wPeak, double wPeakHour, double w8h,
                   double zAssembly, double zControl, double wControl, double pAssembly1h, double q) {
        static Summary of(Experiment e, RunResult r) {
            double[] t = r.trace("w-assembly").orElseThrow().times(), w = series(r, "w-assembly");
            int after = index(t, 60), peak = after;
            for (int k = after; k < w.length; k++) if (w[k] > w[peak]) peak = k;
            var q = (PatternCompletionResult) Analyses.compute(e, r).getFirst();
            return new Summary(r.spikes().get("spikes-exc").count() / 48.0 / 60, r.spikes().get("spikes-inh").count() / 12.0 / 60,
                    w[after], w[peak], t[peak] / 3600, last(r, "w-assembly"), last(r, "z-assembly"), last(r, "z-control"),
                    last(r, "w-control"), series(r, "p-assembly")[index(t, 3600)], q.q());
        }

        static double[] series(RunResult r, String name) {
            return r.trace(name).orElseThrow().series(0);
        }

        static double last(RunResult r, String name) {
            double[] s = series(r, name);
            return s[s.length - 1];
        }

        static int index(double[] times, double at) {
            for (int k = 0; k < times.length; k++) if (times[k] >= at - 1e-9) return k;
            throw new AssertionError("no sample at " + at + " s");
        }

        void assertConsolidates(String device) {
            assertTrue(excRate > 0.2 && excRate < 3, device + ": spontaneous E rate near P1's " + this);
            assertTrue(wAfterLearning > 6.0, device + ": learning potentiates the assembly: " + this);
            assertTrue(wPeak > wAfterLearning + 0.5 && wPeakHour > 1 && wPeakHour < 4,
                    device + ": the assembly weights keep rising for hours (the late phase forms): " + this);
            assertTrue(zAssembly > 0.6 && zControl < 0.1, device + ": z high inside the assembly, near 0 outside: " + this);
            assertTrue(pAssembly1h > 0.3, device + ": protein synthesis in the assembly: " + this);
        }
    }

    /**
     * Seed 1 (the example's) is asserted; {@code -Dchip.seeds=1,2,3} prints the table for more experiment
     * seeds (each seed draws its own connectivity, which may not fit at 200x: then the fit report is printed).
     */
    @Test
    void theScaledConsolidationProtocolFitsAt200xAndMatchesTheEmulator() throws Exception {
        System.out.printf("| seed | device | E Hz | I Hz | w assembly 60 s | peak (h) | w 8 h | z assembly | z control | w control | p assembly 1 h | Q 8 h |%n");
        for (String seedText : System.getProperty("chip.seeds", "1").split(",")) {
            long seed = Long.parseLong(seedText.trim());
            Experiment e = example().withSeed(seed);
            FitReport fit = Devices.open(CHIP).check(e);
            if (seed != 1 && !fit.fits()) {
                System.out.println("| " + seed + " | does not fit: " + fit.issues().stream().filter(i -> i.severity() == FitReport.Severity.ERROR)
                        .map(FitReport.Issue::message).toList() + " |");
                continue;
            }
            assertTrue(fit.fits(), fit.toString());
            assertTrue(fit.issues().stream().anyMatch(i -> i.rule().equals("fast-forward-realtime")), fit.toString());
            long t0 = System.nanoTime();
            RunResult chipRun = Devices.open(CHIP).run(e);
            double wall = (System.nanoTime() - t0) / 1e9;
            Summary chip = Summary.of(e, chipRun), ref = Summary.of(e, Devices.open("sim:float64").run(e));
            for (var x : List.of(new Object[]{"chip", chip}, new Object[]{"float64", ref})) {
                Summary s = (Summary) x[1];
                System.out.printf("| %d | %s | %.3f | %.3f | %.3f | %.3f (%.2f) | %.3f | %.4f | %.4f | %.3f | %.3f | %.4f |%n", seed, x[0], s.excRate,
                        s.inhRate, s.wAfterLearning, s.wPeak, s.wPeakHour, s.w8h, s.zAssembly, s.zControl, s.wControl, s.pAssembly1h, s.q);
            }
            System.out.printf("seed %d, chip: 28812 s in %.2f s wall (%.0f biological s per wall s)%n", seed, wall, 28812 / wall);
            if (seed != 1) continue;
            ref.assertConsolidates("float64");
            chip.assertConsolidates("chip");
            assertEquals(ref.wAfterLearning, chip.wAfterLearning, 0.3, "mean w in the assembly after learning (mV)");
            assertEquals(ref.wPeak, chip.wPeak, 0.3, "its maximum (mV)");
            assertEquals(ref.w8h, chip.w8h, 0.3, "at 8 h (mV)");
            assertEquals(ref.zAssembly, chip.zAssembly, 0.05, "z inside the assembly at 8 h");
            assertEquals(ref.zControl, chip.zControl, 0.03, "z outside at 8 h");
            // before slots without a synapse were masked out of Σ|h − h0|, every assembly neuron synthesised (0.63)
            assertEquals(ref.pAssembly1h, chip.pAssembly1h, 0.1, "protein in the assembly at 1 h");
            assertEquals(ref.excRate, chip.excRate, 0.25 * ref.excRate, "spontaneous E rate");
            // Q itself is near 0 at this size (mean over seeds 1-8: 0.006 float64, 0.000 chip): compared, not judged
            assertEquals(ref.q, chip.q, 0.05, "Q at 8 h");
        }
    }

    @Test
    void at1000xTheProcessorsCannotKeepUp() throws Exception {
        FitReport fit = Devices.open("brainscales2:virtual").check(example());
        assertFalse(fit.fits());
        var issue = fit.issues().stream().filter(i -> i.rule().equals("processor-time")).findFirst().orElseThrow(() -> new AssertionError(fit));
        assertTrue(issue.message().contains("11 plastic rows x 1 column blocks") && issue.message().contains("takes 1237 cycles")
                && issue.message().contains("has 250 at 1000x"), issue.message());
        assertTrue(issue.remedy().contains("lower the speed-up to 202.1"), issue.remedy());
        // at 180x the update fits, but 1 ms is 694.4 cycles: no whole number of processor cycles
        FitReport at180 = Devices.open("brainscales2:virtual?speedup=180&step=1").check(example());
        assertTrue(at180.issues().stream().anyMatch(i -> i.rule().equals("processor-period") && i.message().contains("694.4 cycles")), at180.toString());
    }

    /** The example with the recall 10 s after learning (at 20 s, no fast-forward), as P1's early recall. */
    static Experiment recallAt20s(Experiment e) {
        Protocol p = e.protocol();
        // the trains end at 22 s, and the recall comes at 20 s
        List<Population> pops = new ArrayList<>();
        for (Population pop : e.network().populations()) {
            if (!(pop.model() instanceof SpikeSource src)) {
                pops.add(pop);
                continue;
            }
            List<SpikeTrain> trains = new ArrayList<>();
            for (SpikeTrain t : src.trains()) {
                var q = (SpikeTrain.Poisson) t;
                trains.add(q.name().equals("recall") ? new SpikeTrain.Poisson(q.name(), q.select(), q.rate(), 20.0, 20.1, 1, 0)
                        : new SpikeTrain.Poisson(q.name(), q.select(), q.rate(), q.start(), Math.min(q.stop(), 22), q.repeats(), q.period()));
            }
            pops.add(new Population(pop.name(), pop.size(), pop.kind(), new SpikeSource(trains, src.deadTime()), pop.heterogeneity()));
        }
        List<Stimulus> stimuli = p.stimuli();
        List<Recording> recs = new ArrayList<>();
        recs.add(new Recording.Spikes("spikes-exc-10s", "exc", org.engram.hal.model.NeuronSelection.ALL, 19, 22));
        var pc = (Analysis.PatternCompletion) p.analyses().getFirst();
        var analysis = new Analysis.PatternCompletion("recall-10s", "spikes-exc-10s", pc.assembly(), pc.recalled(), 19.85, 20.35);
        return new Experiment(e.name() + "-10s", e.description(), e.seed(), new Network(pops, e.network().projections()),
                new Protocol(22, p.dt(), stimuli, p.plasticity(), recs, List.of(), List.of(analysis)));
    }

    @Test
    void recallTenSecondsAfterLearningMatchesTheEmulator() throws Exception {
        for (String seedText : System.getProperty("chip.seeds", "1").split(",")) {
            long seed = Long.parseLong(seedText.trim());
            Experiment e = recallAt20s(example()).withSeed(seed);
            if (seed != 1 && !Devices.open(CHIP).check(e).fits()) continue;
            assertTrue(Devices.open(CHIP).check(e).fits());
            double chip = ((PatternCompletionResult) Analyses.compute(e, Devices.open(CHIP).run(e)).getFirst()).q();
            double ref = ((PatternCompletionResult) Analyses.compute(e, Devices.open("sim:float64").run(e)).getFirst()).q();
            System.out.printf("seed %d, Q 10 s after learning: chip %.4f, float64 %.4f%n", seed, chip, ref);
            if (seed != 1) continue;
            assertEquals(ref, chip, 0.05, "Q at 20 s");
        }
    }
}
