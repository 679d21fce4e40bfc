package org.engram.hal.model;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A continuous input u(t) as a source population (model "input"): neuron k of the population carries
 * dimension k, held constant over each device step.
 *
 * @param sampleInterval time between samples of explicit data (s); generators are sampled on the step
 * @param zscore         shift and scale each dimension to mean 0, sd 1
 */
public record InputSource(Series series, double sampleInterval, boolean zscore) implements NeuronModel {
    public static final double DEFAULT_SAMPLE_INTERVAL = 1e-3;

    public InputSource {
        java.util.Objects.requireNonNull(series, "series");
        Checks.positive("input.sample_interval", sampleInterval);
    }

    /** Where the values come from. */
    public sealed interface Series {}

    /**
     * A named generator (lorenz, lorenz96, mackey_glass, rossler, narma10, white_noise) with its parameters;
     * {@code seed == 0} derives it from the experiment seed and the population.
     */
    public record Generator(String name, Map<String, Double> parameters, long seed) implements Series {
        public Generator {
            Checks.name("input.generator.name", name);
            parameters = java.util.Collections.unmodifiableMap(new TreeMap<>(parameters));
            parameters.forEach((k, v) -> Checks.finite("input.generator.parameters." + k, v));
        }
    }

    /** Explicit samples, row-major (sample 0's dimensions first); the row length is the population size. */
    public record Data(double[] values) implements Series {
        public Data {
            values = values.clone();
            for (int i = 0; i < values.length; i++) Checks.finite("input.data.values[" + i + "]", values[i]);
        }

        @Override public double[] values() { return values.clone(); }
        public int length() { return values.length; }
        public double at(int i) { return values[i]; }

        @Override public boolean equals(Object o) { return o instanceof Data d && Arrays.equals(values, d.values); }
        @Override public int hashCode() { return Arrays.hashCode(values); }
        @Override public String toString() { return "Data[" + values.length + " values]"; }
    }

    @Override public List<TraceVariable> stateVariables() { return List.of(TraceVariable.R); }
    @Override public String modelName() { return "input"; }
    @Override public List<ModelParameter> parameters() { return List.of(); }

    @Override
    public double value(ModelParameter p) {
        throw new IllegalArgumentException("input has no parameter '" + p.name() + "'");
    }
}
