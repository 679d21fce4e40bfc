package org.engram.hal.model;

import org.engram.hal.units.Dimension;

/**
 * A parameter a neuron model declares: its field name, its dimension (null: dimensionless), and whether
 * its values must be positive (time constants).
 *
 * @param key a small number fixed per model and parameter: it keys the random stream of a draw, so it
 *            must never change once released (LIF's keys are the historical enum ordinals)
 */
public record ModelParameter(String name, Dimension dimension, boolean positive, int key) {
    public ModelParameter {
        Checks.name("parameter name", name);
    }
}
