package org.engram.brainscales.mapping;

import org.engram.hal.model.*;

import java.util.ArrayList;
import java.util.List;

/** Small networks for the mapping tests. */
final class Networks {
    private Networks() {}

    /** An E/I network with connection probability p, P1 weights and plastic E->E. */
    static Network ei(int exc, int inh, double p) {
        var c = new Connector.FixedProbability(p, 0, false);
        double h0 = TwoPhaseRule.H0;
        return new Network(List.of(new Population("exc", exc, NeuronKind.EXCITATORY), new Population("inh", inh, NeuronKind.INHIBITORY)),
                List.of(new Projection("ee", "exc", "exc", c, TwoPhaseRule.DEFAULT, 3e-3),
                        new Projection("ei", "exc", "inh", c, new SynapseType.Static(2 * h0), 3e-3),
                        new Projection("ie", "inh", "exc", c, new SynapseType.Static(-4 * h0), 3e-3),
                        new Projection("ii", "inh", "inh", c, new SynapseType.Static(-4 * h0), 3e-3)));
    }

    static Experiment experiment(Network net, double duration, List<Stimulus> stimuli) {
        return new Experiment("test", "", 1, net, new Protocol(duration, 0, stimuli, List.of(), new ArrayList<>()));
    }
}
