package org.engram.hal.device;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run produced: spikes per recording, sampled traces, final synapse states and provenance.
 * Times are biological seconds. {@code counters} are the backend's work counts (e.g. "synaptic_events":
 * spikes times their outgoing synapses; "steps" and "steps_executed" for a stepping engine), for
 * benchmarks; they are not part of the result's digest.
 */
public record RunResult(Map<String, SpikeData> spikes, List<TraceData> traces, List<SynapseState> finalSynapses,
                        Provenance provenance, Map<String, Long> counters) {
    public RunResult {
        spikes = Map.copyOf(spikes);
        traces = List.copyOf(traces);
        finalSynapses = List.copyOf(finalSynapses);
        counters = Map.copyOf(counters);
    }

    public RunResult(Map<String, SpikeData> spikes, List<TraceData> traces, List<SynapseState> finalSynapses,
                     Provenance provenance) {
        this(spikes, traces, finalSynapses, provenance, Map.of());
    }

    /**
     * Spike times and population-local neuron indices of one spike recording, in time order. The arrays
     * are copied on construction and every array accessor returns a fresh copy, so a result cannot change
     * after its digest was taken; read large recordings by index ({@link #time}, {@link #neuron}) to avoid
     * the copy.
     */
    public record SpikeData(String population, double[] times, int[] neurons) {
        public SpikeData {
            if (times.length != neurons.length) {
                throw new IllegalArgumentException("spike data: " + times.length + " times but " + neurons.length + " neurons");
            }
            times = times.clone();
            neurons = neurons.clone();
        }

        public int count() { return times.length; }
        /** A copy of the spike times. */
        @Override public double[] times() { return times.clone(); }
        /** A copy of the neuron indices. */
        @Override public int[] neurons() { return neurons.clone(); }
        public double time(int i) { return times[i]; }
        public int neuron(int i) { return neurons[i]; }
    }

    /**
     * Samples of one variable: {@code values[k][i]} is element {@code labels[k]} at {@code times[i]}.
     * Copied on construction; the array accessors return fresh copies (read by index to avoid them).
     */
    public record TraceData(String recording, String variable, String unit, double[] times, List<String> labels,
                            double[][] values) {
        public TraceData {
            times = times.clone();
            labels = List.copyOf(labels);
            values = deepCopy(values);
        }

        /** A copy of the sample times. */
        @Override public double[] times() { return times.clone(); }
        /** A copy of every series. */
        @Override public double[][] values() { return deepCopy(values); }
        /** A copy of series {@code k}. */
        public double[] series(int k) { return values[k].clone(); }
        /** The number of series (rows of {@link #values()}). */
        public int seriesCount() { return values.length; }
        /** The number of samples per series. */
        public int sampleCount() { return times.length; }
        public double time(int i) { return times[i]; }
        public double value(int k, int i) { return values[k][i]; }

        private static double[][] deepCopy(double[][] v) {
            double[][] out = new double[v.length][];
            for (int k = 0; k < v.length; k++) out[k] = v[k].clone();
            return out;
        }
    }

    /** Final state of a recorded plastic synapse. */
    public record SynapseState(String projection, int pre, int post, double h, double z, double w) {}

    /**
     * SHA-256 (hex) over every recorded number in a fixed order: spike recordings by name (times and
     * neurons), then traces in recording order (times and values, as IEEE-754 bits). Equal digests mean
     * bit-identical results.
     */
    public String sha256() {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8);
            java.util.function.LongConsumer put = v -> {
                buf.clear();
                buf.putLong(v);
                md.update(buf.array());
            };
            for (String name : new java.util.TreeSet<>(spikes.keySet())) {
                md.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                SpikeData s = spikes.get(name);
                for (int i = 0; i < s.count(); i++) {
                    put.accept(Double.doubleToLongBits(s.times[i]));
                    put.accept(s.neurons[i]);
                }
            }
            for (TraceData t : traces) {
                md.update(t.recording().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                for (double x : t.times) put.accept(Double.doubleToLongBits(x));
                for (double[] row : t.values) for (double x : row) put.accept(Double.doubleToLongBits(x));
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<TraceData> trace(String recording) {
        return traces.stream().filter(t -> t.recording().equals(recording)).findFirst();
    }
}
