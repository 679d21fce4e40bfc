package org.engram.brainscales.virtual;

import org.engram.brainscales.mapping.ChipGeometry;
import org.engram.brainscales.mapping.FitCheck;
import org.engram.brainscales.mapping.HardwareTime;
import org.engram.brainscales.ppu.SynapseLayout;
import org.engram.brainscales.ppu.UpdatePeriods;
import org.engram.hal.device.FitReport;
import org.engram.hal.device.FitReport.Issue;
import org.engram.hal.device.FitReport.Severity;
import org.engram.hal.model.Experiment;
import org.engram.hal.model.FastForward;
import org.engram.hal.model.Population;
import org.engram.hal.model.Projection;
import org.engram.hal.model.Recording;
import org.engram.hal.model.Stimulus;
import org.engram.hal.model.TraceVariable;

import org.engram.support.fit.References;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The BrainScaleS-2 rules ({@link FitCheck}) plus what the virtual chip's adapter realises: source
 * populations are driven from the FPGA (their trains generated on the host); one plastic
 * projection; traces of V (CADC, one sampling interval), and of h, z, w, c and p of the plastic projection
 * (processor memory, at multiples of the 1 s slow period); no merged circuits, heterogeneity, plasticity
 * windows or fast-forward.
 */
public final class VirtualFit {
    private VirtualFit() {}

    /** The report, the mapping-independent FitCheck result and the host source populations. */
    public record Result(FitReport report, FitCheck.Result base, Set<String> hostSources) {}

    public static Result check(String uri, Experiment e, VirtualOptions o) {
        List<Issue> dangling = References.check(e);
        if (!dangling.isEmpty()) return new Result(new FitReport(uri, dangling), null, Set.of());   // placement looks names up
        HardwareTime time = o.time();
        FitCheck.Result base = FitCheck.check(uri, e, time, ChipGeometry.BSS2, Double.NaN);
        if (base.placement() == null) return new Result(base.report(), base, null);
        // processor time is judged below on the chip's own layout (host sources take no circuits, rows packed)
        List<Issue> out = new ArrayList<>(base.report().issues().stream().filter(x -> !x.rule().equals("processor-time")).toList());
        if (base.placement().circuitsFit() && base.placement().merge() > 1) {
            out.add(error("merged-circuits", "network", "the placement merges " + base.placement().merge()
                    + " circuits per neuron; the virtual chip models one circuit per neuron", "lower the fan-in"));
        }
        Set<String> hosts = new LinkedHashSet<>();
        for (int i = 0; i < e.network().populations().size(); i++) {
            Population p = e.network().populations().get(i);
            if (p.isSource()) hosts.add(p.name());
        }
        for (int i = 0; i < e.network().populations().size(); i++) {
            Population p = e.network().populations().get(i);
            if (!p.heterogeneity().isEmpty()) {
                out.add(error("heterogeneity", "network.populations[" + i + "].heterogeneity",
                        "the chip's neurons differ by their own fixed-pattern noise; parameter distributions are not realised",
                        "remove the heterogeneity (the chip adds its own; see spread=)"));
            }
        }
        List<Stimulus> stimuli = e.protocol().stimuli();
        for (int i = 0; i < stimuli.size(); i++) {
            Stimulus s = stimuli.get(i);
            String path = "protocol.stimuli[" + i + "]";
            if (s instanceof Stimulus.OuCurrent) continue;   // FitCheck reports it
            if (s instanceof Stimulus.ForceFiring) {
                out.add(error("force-firing", path, "force_firing '" + s.name() + "' is not realised on the virtual chip",
                        "drive the neurons from a source population (Poisson or regular trains) through a static projection"));
            }
        }
        if (!e.protocol().plasticity().isEmpty()) {
            out.add(error("plasticity-windows", "protocol.plasticity", "plasticity windows (switching the processors' program on and off) are not realised",
                    "remove them"));
        }
        for (int i = 0; i < e.protocol().fastForward().size(); i++) {
            FastForward f = e.protocol().fastForward().get(i);
            out.add(new Issue(Severity.WARNING, "fast-forward-realtime", "protocol.fast_forward[" + i + "]", String.format(
                    "the chip cannot skip time: [%s s, %s s) runs in accelerated real time (%.4g s of hardware time at %.0fx) with the Poisson stimuli paused, as the emulator pauses them; the emulator also silences the neurons there, the chip does not (a network that fires without input keeps firing)",
                    FitCheck.plain(f.start()), FitCheck.plain(f.stop()), time.toHardware(f.stop() - f.start()), time.speedUp()), ""));
        }
        recordings(out, e, time, o);
        if (out.stream().noneMatch(x -> x.severity() == Severity.ERROR)) {
            try {
                processorTime(out, ChipMapping.of(e, time, base.quantisation(), hosts), time, o.stepCycles());
            } catch (MappingException m) {
                out.add(error(m.rule(), m.element(), m.getMessage(), "reduce the network"));
            }
        }
        return new Result(new FitReport(uri, out), base, hosts);
    }

    /**
     * Whether the processor's fast update (calcium and early phase every fast period) of the plastic rows
     * the mapping packed fits in the period at this speed-up, with the fast period a whole number of steps.
     */
    private static void processorTime(List<Issue> out, ChipMapping map, HardwareTime time, int stepCycles) {
        ChipMapping.PlasticLayout pl = map.plastic();
        if (pl == null) return;
        String path = "network.projections[" + pl.projection() + "]";
        UpdatePeriods periods = UpdatePeriods.DEFAULT;
        if (!wholeSteps(time, periods.fast(), stepCycles)) {
            out.add(error("processor-period", path, String.format(
                    "the processor period %s s is %.4g cycles at %.0fx: it must be a whole number of cycles and of %d-cycle steps",
                    FitCheck.plain(periods.fast()), time.toHardware(periods.fast()) / HardwareTime.CYCLE_SECONDS, time.speedUp(), stepCycles),
                    "choose a speed-up where 1 ms is a whole number of 8 ns cycles (200, 250, 500, 1000) and a step that divides it"));
        }
        var layout = new SynapseLayout(pl.rows().length, pl.columnBlocks());
        long cycles = FitCheck.fastUpdateCycles(pl.rule(), layout, pl.scale());
        double available = FitCheck.cyclesPerFastPeriod(time);
        if (cycles > available) {
            double speedUp = time.speedUp() * available / cycles;
            out.add(error("processor-time", path, String.format(
                    "the processor's fast update of %d plastic rows x %d column blocks (calcium and early phase every %s s) takes %d cycles, the period has %.0f at %.0fx (%.2fx too slow)",
                    layout.rows(), layout.columnBlocks(), FitCheck.plain(periods.fast()), cycles, available, time.speedUp(), cycles / available),
                    String.format("lower the speed-up to %.4g or less (the time constants allow down to about 167x), or fewer plastic synapses per neuron (rows = the largest plastic fan-in)", speedUp)));
        }
    }

    /** Whether {@code seconds} (biological) is a whole number of cycles and of {@code stepCycles}-cycle steps. */
    static boolean wholeSteps(HardwareTime time, double seconds, int stepCycles) {
        long cycles = time.cycles(seconds);
        return Math.abs(time.biological(cycles) - seconds) <= 1e-9 * seconds && cycles % stepCycles == 0;
    }

    private static void recordings(List<Issue> out, Experiment e, HardwareTime time, VirtualOptions o) {
        double vInterval = Double.NaN;
        double slow = UpdatePeriods.DEFAULT.slow();
        List<Recording> recs = e.protocol().recordings();
        for (int i = 0; i < recs.size(); i++) {
            if (!(recs.get(i) instanceof Recording.Trace t)) continue;
            String path = "protocol.recordings[" + i + "]";
            switch (t.variable()) {
                case V -> {
                    long cycles = time.cycles(t.interval());
                    if (cycles % o.stepCycles() != 0 || cycles == 0) {
                        out.add(error("cadc-interval", path + ".interval", "V is sampled every " + cycles + " cycles, not a multiple of the "
                                + o.stepCycles() + "-cycle step", "use a multiple of " + time.biological(o.stepCycles()) + " s"));
                    }
                    if (!Double.isNaN(vInterval) && vInterval != t.interval()) {
                        out.add(error("cadc-interval", path + ".interval", "the CADC samples at one interval; another V trace uses " + vInterval + " s",
                                "use one interval for all V traces"));
                    }
                    vInterval = t.interval();
                }
                case I_SYN -> out.add(error("trace-variable", path, "I_SYN is not observable on the chip", "record V"));
                case P, H, Z, W, C -> {
                    boolean plastic = e.network().projections().stream().anyMatch(Projection::plastic);
                    if (!plastic) {
                        out.add(error("trace-variable", path, t.variable() + " needs a plastic projection (processor memory)", "remove the trace"));
                    }
                    double k = t.interval() / slow;
                    if (Math.abs(k - Math.rint(k)) > 1e-9 || Math.rint(k) < 1) {
                        out.add(error("trace-interval", path + ".interval", t.variable() + " is read from processor memory at slow periods ("
                                + slow + " s); " + t.interval() + " s is not a multiple", "use a whole number of seconds"));
                    }
                }
            }
        }
    }

    private static Issue error(String rule, String element, String message, String remedy) {
        return new Issue(Severity.ERROR, rule, element, message, remedy);
    }
}
