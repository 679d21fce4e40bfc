package org.engram.hal.model;

import java.util.List;

/** A stimulus applied to selected neurons of a target population. Times in seconds. */
public sealed interface Stimulus {
    String name();
    String target();
    NeuronSelection select();

    /**
     * Independent Poisson trains per neuron (Bernoulli per time step), summed over {@code sources}, active
     * in [start, stop) and, when {@code repeats > 1}, again every {@code period}.
     */
    record Poisson(String name, String target, NeuronSelection select, double rate, double start, double stop,
                   SpikeDelivery delivery, int sources, int repeats, double period) implements Stimulus {
        public Poisson {
            Checks.nonNegative("poisson.rate", rate);
            window("poisson", start, stop);
            if (sources < 1) throw new IllegalArgumentException("poisson.sources must be >= 1");
            if (repeats < 1) throw new IllegalArgumentException("poisson.repeats must be >= 1");
            if (repeats > 1 && !(period >= stop - start)) {
                throw new IllegalArgumentException("poisson.period (" + period + " s) must be at least the window length ("
                        + (stop - start) + " s) when repeating");
            }
        }
    }

    /** Spikes at start, start + 1/rate, ... before stop. */
    record Regular(String name, String target, NeuronSelection select, double rate, double start, double stop,
                   SpikeDelivery delivery) implements Stimulus {
        public Regular {
            Checks.positive("regular.rate", rate);
            window("regular", start, stop);
        }
    }

    record SpikeTimes(String name, String target, NeuronSelection select, List<Double> times,
                      SpikeDelivery delivery) implements Stimulus {
        public SpikeTimes {
            times = List.copyOf(times);
            for (double t : times) Checks.nonNegative("spike_times.times", t);
        }
    }

    /** {@code count} bursts of {@code spikes} spikes at {@code frequency}, one burst every {@code period}. */
    record Bursts(String name, String target, NeuronSelection select, double start, int count, double period,
                  int spikes, double frequency, SpikeDelivery delivery, int repeats, double repeatPeriod) implements Stimulus {
        public Bursts {
            Checks.nonNegative("bursts.start", start);
            if (count < 1 || spikes < 1 || repeats < 1) throw new IllegalArgumentException("bursts: count, spikes and repeats must be >= 1");
            Checks.positive("bursts.period", period);
            Checks.positive("bursts.frequency", frequency);
            Checks.nonNegative("bursts.repeat_period", repeatPeriod);
        }
    }

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
