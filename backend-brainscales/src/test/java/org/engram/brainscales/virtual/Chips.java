package org.engram.brainscales.virtual;

import org.engram.hal.model.*;

import java.util.ArrayList;
import java.util.List;

/** Small experiments for the virtual chip's tests. */
final class Chips {
    private Chips() {}

    /**
     * {@code sources} Poisson sources at {@code rate} onto {@code targets} LIF neurons (fixed probability
     * {@code p}, static weight {@code w} mV, 3 ms delay), spikes of both recorded, V of the first 4 targets.
     */
    static Experiment feedForward(int sources, int targets, double p, double w, double rate, double duration, long seed) {
        var drive = new SpikeTrain.Poisson("drive", NeuronSelection.ALL, rate, 0, duration, 1, 0);
        var net = new Network(List.of(Population.source("in", sources, NeuronKind.EXCITATORY, drive), new Population("out", targets, NeuronKind.EXCITATORY)),
                List.of(new Projection("ff", "in", "out", new Connector.FixedProbability(p, 0, false), new SynapseType.Static(w), 3e-3)));
        List<Recording> recs = new ArrayList<>();
        recs.add(new Recording.Spikes("spikes-in", "in", NeuronSelection.ALL));
        recs.add(new Recording.Spikes("spikes-out", "out", NeuronSelection.ALL));
        recs.add(new Recording.Trace("v", TraceVariable.V, "out", NeuronSelection.range(0, 4), null, List.of(), 0.2e-3, 0, duration));
        return new Experiment("feed-forward", "", seed, net, new Protocol(duration, 0, List.of(), List.of(), recs));
    }

    static double rate(org.engram.hal.device.RunResult r, String rec, int neurons, double duration) {
        return r.spikes().get(rec).count() / (double) neurons / duration;
    }
}
