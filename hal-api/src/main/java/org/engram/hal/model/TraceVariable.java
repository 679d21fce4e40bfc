package org.engram.hal.model;

/** Recordable state variables: per neuron (V, I_SYN, P) or per synapse (C, H, Z, W). */
public enum TraceVariable {
    V(false, "mV"), I_SYN(false, "mV"), P(false, "1"), C(true, "1"), H(true, "mV"), Z(true, "1"), W(true, "mV");

    private final boolean perSynapse;
    private final String unit;

    TraceVariable(boolean perSynapse, String unit) {
        this.perSynapse = perSynapse;
        this.unit = unit;
    }

    public boolean perSynapse() { return perSynapse; }
    public String unit() { return unit; }
}
