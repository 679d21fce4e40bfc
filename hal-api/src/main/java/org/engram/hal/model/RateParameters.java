package org.engram.hal.model;

import org.engram.hal.units.Dimension;

import java.util.List;

/**
 * Rate neuron (model "rate"), a leaky integrator: {@code tau dv/dt = -v + sum_j w_ij f(v_j) + sum_k w_ik u_k
 * + sigma sqrt(tau) xi(t)}, sending r = f(v). Weights onto rate neurons are dimensionless.
 *
 * @param tau   time constant (s)
 * @param sigma noise amplitude: without input v has stationary sd sigma / sqrt(2)
 * @param vInit v at t = 0
 */
public record RateParameters(double tau, Activation activation, double sigma, double vInit) implements NeuronModel {
    public static final ModelParameter TAU = new ModelParameter("tau", Dimension.TIME, true, 0);
    public static final ModelParameter SIGMA = new ModelParameter("sigma", null, false, 1);
    public static final RateParameters DEFAULT = new RateParameters(10e-3, Activation.TANH, 0, 0);

    public RateParameters {
        Checks.positive("rate.tau", tau);
        java.util.Objects.requireNonNull(activation, "activation");
        Checks.nonNegative("rate.sigma", sigma);
        Checks.finite("rate.v_init", vInit);
    }

    @Override public List<TraceVariable> stateVariables() { return List.of(TraceVariable.V, TraceVariable.R); }
    @Override public String modelName() { return "rate"; }
    @Override public List<ModelParameter> parameters() { return List.of(TAU, SIGMA); }

    @Override
    public double value(ModelParameter p) {
        if (p.equals(TAU)) return tau;
        if (p.equals(SIGMA)) return sigma;
        throw new IllegalArgumentException("rate has no parameter '" + p.name() + "'");
    }
}
