package org.engram.support.input;

/**
 * The parameters every generator shares.
 *
 * @param timeScale     model time units per second of biological time; NaN for a discrete generator
 *                      means one sample per device step
 * @param washout       model time units (samples, for discrete generators) discarded before row 0
 * @param maxStep       the largest internal integration step, in model time units (continuous only)
 * @param initial       an explicit initial state, or null for the generator's default (or a random one)
 * @param randomInitial draw the initial state from the seed (stream {@link CounterRng#INITIAL})
 * @param zscore        shift and scale each dimension to mean 0, sd 1 over the generated span
 * @param seed          the key of every random draw
 */
public record Common(double timeScale, double washout, double maxStep, double[] initial, boolean randomInitial,
                     boolean zscore, long seed) {
    public Common {
        if (!Double.isNaN(timeScale) && !(timeScale > 0 && Double.isFinite(timeScale))) {
            throw new IllegalArgumentException("time_scale " + timeScale + " must be a finite number > 0");
        }
        if (!(washout >= 0) || !Double.isFinite(washout)) throw new IllegalArgumentException("washout " + washout + " must be >= 0");
        if (!Double.isNaN(maxStep) && !(maxStep > 0 && Double.isFinite(maxStep))) {
            throw new IllegalArgumentException("max_step " + maxStep + " must be a finite number > 0");
        }
        if (initial != null && randomInitial) throw new IllegalArgumentException("initial is both explicit and random");
        if (initial != null) {
            for (double v : initial) if (!Double.isFinite(v)) throw new IllegalArgumentException("initial " + v + " is not finite");
            initial = initial.clone();
        }
    }

    @Override public double[] initial() { return initial == null ? null : initial.clone(); }

    /** The initial state: explicit, random (by {@code random}) or the default, checked against {@code dims}. */
    double[] initialState(String generator, double[] defaults, java.util.function.LongFunction<double[]> random) {
        double[] x = initial != null ? initial.clone() : randomInitial ? random.apply(seed) : defaults.clone();
        if (x.length != defaults.length) {
            throw new IllegalArgumentException(generator + ": initial has " + x.length + " values, the state has " + defaults.length);
        }
        return x;
    }

    /** Model time per device step, H = time_scale * dt, after checking dt. */
    double modelStep(String generator, double dt) {
        if (!(dt > 0) || !Double.isFinite(dt)) throw new IllegalArgumentException(generator + ": dt " + dt + " must be a finite number > 0");
        return Double.isNaN(timeScale) ? 1 : timeScale * dt;
    }

    static int rows(String generator, long steps, int dims) {
        if (steps < 0 || steps * dims > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(generator + ": steps " + steps + " must be >= 0 and steps x " + dims
                    + " dimensions must fit one array (< 2^31)");
        }
        return (int) steps;
    }

    /**
     * For discrete generators: the sample shown at device step s, floor(s * H) with H = time_scale * dt
     * (exactly s when H is 1); the 1e-9 keeps s * H that should be whole from rounding down.
     */
    static long sampleAt(int s, double big) {
        return big == 1 ? s : (long) StrictMath.floor(s * big + 1e-9);
    }
}
