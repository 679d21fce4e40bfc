package org.engram.hal.model;

/** The transfer function f of a rate neuron. */
public enum Activation {
    TANH, RELU, IDENTITY;

    public double apply(double v) {
        return switch (this) {
            case TANH -> StrictMath.tanh(v);
            case RELU -> v > 0 ? v : 0;
            case IDENTITY -> v;
        };
    }
}
