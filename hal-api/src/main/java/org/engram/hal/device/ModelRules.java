package org.engram.hal.device;

import org.engram.hal.device.FitReport.Issue;
import org.engram.hal.device.FitReport.Severity;
import org.engram.hal.model.Experiment;
import org.engram.hal.model.Population;
import org.engram.hal.model.Projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Fit rules every device applies to the open model: the neuron models it realises, and whether it takes
 * per-synapse weights and delays. Each issue names the element, so a user learns what to change.
 */
public final class ModelRules {
    private ModelRules() {}

    /** "neuron-model": a population whose model the device does not realise. */
    public static List<Issue> neuronModels(Experiment e, Set<String> supported, String remedy) {
        List<Issue> out = new ArrayList<>();
        List<Population> pops = e.network().populations();
        for (int i = 0; i < pops.size(); i++) {
            String model = pops.get(i).model().modelName();
            if (!supported.contains(model)) {
                out.add(new Issue(Severity.ERROR, "neuron-model", "network.populations[" + i + "]", "population '" + pops.get(i).name()
                        + "' is a " + model + " population; this device realises " + new java.util.TreeSet<>(supported), remedy));
            }
        }
        return out;
    }

    /** "per-synapse-values": projections with per-synapse weights or delays, on a device that has one per projection. */
    public static List<Issue> perSynapseValues(Experiment e, String remedy) {
        List<Issue> out = new ArrayList<>();
        List<Projection> projs = e.network().projections();
        for (int i = 0; i < projs.size(); i++) {
            Projection p = projs.get(i);
            if (p.weights() != null) {
                out.add(new Issue(Severity.ERROR, "per-synapse-values", "network.projections[" + i + "].weights",
                        "projection '" + p.name() + "' has per-synapse weights; this device has one weight per projection", remedy));
            }
            if (p.delays() != null) {
                out.add(new Issue(Severity.ERROR, "per-synapse-values", "network.projections[" + i + "].delays",
                        "projection '" + p.name() + "' has per-synapse delays; this device has one delay per projection", remedy));
            }
        }
        return out;
    }
}
