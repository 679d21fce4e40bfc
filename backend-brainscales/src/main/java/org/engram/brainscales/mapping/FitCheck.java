package org.engram.brainscales.mapping;

import org.engram.hal.device.FitReport;
import org.engram.hal.device.ModelRules;
import org.engram.hal.device.FitReport.Issue;
import org.engram.hal.device.FitReport.Severity;
import org.engram.hal.model.Experiment;
import org.engram.hal.model.LifParameters;
import org.engram.hal.model.Population;
import org.engram.hal.model.Projection;
import org.engram.hal.model.Stimulus;
import org.engram.hal.model.TwoPhaseRule;
import org.engram.brainscales.ppu.CostModel;
import org.engram.brainscales.ppu.PlasticityLowering;
import org.engram.brainscales.ppu.SynapseLayout;
import org.engram.brainscales.ppu.UpdatePeriods;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The BrainScaleS-2 fit rules, checked before any run: neuron circuits, synapse rows and drivers (with
 * 6-bit labels), time constants against the calibratable ranges at the chosen speed-up, delays, stimuli
 * the chip cannot produce, run length, plasticity-processor memory and weight quantisation. Each issue
 * names the rule, the element (a path into the experiment), the amount and a remedy.
 */
public final class FitCheck {
    /** Bytes of plasticity state per plastic synapse on the processors: c, h, z, the spike count and the empty-slot mask as 16-bit words. */
    public static final int PPU_BYTES_PER_SYNAPSE = 10;
    public static final int PPU_SRAM_BYTES = 16 * 1024;
    /** The shortest delay the FPGA's event loopback can realise, hardware seconds. */
    public static final double MIN_LOOPBACK_DELAY = 1e-6;

    private FitCheck() {}

    /** The report and the placement it was based on. */
    public record Result(FitReport report, Placement placement, List<WeightQuantisation.Entry> quantisation) {}

    public static Result check(String uri, Experiment e, HardwareTime time, ChipGeometry chip, double scaleOverride) {
        List<Issue> out = new ArrayList<>();
        // the chip's neuron circuits are AdEx/LIF and its synapses have one weight per projection here
        out.addAll(ModelRules.neuronModels(e, Set.of("lif", "source"),
                "the chip's neuron circuits realise lif (sources come from the FPGA); run rate networks on sim:float64"));
        out.addAll(ModelRules.perSynapseValues(e, "give the projection one weight and one delay"));
        if (!out.isEmpty()) return new Result(new FitReport(uri, out), null, List.of());
        Placement placement = Placement.best(e.network(), e.seed(), chip);
        placement(out, placement, chip);
        for (int i = 0; i < e.network().populations().size(); i++) {
            if (e.network().populations().get(i).isLif()) timeConstants(out, time, e.network().populations().get(i), i);
        }
        List<WeightQuantisation.Entry> q = WeightQuantisation.of(e.network(), scaleOverride, placement.synapsesPerProjection());
        for (int i = 0; i < e.network().projections().size(); i++) {
            Projection pr = e.network().projections().get(i);
            String path = "network.projections[" + i + "]";
            delay(out, time, pr, path);
            WeightQuantisation.Entry w = q.get(i);
            if (w.clipped() > 0) {
                out.add(new Issue(Severity.ERROR, "weight-range", path + ".synapse", w.describe(),
                        "raise the weight scale so that the largest weight stays at or below level 63"));
            } else {
                out.add(new Issue(Severity.WARNING, "weight-quantisation", path + ".synapse", w.describe(), ""));
            }
            if (pr.synapse() instanceof TwoPhaseRule r) {
                plasticity(out, time, r, w.synapses(), path);
                processorTime(out, time, r, w.scale(), placement, path);
            }
        }
        for (int i = 0; i < e.protocol().stimuli().size(); i++) {
            if (e.protocol().stimuli().get(i) instanceof Stimulus.OuCurrent o) {
                out.add(new Issue(Severity.ERROR, "noise-current", "protocol.stimuli[" + i + "]", "'" + o.name()
                        + "' is an Ornstein-Uhlenbeck current; the chip has no per-neuron noise current",
                        "drive the background with Poisson spike sources (the chip has 8 background generators; more come from the FPGA)"));
            }
        }
        List<HardwareTime.Run> runs = time.runs(e.protocol().duration());
        if (runs.size() > 1) {
            out.add(new Issue(Severity.WARNING, "run-split", "protocol.duration", String.format(
                    "%.6g s biological are %.4g s of hardware time at %.0fx, more than one run's %.4g s: %d consecutive runs with the state carried over",
                    e.protocol().duration(), time.toHardware(e.protocol().duration()), time.speedUp(),
                    HardwareTime.MAX_RUN_CYCLES * HardwareTime.CYCLE_SECONDS, runs.size()), ""));
        }
        return new Result(new FitReport(uri, out), placement, q);
    }

    private static void placement(List<Issue> out, Placement p, ChipGeometry chip) {
        String busiest = p.maxFanIn().stream().map(f -> String.format("%s neuron %d has %d %s inputs", f.population(),
                f.neuron(), f.synapses(), f.sign().name().toLowerCase())).reduce((a, b) -> a + "; " + b).orElse("no synapses");
        if (!p.circuitsFit()) {
            out.add(new Issue(Severity.ERROR, "neuron-circuits", "network", String.format(
                    "%d neurons need %d neuron circuits, the chip has %d", p.neurons(), p.circuitsNeeded(), chip.circuits()),
                    "use at most " + chip.circuits() + " neurons, or split the network over several chips"));
            return;
        }
        for (Placement.HemisphereUse h : p.hemispheres()) {
            if (h.rows() > chip.rowsPerHemisphere()) {
                out.add(new Issue(Severity.ERROR, "synapse-rows", "network", String.format(
                        "hemisphere %d (%d neurons, %d circuits each) needs %d excitatory + %d inhibitory synapse rows, it has %d (a row tells at most %d sources apart by label; %s)",
                        h.index(), h.neurons(), p.merge(), h.excitatoryRows(), h.inhibitoryRows(), chip.rowsPerHemisphere(),
                        chip.labelsPerRow(), busiest),
                        "lower the fan-in (connection probability or population sizes), or use fewer neurons so that circuits can be merged"));
            }
            if (h.drivers() > chip.driversPerHemisphere()) {
                out.add(new Issue(Severity.ERROR, "synapse-drivers", "network", String.format(
                        "hemisphere %d needs %d synapse drivers, it has %d", h.index(), h.drivers(), chip.driversPerHemisphere()),
                        "lower the fan-in"));
            }
        }
    }

    private static void timeConstants(List<Issue> out, HardwareTime time, Population p, int i) {
        String path = "network.populations[" + i + "].lif";
        LifParameters lif = p.lif();
        range(out, time, HardwareTime.TAU_MEM, lif.tauMem(), path + ".tau_mem");
        range(out, time, HardwareTime.TAU_SYN, lif.tauSyn(), path + ".tau_syn");
        if (lif.tRef() > 0) range(out, time, HardwareTime.REFRACTORY, lif.tRef(), path + ".t_ref");
    }

    private static void range(List<Issue> out, HardwareTime time, HardwareTime.Range r, double bio, String path) {
        double hw = time.toHardware(bio);
        if (r.contains(hw)) return;
        out.add(new Issue(Severity.ERROR, "time-constant-range", path, String.format(
                "%s = %.4g s biological is %.4g µs on the chip at %.0fx, outside the calibratable %.3g-%.3g µs",
                r.name(), bio, hw * 1e6, time.speedUp(), r.min() * 1e6, r.max() * 1e6),
                "choose " + r.name() + " within " + plain(time.toBiological(r.min())) + "-"
                        + plain(time.toBiological(r.max())) + " s biological, or another speed-up"));
    }

    /** Four significant digits without trailing zeros (0.0005, 0.06). */
    public static String plain(double x) {
        return new java.math.BigDecimal(x, new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static void delay(List<Issue> out, HardwareTime time, Projection pr, String path) {
        if (pr.delay() == 0) return;
        double hw = time.toHardware(pr.delay());
        if (hw < MIN_LOOPBACK_DELAY) {
            out.add(new Issue(Severity.ERROR, "delay", path + ".delay", String.format(
                    "delay %.4g s is %.4g µs on the chip; the chip has no synaptic delays and the FPGA loopback that emulates them takes at least %.3g µs",
                    pr.delay(), hw * 1e6, MIN_LOOPBACK_DELAY * 1e6), "use delay 0 or at least "
                    + plain(time.toBiological(MIN_LOOPBACK_DELAY)) + " s"));
            return;
        }
        long cycles = time.cycles(pr.delay());
        out.add(new Issue(Severity.WARNING, "delay-emulated", path + ".delay", String.format(
                "the chip has no synaptic delays: this projection's spikes leave the chip and the FPGA injects them back after %d cycles (%s s biological, off by %.3g s), using the event link",
                cycles, plain(time.biological(cycles)), time.quantisationError(pr.delay())), ""));
    }

    /**
     * Whether the processors' fast update (calcium and early phase, every 1 ms biological) of a
     * hemisphere's plastic synapses fits in the period at this speed-up: the program visits the rows the
     * plastic synapses need (they get rows of their own: the program writes a weight into every column of
     * its rows), for the column blocks the hemisphere's neurons occupy.
     */
    private static void processorTime(List<Issue> out, HardwareTime time, TwoPhaseRule r, double scale, Placement placement,
                                      String path) {
        if (r.ltpGated()) {
            out.add(new Issue(Severity.ERROR, "processor-program", path + ".synapse.two_phase.ltp_gate_rate",
                    "the LTP gate is not lowered to the plasticity processors", "use ltp_gate_rate 0 on this device"));
            return;
        }
        UpdatePeriods periods = UpdatePeriods.DEFAULT;
        double available = cyclesPerFastPeriod(time);
        for (Placement.HemisphereUse h : placement.hemispheres()) {
            if (h.plasticRows() == 0) continue;
            var layout = new SynapseLayout(Math.min(256, h.plasticRows()), Math.max(1, Math.min(4, (h.circuits() + 63) / 64)));
            long cycles = fastUpdateCycles(r, layout, scale);
            if (cycles <= available) continue;
            out.add(new Issue(Severity.ERROR, "processor-time", path, String.format(
                    "hemisphere %d: the processor's %s-synapse fast update (calcium and early phase every %s s) takes %d cycles, the period has %.0f at %.0fx (%.1fx too slow)",
                    h.index(), layout.synapses(), plain(periods.fast()), cycles, available, time.speedUp(), cycles / available),
                    remedy(time.speedUp() * available / cycles)));
        }
    }

    /** Processor cycles (CostModel.ASSUMED) in one fast period (UpdatePeriods.DEFAULT) at the speed-up. */
    public static double cyclesPerFastPeriod(HardwareTime time) {
        return time.toHardware(UpdatePeriods.DEFAULT.fast()) * CostModel.ASSUMED.clockHz();
    }

    /** Cycles of the lowered rule's fast update of a layout (CostModel.ASSUMED, UpdatePeriods.DEFAULT). */
    public static long fastUpdateCycles(TwoPhaseRule r, SynapseLayout layout, double scale) {
        return PlasticityLowering.lower(r, UpdatePeriods.DEFAULT, layout, scale, CostModel.ASSUMED).fastCycles(CostModel.ASSUMED);
    }

    private static String remedy(double speedUp) {
        String few = "keep at most 128 plastic synapses per hemisphere (a program that visits only synapses with calcium is not built yet)";
        return speedUp >= 1 ? String.format("lower the speed-up to %.3g or less, or %s", speedUp, few)
                : "no speed-up of at least 1 suffices: " + few;
    }

    private static void plasticity(List<Issue> out, HardwareTime time, TwoPhaseRule r, long synapses, String path) {
        double tauC = time.toHardware(r.tauC());
        if (!HardwareTime.CORRELATION.contains(tauC)) {
            out.add(new Issue(Severity.WARNING, "calcium-on-processors", path + ".synapse.two_phase.tau_c", String.format(
                    "tau_c = %.4g s is %.4g µs on the chip, outside the correlation sensors' %.3g-%.3g µs: the plasticity processors integrate calcium from spike events instead",
                    r.tauC(), tauC * 1e6, HardwareTime.CORRELATION.min() * 1e6, HardwareTime.CORRELATION.max() * 1e6), ""));
        }
        long bytes = synapses * PPU_BYTES_PER_SYNAPSE;
        if (bytes > PPU_SRAM_BYTES) {
            out.add(new Issue(Severity.WARNING, "processor-memory", path, String.format(
                    "%d plastic synapses need %.1f KiB of c, h, z, spike counts and slot masks, more than the processors' %d KiB SRAM: the state lives in FPGA memory and each update step pays for the transfers",
                    synapses, bytes / 1024.0, PPU_SRAM_BYTES / 1024), ""));
        }
    }
}
