package org.engram.brainscales.mapping;

import org.engram.hal.model.Network;
import org.engram.hal.model.Projection;
import org.engram.hal.model.SynapseType;
import org.engram.hal.model.TwoPhaseRule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Weights onto the chip's 6-bit unsigned synapse weights, the sign being the row's. The step of one
 * weight level (mV per level, the "scale") is a property of a neuron's excitatory or inhibitory synaptic
 * input, set by calibration, so it is chosen per (post population, sign): the largest weight any
 * projection of that sign can put onto the population maps to level 63. A plastic projection counts with
 * the largest weight its rule can reach, h_ltp_target + h0 z_max, so the plasticity program never clips.
 * Every projection is reported (scale, levels, zeroed and clipped synapses, largest error): nothing is
 * rescaled silently.
 */
public final class WeightQuantisation {
    public static final int MAX_LEVEL = 63;

    private WeightQuantisation() {}

    /**
     * One projection's quantisation. For a plastic projection {@code weight} is the initial
     * h_init + h0 z_init and {@code resolution} is the scale relative to h0.
     *
     * @param scale      mV per weight level
     * @param level      the level of the (initial) weight
     * @param synapses   the projection's synapses (all share the weight)
     * @param zeroed     synapses whose non-zero weight falls to level 0
     * @param clipped    synapses whose weight exceeds level 63
     * @param maxError   |level x scale - |weight|| in mV
     * @param h0         the rule's h0 (mV) for a plastic projection, NaN for a static one
     */
    public record Entry(String projection, int index, Placement.Sign sign, double weight, double scale, int level,
                        long synapses, long zeroed, long clipped, double maxError, double h0) {
        public boolean plastic() {
            return !Double.isNaN(h0);
        }

        /** A one-line account for the fit report. */
        public String describe() {
            String what = plastic() ? "initial weight" : "weight";
            return String.format("%s %.4g mV -> level %d of %d at %.4g mV per level (error %.3g mV, %.1f %%)%s%s%s",
                    what, weight, level, MAX_LEVEL, scale, maxError, weight == 0 ? 0.0 : 100 * maxError / Math.abs(weight),
                    zeroed > 0 ? ", " + zeroed + " synapses zeroed" : "", clipped > 0 ? ", " + clipped + " clipped" : "",
                    plastic() ? String.format("; the chip sees w = h + h0 z in steps of %.3g h0", scale / h0) : "");
        }
    }

    /**
     * @param scaleOverride mV per level for every (population, sign), or NaN to choose per population
     * @param synapseCounts synapses per projection (in network order)
     */
    public static List<Entry> of(Network net, double scaleOverride, long[] synapseCounts) {
        Map<String, Double> largest = new HashMap<>();   // post population + sign -> largest |w|
        for (Projection pr : net.projections()) {
            largest.merge(key(pr), maxReachable(pr), Math::max);
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < net.projections().size(); i++) {
            Projection pr = net.projections().get(i);
            double top = largest.get(key(pr));
            double scale = Double.isNaN(scaleOverride) ? (top > 0 ? top / MAX_LEVEL : 1) : scaleOverride;
            double w = Math.abs(weight(pr));
            long exact = Math.round(w / scale);
            int level = (int) Math.min(MAX_LEVEL, exact);
            double error = Math.abs(level * scale - w);
            long n = synapseCounts[i];
            out.add(new Entry(pr.name(), i, sign(pr), weight(pr), scale, level, n,
                    w > 0 && level == 0 ? n : 0, exact > MAX_LEVEL ? n : 0, error,
                    pr.synapse() instanceof TwoPhaseRule r ? r.h0() : Double.NaN));
        }
        return out;
    }

    static Placement.Sign sign(Projection pr) {
        return pr.synapse() instanceof SynapseType.Static s && s.weight() < 0 ? Placement.Sign.INHIBITORY : Placement.Sign.EXCITATORY;
    }

    private static String key(Projection pr) {
        return pr.post() + "/" + sign(pr);
    }

    /** The weight (mV) a projection starts with. */
    static double weight(Projection pr) {
        return switch (pr.synapse()) {
            case SynapseType.Static s -> s.weight();
            case TwoPhaseRule r -> r.hInit() + r.h0() * r.zInit();
        };
    }

    /** The largest |weight| (mV) a projection can take. */
    static double maxReachable(Projection pr) {
        return switch (pr.synapse()) {
            case SynapseType.Static s -> Math.abs(s.weight());
            case TwoPhaseRule r -> Math.max(Math.abs(r.hInit() + r.h0() * r.zInit()), r.hLtpTarget() + r.h0() * r.zMax());
        };
    }
}
