package org.engram.support.rng;

/**
 * Uniform 32-bit integers to standard normal deviates in fixed point, by an inverse-CDF table with
 * linear interpolation: integer arithmetic only, so the Java engines and the C kernel agree bit for
 * bit. Table entries are computed once with {@link StrictMath} (identical on every JVM).
 *
 * <p>Index: the top {@value #BITS} bits of u; fraction: the next 16 bits. Output in Q3.28 (value x 2^28),
 * range about +-4.0 (the tails beyond the table's last entry are cut; see docs/fixed-point.md).
 */
public final class NormalTable {
    public static final int BITS = 14;
    public static final int SIZE = 1 << BITS;
    public static final int FRACTION = 28;
    private static final int[] TABLE = build();

    private NormalTable() {}

    /** The standard normal deviate for u, in Q3.28. */
    public static int gaussianQ28(int u) {
        int i = u >>> (32 - BITS);
        long f = (u >>> (32 - BITS - 16)) & 0xFFFF;
        long a = TABLE[i], b = TABLE[i + 1];
        return (int) (a + (((b - a) * f + (1L << 15)) >> 16));
    }

    /** The same deviate as a double (exactly the fixed-point value). */
    public static double gaussian(int u) {
        return gaussianQ28(u) / (double) (1 << FRACTION);
    }

    /** A copy of the table (SIZE + 1 entries), e.g. to hand to the native kernel. */
    public static int[] table() {
        return TABLE.clone();
    }

    private static int[] build() {
        int[] t = new int[SIZE + 1];
        for (int k = 0; k <= SIZE; k++) {
            double p = (k + 0.5) / (SIZE + 1.0);
            t[k] = (int) StrictMath.rint(inverseNormal(p) * (1 << FRACTION));
        }
        return t;
    }

    /**
     * Inverse of the standard normal CDF: Acklam's rational approximation (relative error below
     * 1.15e-9, far below the table's Q3.28 resolution of 3.7e-9 in absolute terms near the centre).
     */
    static double inverseNormal(double p) {
        final double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        final double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                6.680131188771972e+01, -1.328068155288572e+01};
        final double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        final double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double x;
        if (p < 0.02425) {
            double q = StrictMath.sqrt(-2 * StrictMath.log(p));
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        } else if (p <= 1 - 0.02425) {
            double q = p - 0.5, r = q * q;
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                    / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
        } else {
            double q = StrictMath.sqrt(-2 * StrictMath.log(1 - p));
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        return x;
    }
}
