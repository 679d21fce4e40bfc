package org.engram.brainscales.ppu;

import org.engram.brainscales.mapping.WeightQuantisation;
import org.engram.hal.device.Devices;
import org.engram.hal.device.RunResult;
import org.engram.hal.io.ExperimentFiles;
import org.engram.hal.model.Experiment;
import org.engram.hal.model.TwoPhaseRule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One of the four single-synapse protocols on the processors, open loop: the float64 emulator runs the
 * example (examples/single-synapse-*.yaml) and records the pre- and postsynaptic spikes; the lowered
 * program receives the same spikes as per-period counts (presynaptic calcium 18.8 ms after the spike)
 * and its h, z, p and weight levels are sampled every slow period, next to the emulator's traces.
 */
final class SingleSynapse {
    static final double DT = 0.2e-3;

    private SingleSynapse() {}

    static Experiment load(String protocol) {
        Path p = Path.of("..", "examples", "single-synapse-" + protocol + ".yaml");
        if (!Files.exists(p)) p = Path.of("examples", "single-synapse-" + protocol + ".yaml");
        try {
            return ExperimentFiles.read(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The float64 run: spikes and 1 s traces of h, z, w, p. */
    record Reference(double[] preTimes, double[] postTimes, double[] h, double[] z, double[] w, double[] p) {
        static Reference of(Experiment e) {
            RunResult r = Devices.open("sim:float64").run(e);
            return new Reference(r.spikes().get("spikes-pre").times(), r.spikes().get("spikes-post").times(),
                    r.trace("h").orElseThrow().series(0), r.trace("z").orElseThrow().series(0),
                    r.trace("w").orElseThrow().series(0), r.trace("p").orElseThrow().series(0));
        }
    }

    /** What the processors computed, one sample per slow period (1 s), in physical units. */
    record Ppu(double[] h, double[] z, double[] w, double[] p, int[] level, long cycles, PlasticityDriver.Stats stats) {
        double hMax() { return max(h); }
        double hMin() { return -max(neg(h)); }
        double pMax() { return max(p); }
        int end() { return h.length - 1; }
    }

    static double max(double[] x) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : x) m = Math.max(m, v);
        return m;
    }

    static double[] neg(double[] x) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) y[i] = -y[i];
        return y;
    }

    static TwoPhaseRule rule(Experiment e) {
        return (TwoPhaseRule) e.network().projections().getFirst().synapse();
    }

    static LoweredRule lower(Experiment e, UpdatePeriods periods) {
        double scale = WeightQuantisation.of(e.network(), Double.NaN, new long[]{1}).getFirst().scale();
        return PlasticityLowering.lower(rule(e), periods, new SynapseLayout(1, 1), scale, CostModel.ASSUMED);
    }

    /** Fast-period indices: calcium arrivals (pre, delayed) or spikes (post), from emulator spike times. */
    static long[] periods(double[] times, double delay, UpdatePeriods up) {
        long stepsPerPeriod = Math.round(up.fast() / DT);
        if (Math.abs(stepsPerPeriod * DT - up.fast()) > 1e-12) throw new IllegalArgumentException("fast period must be whole steps");
        long d = Math.round(delay / DT);
        long[] out = new long[times.length];
        for (int i = 0; i < times.length; i++) out[i] = (Math.round(times[i] / DT) + d) / stepsPerPeriod;
        return out;
    }

    static Ppu run(Experiment e, Reference ref, UpdatePeriods up, boolean skip) {
        LoweredRule lr = lower(e, up);
        PpuMachine m = new PpuMachine(lr.memory(), CostModel.ASSUMED, e.seed(), 0, lr.layout().columns(), 1);
        lr.initialise(m);
        long[][] pre = new long[lr.layout().synapses()][0], post = new long[lr.layout().columns()][0];
        pre[0] = periods(ref.preTimes(), rule(e).calciumDelay(), up);
        post[0] = periods(ref.postTimes(), 0, up);
        long total = Math.round(e.protocol().duration() / up.fast()) + 1;
        List<double[]> rows = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        double h0 = rule(e).h0();
        var stats = new PlasticityDriver(lr, skip).run(m, pre, post, total, (k, mm) -> {
            double h = Formats.h(mm.read(LoweredRule.H, 0, 0)), z = Formats.z(mm.read(LoweredRule.Z, 0, 0));
            rows.add(new double[]{h, z, h + h0 * z, Formats.p(mm.read(LoweredRule.P, 0, 0))});
            levels.add(mm.read(LoweredRule.W, 0, 0));
        });
        int n = rows.size();
        double[] h = new double[n], z = new double[n], w = new double[n], p = new double[n];
        int[] lv = new int[n];
        for (int i = 0; i < n; i++) {
            h[i] = rows.get(i)[0];
            z[i] = rows.get(i)[1];
            w[i] = rows.get(i)[2];
            p[i] = rows.get(i)[3];
            lv[i] = levels.get(i);
        }
        return new Ppu(h, z, w, p, lv, m.cycles(), stats);
    }
}
