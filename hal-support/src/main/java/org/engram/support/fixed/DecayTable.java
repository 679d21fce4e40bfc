package org.engram.support.fixed;

/**
 * exp(-n dt / tau) for any step count n, in Q30, from two tables and one rounding:
 * {@code F(n) = rnd(HI[n >> 12] * LO[n & 4095] / 2^30)}, with HI[k] = exp(-k 4096 dt/tau) and
 * LO[j] = exp(-j dt/tau) each rounded once to Q30. F is a function of n alone, so advancing a
 * variable lazily over n steps and reading it at any step give the same bits. Beyond the range of
 * HI, F is 0 when HI has reached 0; a span past the run's last step is refused.
 */
public final class DecayTable {
    public static final int LO_BITS = 12;
    private static final int LO_SIZE = 1 << LO_BITS;

    private final int[] lo;
    private final int[] hi;

    /** @param stepsOverTau dt / tau; @param maxSteps the longest span that will be asked for */
    public DecayTable(double stepsOverTau, long maxSteps) {
        lo = new int[LO_SIZE];
        for (int j = 0; j < LO_SIZE; j++) lo[j] = Fx.decayQ30(j * stepsOverTau);
        int hiSize = (int) Math.min((maxSteps >> LO_BITS) + 2, Integer.MAX_VALUE - 8);
        int[] h = new int[hiSize];
        int used = hiSize;
        for (int k = 0; k < hiSize; k++) {
            h[k] = Fx.decayQ30((double) k * LO_SIZE * stepsOverTau);
            if (h[k] == 0) {
                used = k + 1;
                break;
            }
        }
        hi = java.util.Arrays.copyOf(h, used);
    }

    /** F(n) in Q30; n >= 0. */
    public int factor(long n) {
        long k = n >>> LO_BITS;
        if (k >= hi.length) {
            if (hi[hi.length - 1] == 0) return 0;
            throw new IllegalStateException("decay span of " + n + " steps beyond the table built for this run");
        }
        return (int) Fx.rshift((long) hi[(int) k] * lo[(int) (n & (LO_SIZE - 1))], Fx.Q30);
    }

    public int[] lo() { return lo.clone(); }
    public int[] hi() { return hi.clone(); }
}
