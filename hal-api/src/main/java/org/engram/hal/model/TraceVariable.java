package org.engram.hal.model;

/**
 * Recordable state variables: per neuron (V, I_SYN, P, R) or per synapse (C, H, Z, W). V is a LIF neuron's
 * membrane potential or a rate neuron's state v; R is a rate neuron's rate f(v) or an input's value.
 */
public enum TraceVariable {
    V(false, "mV"), I_SYN(false, "mV"), P(false, "1"), C(true, "1"), H(true, "mV"), Z(true, "1"), W(true, "mV"),
    R(false, "1");

    private final boolean perSynapse;
    private final String unit;

    TraceVariable(boolean perSynapse, String unit) {
        this.perSynapse = perSynapse;
        this.unit = unit;
    }

    public boolean perSynapse() { return perSynapse; }
    public String unit() { return unit; }
}
