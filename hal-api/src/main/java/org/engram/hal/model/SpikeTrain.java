package org.engram.hal.model;

import java.util.List;

/**
 * One spike train of a source population, on its selected neurons (each neuron its own train). Times in
 * seconds. The kinds a file may give; a spike file is read at load time into {@link SpikeTimes} trains.
 */
public sealed interface SpikeTrain {
    String name();
    NeuronSelection select();

    /**
     * Independent Poisson trains per neuron (Bernoulli per time step), active in [start, stop) and, when
     * {@code repeats > 1}, again every {@code period}.
     */
    record Poisson(String name, NeuronSelection select, double rate, double start, double stop, int repeats,
                   double period) implements SpikeTrain {
        public Poisson {
            Checks.nonNegative("poisson.rate", rate);
            window("poisson", start, stop);
            if (repeats < 1) throw new IllegalArgumentException("poisson.repeats must be >= 1");
            if (repeats > 1 && !(period >= stop - start)) {
                throw new IllegalArgumentException("poisson.period (" + period + " s) must be at least the window length ("
                        + (stop - start) + " s) when repeating");
            }
        }
    }

    /** Spikes at start, start + 1/rate, ... before stop. */
    record Regular(String name, NeuronSelection select, double rate, double start, double stop) implements SpikeTrain {
        public Regular {
            Checks.positive("regular.rate", rate);
            window("regular", start, stop);
        }
    }

    /** Spikes at the given times. */
    record SpikeTimes(String name, NeuronSelection select, List<Double> times) implements SpikeTrain {
        public SpikeTimes {
            times = List.copyOf(times);
            for (double t : times) Checks.nonNegative("spike_times.times", t);
        }
    }

    /** {@code count} bursts of {@code spikes} spikes at {@code frequency}, one burst every {@code period}. */
    record Bursts(String name, NeuronSelection select, double start, int count, double period, int spikes,
                  double frequency, int repeats, double repeatPeriod) implements SpikeTrain {
        public Bursts {
            Checks.nonNegative("bursts.start", start);
            if (count < 1 || spikes < 1 || repeats < 1) throw new IllegalArgumentException("bursts: count, spikes and repeats must be >= 1");
            Checks.positive("bursts.period", period);
            Checks.positive("bursts.frequency", frequency);
            Checks.nonNegative("bursts.repeat_period", repeatPeriod);
        }
    }

    /** The span [first, last spike] a deterministic train covers (Poisson: null, it pauses in fast-forward). */
    default double[] span() {
        return switch (this) {
            case Poisson p -> null;
            case Regular r -> new double[]{r.start(), r.stop()};
            case SpikeTimes t -> t.times().isEmpty() ? null
                    : new double[]{t.times().stream().min(Double::compare).get(), Math.nextUp(t.times().stream().max(Double::compare).get())};
            case Bursts b -> new double[]{b.start(), Math.nextUp(b.start() + (b.repeats() - 1) * b.repeatPeriod()
                    + (b.count() - 1) * b.period() + (b.spikes() - 1) / b.frequency())};
        };
    }

    private static void window(String kind, double start, double stop) {
        Checks.nonNegative(kind + ".start", start);
        if (!(stop >= start)) throw new IllegalArgumentException(kind + ": stop (" + stop + " s) must not precede start (" + start + " s)");
    }
}
