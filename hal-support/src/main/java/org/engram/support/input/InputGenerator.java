package org.engram.support.input;

import java.util.List;

/**
 * A deterministic source of a multi-dimensional input signal: the same parameters and seed give the
 * same bits on every machine (StrictMath, fixed-step integration, counter-based randomness).
 *
 * <p>Time: {@code dt} is the device step in seconds of biological time. A generator's {@code time_scale}
 * says how many model time units pass per second, so one device step advances the model by
 * {@code H = time_scale * dt}. Continuous systems integrate with classical RK4 at an internal step
 * {@code h = H / k}, the smallest whole k with {@code h <= max_step}, so samples fall on internal steps.
 * Discrete ones (NARMA, white noise) draw one sample per model time unit, held between samples
 * (default: one sample per device step). {@code washout} model time units are discarded first; row 0
 * is the state after the washout.
 */
public interface InputGenerator {
    /** The generator's name as the factory knows it, e.g. {@code lorenz}. */
    String name();

    /** The names of the dimensions, in column order. */
    List<String> dimensions();

    /** {@code steps} samples at interval {@code dt} seconds. */
    TimeSeries generate(double dt, long steps);
}
