package org.engram.sim.rate;

import org.engram.hal.device.TimeBase;
import org.engram.hal.model.*;
import org.engram.support.connectivity.Connectivity;
import org.engram.support.input.StepSeries;
import org.engram.support.connectivity.SynapseDraws;
import org.engram.support.rng.Sampler;
import org.engram.support.rng.Seeds;
import org.engram.support.rng.Streams;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A network of rate neurons and continuous inputs lowered to arrays: per-neuron tau and sigma (drawn
 * once), per-synapse weights and delays in steps, inputs as sample-and-hold series on the step grid.
 * Global neuron indices follow the populations' order, as in the spiking emulator.
 */
final class RateNetwork {
    final TimeBase timeBase;
    final double dt;
    final long steps;
    final int neurons;
    final Map<String, Integer> offset = new HashMap<>();
    final Map<String, Population> byName = new HashMap<>();
    /** Per neuron: decay exp(-dt/tau), noise sd of one step, activation, initial v; inputs have tau = NaN. */
    final double[] decay, noiseSd, vInit;
    final Activation[] activation;
    final boolean[] isInput;
    /** Inputs: population offset and its series (steps x dims, row-major), one entry per input population. */
    final List<InputSeries> inputs = new ArrayList<>();
    final List<Proj> projections = new ArrayList<>();
    final int maxDelay;

    record InputSeries(int offset, int dims, double[] values) {}

    /** CSR by pre: synapses of local pre i are [start[i], start[i+1]), global post, weight, delay in steps. */
    record Proj(String name, int preOffset, int preSize, int[] start, int[] post, double[] weight, int[] delay) {}

    RateNetwork(Experiment e, TimeBase tb) {
        timeBase = tb;
        dt = tb.tick();
        steps = tb.exactTick("protocol.duration", e.protocol().duration());
        int n = 0;
        for (Population p : e.network().populations()) {
            offset.put(p.name(), n);
            byName.put(p.name(), p);
            n += p.size();
        }
        neurons = n;
        decay = new double[n];
        noiseSd = new double[n];
        vInit = new double[n];
        activation = new Activation[n];
        isInput = new boolean[n];
        for (Population p : e.network().populations()) {
            int off = offset.get(p.name());
            switch (p.model()) {
                case RateParameters r -> rateNeurons(p, r, off, e.seed());
                case InputSource in -> {
                    for (int i = 0; i < p.size(); i++) isInput[off + i] = true;
                    inputs.add(new InputSeries(off, p.size(), StepSeries.onSteps(p, in, dt, steps,
                            org.engram.support.input.StepSeries.seed(e.seed(), off))));
                }
                case LifParameters l -> throw new IllegalArgumentException("population " + p.name()
                        + ": the rate engine runs rate and input populations, not lif");
                case org.engram.hal.model.SpikeSource src -> throw new IllegalArgumentException("population " + p.name()
                        + ": the rate engine runs rate and input populations, not spike sources");
            }
        }
        int projIndex = 0, maxD = 0;
        for (Projection pr : e.network().projections()) {
            int preOff = offset.get(pr.pre()), postOff = offset.get(pr.post());
            Population pre = byName.get(pr.pre()), post = byName.get(pr.post());
            int[][] csr = Connectivity.csr(pr.connector(), pre.size(), post.size(), pr.pre().equals(pr.post()), e.seed(), projIndex);
            int[] start = csr[0], target = csr[1];
            for (int k = 0; k < target.length; k++) target[k] += postOff;
            double[] w = SynapseDraws.values(pr, pr.weights(), target.length, ((SynapseType.Static) pr.synapse()).weight(), pre.kind(),
                    e.seed(), projIndex, Streams.SYNAPSE_WEIGHT);
            double[] d = SynapseDraws.values(pr, pr.delays(), target.length, pr.delay(), null, e.seed(), projIndex, Streams.SYNAPSE_DELAY);
            int[] delay = new int[d.length];
            for (int k = 0; k < d.length; k++) {
                delay[k] = (int) tb.nearestTick(d[k]);
                maxD = Math.max(maxD, delay[k]);
            }
            projections.add(new Proj(pr.name(), preOff, pre.size(), start, target, w, delay));
            projIndex++;
        }
        maxDelay = maxD;
    }

    private void rateNeurons(Population p, RateParameters r, int off, long seed) {
        double[] tau = new double[p.size()], sigma = new double[p.size()];
        java.util.Arrays.fill(tau, r.tau());
        java.util.Arrays.fill(sigma, r.sigma());
        int hIndex = 0;
        for (Heterogeneity h : p.heterogeneity()) {
            // the same seed derivation as the spiking emulator's heterogeneity
            long hs = h.seed() != 0 ? h.seed() : Seeds.mix(seed, 0x4845544Cl + off * 31L + hIndex);
            ModelParameter param = r.parameter(h.parameter());
            double[] target = param.equals(RateParameters.TAU) ? tau : sigma;
            double[] given = h.values();
            for (int i = 0; i < p.size(); i++) {
                target[i] = given != null ? given[i] : Sampler.draw(h.distribution(), hs, Streams.HETEROGENEITY, off + i, param.key(), false);
                if (param.positive() && !(target[i] > 0)) {
                    throw new IllegalArgumentException("population " + p.name() + " neuron " + i + ": drawn " + param.name() + " "
                            + target[i] + " is not positive");
                }
            }
            hIndex++;
        }
        for (int i = 0; i < p.size(); i++) {
            double a = StrictMath.exp(-dt / tau[i]);
            decay[off + i] = a;
            // exact discretisation of the OU part: stationary variance sigma^2 / 2
            noiseSd[off + i] = sigma[i] * StrictMath.sqrt(0.5 * (1 - a * a));
            vInit[off + i] = r.vInit();
            activation[off + i] = r.activation();
        }
    }

}
