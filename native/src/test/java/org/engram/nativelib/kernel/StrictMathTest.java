package org.engram.nativelib.kernel;

import org.engram.nativelib.Binding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The kernel's fdlibm port (fdlibm.c) gives the bits of Java's StrictMath for exp, log and expm1: on the
 * ranges fast-forward uses (exp and expm1 of -t/tau and t/tau_r, log of ratios above 1), over every
 * exponent, and on the edge cases (zeros, subnormals, infinities, NaN, the over- and underflow thresholds,
 * the argument-reduction boundaries).
 */
class StrictMathTest {
    static final double[] EDGES = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL,
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
            1.0, -1.0, 0.5, -0.5, 2.0, Math.E, 1e-300, 0x1p-28, -0x1p-28, 0x1p-54, -0x1p-54, 0x1p-1022, 0x1.0p-1074,
            709.782712893384, 709.7827128933841, -745.1332191019411, -745.1332191019412, -708.4, -740.0,
            0.34657359027997264, -0.34657359027997264, 1.0397207708399179, -1.0397207708399179,   // 0.5 ln2, 1.5 ln2
            38.816242111356935, -38.816242111356935, 56 * Math.log(2), -56 * Math.log(2), -0.25, 1.0000000001, 0.9999999999,
            Math.sqrt(2) / 2, Math.sqrt(2), 1e308, 3.0, 10.0, 100.0, -100.0, -1e-10, 1e-10};

    private static double[] inputs(int f) {
        Random rnd = new Random(0xFD11B + f);
        int n = 200_000;
        double[] x = new double[n + EDGES.length];
        for (int i = 0; i < n; i++) {
            x[i] = switch (i % 4) {
                // the fast-forward ranges: exp/expm1 of -t/tau (t up to days, tau from 1e-3 s) and +t/tau_r; log of ratios >= 1
                case 0 -> f == KernelAbi.MATH_LOG ? 1 + rnd.nextDouble() * 1e4 : -rnd.nextDouble() * 1e3;
                case 1 -> f == KernelAbi.MATH_LOG ? 1 + rnd.nextDouble() * 1e-6 : rnd.nextDouble() * 40;
                // small and moderate arguments on both sides
                case 2 -> (rnd.nextBoolean() ? 1 : -1) * Math.scalb(1 + rnd.nextDouble(), -60 + rnd.nextInt(70));
                // any bit pattern (every exponent, subnormals, infinities, NaNs)
                default -> Double.longBitsToDouble(rnd.nextLong());
            };
            if (f == KernelAbi.MATH_LOG && i % 4 == 2) x[i] = Math.abs(x[i]);
        }
        System.arraycopy(EDGES, 0, x, n, EDGES.length);
        return x;
    }

    private static void check(Binding b, int f, DoubleUnaryOperator java, String name) {
        double[] x = inputs(f);
        double[] c = Kernels.strictMath(b, f, x);
        assertEquals(x.length, c.length);
        for (int i = 0; i < x.length; i++) {
            double j = java.applyAsDouble(x[i]);
            boolean same = Double.isNaN(j) ? Double.isNaN(c[i]) : Double.doubleToRawLongBits(j) == Double.doubleToRawLongBits(c[i]);
            if (!same) {
                throw new AssertionError(name + "(" + x[i] + " = 0x" + Long.toHexString(Double.doubleToRawLongBits(x[i])) + "): StrictMath "
                        + j + ", kernel " + c[i]);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Binding.class)
    void expMatchesStrictMath(Binding b) {
        check(b, KernelAbi.MATH_EXP, StrictMath::exp, "exp");
    }

    @ParameterizedTest
    @EnumSource(Binding.class)
    void logMatchesStrictMath(Binding b) {
        check(b, KernelAbi.MATH_LOG, StrictMath::log, "log");
    }

    @ParameterizedTest
    @EnumSource(Binding.class)
    void expm1MatchesStrictMath(Binding b) {
        check(b, KernelAbi.MATH_EXPM1, StrictMath::expm1, "expm1");
    }

    @ParameterizedTest
    @EnumSource(Binding.class)
    void anUnknownFunctionIsRefused(Binding b) {
        org.junit.jupiter.api.Assertions.assertThrows(org.engram.nativelib.NativeException.class,
                () -> Kernels.strictMath(b, 7, new double[]{1}));
    }
}
