package org.engram.sim.rate;

import org.engram.hal.model.InputSource;
import org.engram.hal.model.Population;

/** Named input generators on the step grid (wired to the shared generators of hal-support). */
final class Generators {
    private Generators() {}

    static double[] generate(Population p, InputSource.Generator g, int dims, double dt, long steps, long seed) {
        throw new IllegalArgumentException("population " + p.name() + ": generator '" + g.name() + "' is not available yet");
    }
}
