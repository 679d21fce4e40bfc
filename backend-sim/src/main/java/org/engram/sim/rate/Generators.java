package org.engram.sim.rate;

import org.engram.hal.model.InputSource;
import org.engram.hal.model.Population;
import org.engram.support.input.InputGenerator;
import org.engram.support.input.InputGenerators;

import java.util.HashMap;
import java.util.Map;

/** Named input generators (hal-support's, the same bits on every backend) on the step grid. */
final class Generators {
    private Generators() {}

    static double[] generate(Population p, InputSource.Generator g, int dims, double dt, long steps, long seed) {
        Map<String, Object> params = new HashMap<>(g.parameters());
        params.put("seed", seed);
        InputGenerator gen;
        try {
            gen = InputGenerators.create(g.name(), params);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("population " + p.name() + ": " + e.getMessage(), e);
        }
        if (gen.dimensions().size() != dims) {
            throw new IllegalArgumentException("population " + p.name() + " has " + dims + " neurons, generator " + gen.name()
                    + " gives " + gen.dimensions().size() + " dimensions " + gen.dimensions());
        }
        return gen.generate(dt, steps).toArray();
    }
}
