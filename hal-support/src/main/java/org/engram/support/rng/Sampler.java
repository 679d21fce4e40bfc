package org.engram.support.rng;

import org.engram.hal.model.Distribution;

/**
 * Draws of a {@link Distribution} from Philox words keyed by (seed, stream, element, counter): the same
 * values on every backend and every thread count. Attempt k of a draw reads the counter
 * {@code (key << 32) | k} (gamma: two words per attempt), and a draw outside a normal's [min, max] or
 * of the wrong sign (when {@code keepSign}) is redrawn.
 */
public final class Sampler {
    private static final int ATTEMPTS = 1000;
    private static final double TWO_24 = 1 << 24;

    private Sampler() {}

    /**
     * One value for {@code element}; {@code key} separates the draws of different parameters of one element.
     * With {@code keepSign}, a draw whose sign differs from the distribution's centre is redrawn.
     */
    public static double draw(Distribution d, long seed, int stream, int element, int key, boolean keepSign) {
        double centre = d.centre();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long ctr = ((long) key << 32) | (d instanceof Distribution.Gamma ? 2L * attempt : attempt);
            int u = Philox.draw(seed, stream, element, ctr);
            double v = switch (d) {
                case Distribution.Normal nd -> nd.mean() + nd.sd() * NormalTable.gaussian(u);
                case Distribution.Uniform ud -> ud.low() + (ud.high() - ud.low()) * ((u >>> 8) / TWO_24);
                case Distribution.LogNormal ld -> ld.median() * StrictMath.exp(ld.sigma() * NormalTable.gaussian(u));
                case Distribution.LogNormalMeanCv ld -> ld.median() * StrictMath.exp(ld.sigma() * NormalTable.gaussian(u));
                case Distribution.Gamma g -> gamma(g.shape(), u, Philox.draw(seed, stream, element, ctr + 1)) * g.scale();
            };
            boolean inside = !(d instanceof Distribution.Normal nd) || (v >= nd.min() && v <= nd.max());
            boolean signKept = !keepSign || centre == 0 || (centre > 0 ? v >= 0 : v <= 0);
            if (!Double.isNaN(v) && inside && signKept) return v;
        }
        throw new IllegalArgumentException(d + ": no acceptable draw after " + ATTEMPTS + " attempts"
                + (keepSign ? " (draws keep the sign of the centre " + centre + ")" : ""));
    }

    /**
     * One attempt of Marsaglia and Tsang's gamma method (shape >= 1; shape < 1 by the boost
     * Gamma(a) = Gamma(a + 1) U^(1/a), with U from the low bits of the second word): NaN when rejected.
     */
    static double gamma(double shape, int normalWord, int uniformWord) {
        double a = shape < 1 ? shape + 1 : shape;
        double d = a - 1.0 / 3, c = 1 / StrictMath.sqrt(9 * d);
        double x = NormalTable.gaussian(normalWord);
        double v = 1 + c * x;
        if (v <= 0) return Double.NaN;
        v = v * v * v;
        double u = ((uniformWord >>> 8) + 0.5) / TWO_24;
        if (StrictMath.log(u) >= 0.5 * x * x + d - d * v + d * StrictMath.log(v)) return Double.NaN;
        double g = d * v;
        if (shape < 1) g *= StrictMath.pow(((uniformWord & 0xFF) + 0.5) / 256.0, 1 / shape);
        return g;
    }
}
