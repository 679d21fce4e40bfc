package org.engram.hal.model;

/**
 * How a spike-train stimulus reaches a neuron. {@code FORCE}: the neuron fires at the stimulus time
 * whatever its state (it acts as a spike source, refractoriness ignored). {@code INPUT}: the spike
 * adds {@code weight} mV to the neuron's synaptic input, like a synapse.
 */
public record SpikeDelivery(Mode mode, double weight) {
    public enum Mode { FORCE, INPUT }

    public static final SpikeDelivery FORCE = new SpikeDelivery(Mode.FORCE, 0);

    public SpikeDelivery {
        java.util.Objects.requireNonNull(mode, "mode");
        Checks.finite("delivery.weight", weight);
    }
}
