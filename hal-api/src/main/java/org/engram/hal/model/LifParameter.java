package org.engram.hal.model;

import org.engram.hal.units.Dimension;

/** The LIF parameters that may vary per neuron, with their dimension. */
public enum LifParameter {
    TAU_MEM("tau_mem", Dimension.TIME, true),
    V_REST("v_rest", Dimension.VOLTAGE, false),
    V_THRESHOLD("v_threshold", Dimension.VOLTAGE, false),
    V_RESET("v_reset", Dimension.VOLTAGE, false),
    T_REF("t_ref", Dimension.TIME, false),
    TAU_SYN("tau_syn", Dimension.TIME, true);

    private final ModelParameter parameter;

    LifParameter(String fieldName, Dimension dimension, boolean positive) {
        // the ordinal keys the draw's random stream (as before the open model): never reorder
        this.parameter = new ModelParameter(fieldName, dimension, positive, ordinal());
    }

    public String fieldName() { return parameter.name(); }
    public Dimension dimension() { return parameter.dimension(); }
    public ModelParameter parameter() { return parameter; }

    public static LifParameter byField(String name) {
        for (LifParameter p : values()) {
            if (p.fieldName().equals(name)) return p;
        }
        return null;
    }
}
