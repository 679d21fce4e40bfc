package org.engram.support.sources;

import org.engram.hal.model.Experiment;
import org.engram.hal.model.LifParameters;
import org.engram.hal.model.Population;
import org.engram.hal.model.SpikeSource;
import org.engram.hal.model.SpikeTrain;

import java.util.ArrayList;
import java.util.List;

/**
 * The one lowering of source populations, shared by every backend: a source neuron is a default LIF
 * neuron that receives nothing and is forced to fire at each spike of its trains (the spike sources of the
 * reference were such neurons, so the engines run sources unchanged). Without a dead time the spike is
 * forced whatever the neuron's state, as before sources were populations; with one, the neuron's
 * refractory period is the dead time and a spike while refractory is dropped ({@code CompiledStimulus.gated}).
 * Every train gets an index, in network order (source populations in order, trains in order); the engines
 * key a Poisson train's random stream by it and number the protocol's stimuli after the trains.
 */
public final class Sources {
    private Sources() {}

    /** A train of a source population, with its index and its population's index in the network. */
    public record Train(int index, String population, int populationIndex, SpikeTrain train) {}

    /** Every train of every source population, in network order. */
    public static List<Train> trains(Experiment e) {
        List<Train> out = new ArrayList<>();
        List<Population> pops = e.network().populations();
        for (int p = 0; p < pops.size(); p++) {
            if (!(pops.get(p).model() instanceof SpikeSource src)) continue;
            for (SpikeTrain t : src.trains()) out.add(new Train(out.size(), pops.get(p).name(), p, t));
        }
        return out;
    }

    /** The LIF neuron a population's neurons run as: its own for lif, the forced neuron for a source. */
    public static LifParameters neuron(Population p) {
        if (p.model() instanceof SpikeSource src) {
            LifParameters d = LifParameters.DEFAULT;
            if (src.deadTime() == 0) return d;   // forced whatever its state: its own t_ref shapes only its V
            return new LifParameters(d.tauMem(), d.resistance(), d.vRest(), d.vThreshold(), d.vReset(), src.deadTime(), d.tauSyn());
        }
        return p.lif();
    }

    /** Whether the population's neurons run as LIF neurons on the spiking engines (lif and source). */
    public static boolean spikingEngine(Population p) {
        return p.isLif() || p.isSource();
    }
}
