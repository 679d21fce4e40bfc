package org.engram.hal.contract;

import org.engram.hal.io.ExperimentFiles;
import org.engram.hal.model.Experiment;
import org.engram.hal.model.NeuronSelection;
import org.engram.hal.model.Population;
import org.engram.hal.model.Protocol;
import org.engram.hal.model.Recording;
import org.engram.hal.model.TraceVariable;

import java.util.ArrayList;
import java.util.List;

/**
 * The contract suite's default experiments: small enough for any device that runs a 25-neuron network
 * with Poisson input (a source population of 200 neurons), one plastic and three static projections, and spike and trace recordings. A device
 * that cannot run them (a chip with other limits) overrides {@link DeviceContractTest#experiment(long)}
 * and friends with its own.
 */
public final class ContractExperiments {
    /** The name of the projection that {@link #withUnknownProjection(Experiment)} refers to. */
    public static final String MISSING_PROJECTION = "no-such-projection";

    private ContractExperiments() {}

    /** The default network at a duration: 20 excitatory (one plastic projection among them) and 5 inhibitory neurons. */
    public static String yaml(long seed, String duration) {
        return """
                schema: engram.v1
                name: contract
                seed: %d
                network:
                  populations:
                    - {name: exc, size: 20}
                    - {name: inh, size: 5, kind: INHIBITORY}
                    - {name: bg, size: 200, source: {trains: [{name: bg, poisson: {rate: 100 Hz}}]}}
                  projections:
                    - {name: ee, pre: exc, post: exc, connector: {fixed_probability: {p: 0.2}}, synapse: {two_phase: {}}}
                    - {name: ei, pre: exc, post: inh, connector: {fixed_probability: {p: 0.3}}, synapse: {static: {weight: 8.4 mV}}}
                    - {name: ie, pre: inh, post: exc, connector: {fixed_probability: {p: 0.3}}, synapse: {static: {weight: -16.8 mV}}}
                    - {name: bg-exc, pre: bg, post: exc, delay: 0.2 ms, connector: {fixed_probability: {p: 0.05}}, synapse: {static: {weight: 5 mV}}}
                protocol:
                  duration: %s
                  recordings:
                    - {name: spikes-exc, spikes: {population: exc}}
                    - {name: spikes-inh, spikes: {population: inh}}
                    - {name: v, trace: {variable: V, population: exc, select: {first: 0, count: 2}, interval: 10 ms}}
                    - {name: h, trace: {variable: H, projection: ee, interval: 50 ms, reduce: MEAN}}
                """.formatted(seed, duration);
    }

    /** 0.2 s of the default network. */
    public static Experiment small(long seed) {
        return ExperimentFiles.parse(yaml(seed, "0.2 s"), false, "contract-small");
    }

    /** Two hours of the default network: far longer than any test waits, for cancellation. */
    public static Experiment longRun(long seed) {
        return ExperimentFiles.parse(yaml(seed, "2 h"), false, "contract-long");
    }

    /** {@code e} plus a population of {@code size} neurons that nothing connects to. */
    public static Experiment withExtraPopulation(Experiment e, String name, int size) {
        List<Population> pops = new ArrayList<>(e.network().populations());
        Population like = pops.stream().filter(Population::isLif).findFirst().orElse(pops.get(0));
        pops.add(new Population(name, size, like.kind(), like.isLif() ? like.lif() : org.engram.hal.model.LifParameters.DEFAULT, List.of()));
        return new Experiment(e.name(), e.description(), e.seed(),
                new org.engram.hal.model.Network(pops, e.network().projections()), e.protocol());
    }

    /**
     * {@code e} plus a trace of {@link #MISSING_PROJECTION}'s weights: built in code, since a file naming
     * an unknown projection is refused when parsed, so only the device can catch it here.
     */
    public static Experiment withUnknownProjection(Experiment e) {
        Protocol p = e.protocol();
        List<Recording> recordings = new ArrayList<>(p.recordings());
        recordings.add(new Recording.Trace("dangling", TraceVariable.H, "", NeuronSelection.ALL, MISSING_PROJECTION,
                List.of(), 0.05, 0, Double.POSITIVE_INFINITY));
        return e.withProtocol(new Protocol(p.duration(), p.dt(), p.stimuli(), p.plasticity(), recordings,
                p.fastForward(), p.analyses()));
    }
}
