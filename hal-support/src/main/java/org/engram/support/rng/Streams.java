package org.engram.support.rng;

/** Stream identifiers of the counter word c3 (docs/fixed-point.md, "Random numbers"). */
public final class Streams {
    private Streams() {}

    public static final int CONNECTIVITY = 1;
    public static final int HETEROGENEITY = 2;
    public static final int OU_NOISE = 3;
    public static final int PLASTICITY_NOISE = 4;
    /** Drawn per-synapse weights and delays (element: the synapse within its projection). */
    public static final int SYNAPSE_WEIGHT = 5;
    public static final int SYNAPSE_DELAY = 6;
    /** Noise of rate neurons (element: neuron, counter: step). */
    public static final int RATE_NOISE = 7;
    /** Input generators (initial states, NARMA input, white noise): INPUT + the generator's own stream 0..2. */
    public static final int INPUT = 8;
    /** Poisson stimulus k, source-block b uses POISSON_BASE + (k << 8) + b. */
    public static final int POISSON_BASE = 0x10000;

    public static int poisson(int stimulus, int block) {
        return POISSON_BASE + (stimulus << 8) + block;
    }
}
