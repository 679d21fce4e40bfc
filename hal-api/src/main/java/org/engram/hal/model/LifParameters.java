package org.engram.hal.model;

import java.util.Arrays;
import java.util.List;

/**
 * Leaky integrate-and-fire neuron with a current-based exponential synapse (model "lif").
 * Units: times in seconds, potentials in mV, resistance in MOhm (so MOhm x nA = mV).
 */
public record LifParameters(double tauMem, double resistance, double vRest, double vThreshold,
                            double vReset, double tRef, double tauSyn) implements NeuronModel {
    /** The defaults of Luboeinski & Tetzlaff 2021. */
    public static final LifParameters DEFAULT =
            new LifParameters(10e-3, 10.0, -65.0, -55.0, -70.0, 2e-3, 5e-3);
    private static final List<ModelParameter> PARAMETERS =
            Arrays.stream(LifParameter.values()).map(LifParameter::parameter).toList();

    public LifParameters {
        Checks.positive("tauMem", tauMem);
        Checks.positive("resistance", resistance);
        Checks.finite("vRest", vRest);
        Checks.finite("vThreshold", vThreshold);
        Checks.finite("vReset", vReset);
        Checks.nonNegative("tRef", tRef);
        Checks.positive("tauSyn", tauSyn);
        if (vReset >= vThreshold) {
            throw new IllegalArgumentException("vReset (" + vReset + " mV) must lie below vThreshold (" + vThreshold + " mV)");
        }
    }

    @Override public List<TraceVariable> stateVariables() { return List.of(TraceVariable.V, TraceVariable.I_SYN, TraceVariable.P); }
    @Override public String modelName() { return "lif"; }
    @Override public List<ModelParameter> parameters() { return PARAMETERS; }
    @Override public boolean spiking() { return true; }

    @Override
    public double value(ModelParameter p) {
        return switch (LifParameter.byField(p.name())) {
            case TAU_MEM -> tauMem;
            case V_REST -> vRest;
            case V_THRESHOLD -> vThreshold;
            case V_RESET -> vReset;
            case T_REF -> tRef;
            case TAU_SYN -> tauSyn;
            case null -> throw new IllegalArgumentException("lif has no parameter '" + p.name() + "'");
        };
    }
}
