package org.engram.hal.model;

import org.engram.hal.units.Dimension;

/** The LIF parameters that may vary per neuron, with their dimension. */
public enum LifParameter {
    TAU_MEM("tau_mem", Dimension.TIME),
    V_REST("v_rest", Dimension.VOLTAGE),
    V_THRESHOLD("v_threshold", Dimension.VOLTAGE),
    V_RESET("v_reset", Dimension.VOLTAGE),
    T_REF("t_ref", Dimension.TIME),
    TAU_SYN("tau_syn", Dimension.TIME);

    private final String fieldName;
    private final Dimension dimension;

    LifParameter(String fieldName, Dimension dimension) {
        this.fieldName = fieldName;
        this.dimension = dimension;
    }

    public String fieldName() { return fieldName; }
    public Dimension dimension() { return dimension; }

    public static LifParameter byField(String name) {
        for (LifParameter p : values()) {
            if (p.fieldName.equals(name)) return p;
        }
        return null;
    }
}
