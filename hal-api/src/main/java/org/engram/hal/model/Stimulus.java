package org.engram.hal.model;

/**
 * A current source on selected neurons of a LIF population. Times in seconds. Spike trains are source
 * populations ({@link SpikeSource}), not stimuli.
 */
public sealed interface Stimulus {
    String name();
    String target();
    NeuronSelection select();

    /** The saturating learning stimulus: the neurons fire whenever they are not refractory. */
    record ForceFiring(String name, String target, NeuronSelection select, double start, double stop) implements Stimulus {
        public ForceFiring {
            window("force_firing", start, stop);
        }
    }

    /** Ornstein-Uhlenbeck background current (nA) with stationary sd and correlation time tau. */
    record OuCurrent(String name, String target, NeuronSelection select, double mean, double sd, double tau,
                     double start, double stop) implements Stimulus {
        public OuCurrent {
            Checks.finite("ou_current.mean", mean);
            Checks.nonNegative("ou_current.sd", sd);
            Checks.positive("ou_current.tau", tau);
            window("ou_current", start, stop);
        }
    }

    private static void window(String kind, double start, double stop) {
        Checks.nonNegative(kind + ".start", start);
        if (!(stop >= start)) throw new IllegalArgumentException(kind + ": stop (" + stop + " s) must not precede start (" + start + " s)");
    }
}
