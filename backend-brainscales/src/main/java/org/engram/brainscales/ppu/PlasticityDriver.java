package org.engram.brainscales.ppu;

/**
 * Runs a lowered rule on a machine over time: before fast run k it writes the spike counts of fast period
 * k − 1 (presynaptic spikes whose calcium arrives in it, per synapse; postsynaptic spikes, per column; each
 * clipped to {@link Formats#MAX_COUNT}), runs the slow program at every slow boundary k > 0 (before that
 * period's fast run), then the fast program.
 *
 * <p><b>Quiet skipping</b> (optional, exact): a fast run changes nothing but calcium and the generators when
 * it receives no spikes, every calcium value stays below θd after its decay, and a full fast run has
 * happened since the last slow run (so the weights already reflect h and z). Calcium then only decays
 * (monotonically, so the next runs are quiet too until a spike or a slow boundary), h is selected
 * unchanged, and the weights are rewritten with the same values. A stretch of n such runs is replaced by n
 * decays of each calcium word (stopping at its fixed point), a jump of every active generator by
 * n · rows · draws · 8 clocks ({@link Lfsr#jump}) and n runs' cycles: the same bits as running them.
 */
public final class PlasticityDriver {
    /** Called after the fast run at each slow boundary (time k·Δf, k a multiple of the ratio). */
    @FunctionalInterface
    public interface Observer {
        void sample(long period, PpuMachine machine);
    }

    /** How a drive went: fast runs executed and fast periods skipped as quiet. */
    public record Stats(long fastRuns, long skipped, long slowRuns) {}

    private final LoweredRule rule;
    private final boolean skipQuiet;

    public PlasticityDriver(LoweredRule rule, boolean skipQuiet) {
        this.rule = rule;
        this.skipQuiet = skipQuiet;
    }

    /**
     * @param pre     per synapse (block·64 + lane), the sorted fast-period indices of calcium arrivals of
     *                presynaptic spikes (one entry per spike)
     * @param post    per column, the sorted fast-period indices of postsynaptic spikes
     * @param periods fast periods to run
     */
    public Stats run(PpuMachine m, long[][] pre, long[][] post, long periods, Observer observer) {
        SynapseLayout lay = rule.layout();
        if (pre.length != lay.synapses() || post.length != lay.columns()) {
            throw new IllegalArgumentException("inputs must have " + lay.synapses() + " synapses and " + lay.columns() + " columns");
        }
        checkSorted(pre, "synapse");
        checkSorted(post, "column");
        int[] prePos = new int[pre.length], postPos = new int[post.length];
        int ratio = rule.periods().ratio();
        long fastCycles = rule.fastCycles(m.costModel()), runs = 0, skipped = 0, slowRuns = 0;
        boolean fresh = false;   // a full fast run since the last slow run
        long k = 0;
        while (k < periods) {
            if (k > 0 && k % ratio == 0) {
                m.run(rule.slow());
                slowRuns++;
                fresh = false;
            }
            boolean spikes = write(m, pre, prePos, post, postPos, k - 1);
            if (skipQuiet && fresh && !spikes && quiet(m)) {
                long next = Math.min(periods, (k / ratio + 1) * ratio);
                next = Math.min(next, nextEvent(pre, prePos, post, postPos) + 1);
                long n = next - k;
                skip(m, n, fastCycles);
                skipped += n;
                k = next;
                continue;
            }
            m.run(rule.fast());
            runs++;
            fresh = true;
            if (spikes) clear(m);
            if (k % ratio == 0 && observer != null) observer.sample(k, m);
            k++;
        }
        return new Stats(runs, skipped, slowRuns);
    }

    private static void checkSorted(long[][] events, String what) {
        for (int i = 0; i < events.length; i++) {
            for (int k = 0; k < events[i].length; k++) {
                if (events[i][k] < 0 || (k > 0 && events[i][k] < events[i][k - 1])) {
                    throw new IllegalArgumentException(what + " " + i + ": spike periods must be >= 0 and sorted (entry " + k + ")");
                }
            }
        }
    }

    /** Writes the counts of period p (consuming the events); true if any. */
    private boolean write(PpuMachine m, long[][] pre, int[] prePos, long[][] post, int[] postPos, long p) {
        boolean any = false;
        int lanes = m.activeLanes();
        for (int s = 0; s < pre.length; s++) {
            int n = take(pre[s], prePos, s, p);
            if (n > 0) {
                if (s % PpuMachine.LANES >= lanes) throw new IllegalArgumentException("synapse " + s + " lies outside the active lanes");
                m.write(LoweredRule.PRE, s / PpuMachine.LANES, s % PpuMachine.LANES, Math.min(n, Formats.MAX_COUNT));
                any = true;
            }
        }
        for (int c = 0; c < post.length; c++) {
            int n = take(post[c], postPos, c, p);
            if (n > 0) {
                if (c % PpuMachine.LANES >= lanes) throw new IllegalArgumentException("column " + c + " lies outside the active lanes");
                m.write(LoweredRule.POST, c / PpuMachine.LANES, c % PpuMachine.LANES, Math.min(n, Formats.MAX_COUNT));
                any = true;
            }
        }
        return any;
    }

    private static int take(long[] times, int[] pos, int i, long p) {
        int n = 0;
        while (pos[i] < times.length && times[pos[i]] <= p) {
            if (times[pos[i]] == p) n++;
            pos[i]++;
        }
        return n;
    }

    private void clear(PpuMachine m) {
        SynapseLayout lay = rule.layout();
        for (int b = 0; b < lay.blocks(); b++) for (int k = 0; k < m.activeLanes(); k++) m.write(LoweredRule.PRE, b, k, 0);
        for (int c = 0; c < lay.columnBlocks(); c++) for (int k = 0; k < m.activeLanes(); k++) m.write(LoweredRule.POST, c, k, 0);
    }

    private static long nextEvent(long[][] pre, int[] prePos, long[][] post, int[] postPos) {
        long next = Long.MAX_VALUE - 1;
        for (int s = 0; s < pre.length; s++) if (prePos[s] < pre[s].length) next = Math.min(next, pre[s][prePos[s]]);
        for (int c = 0; c < post.length; c++) if (postPos[c] < post[c].length) next = Math.min(next, post[c][postPos[c]]);
        return next;
    }

    private int decay(int c) {
        Scaled kc = rule.factor("Kc");
        int t = PpuArithmetic.mulFrac(Lane.H16, c, kc.k());
        if (kc.shift() > 0) t = PpuArithmetic.shr(Lane.H16, t, kc.shift());
        return PpuArithmetic.subSat(Lane.H16, c, t);
    }

    private boolean quiet(PpuMachine m) {
        int thetaD = rule.word("theta_d");
        for (int b = 0; b < rule.layout().blocks(); b++) {
            for (int k = 0; k < m.activeLanes(); k++) {
                int c = m.read(LoweredRule.C, b, k);
                if (c < 0 || decay(c) >= thetaD) return false;
            }
        }
        return true;
    }

    private void skip(PpuMachine m, long n, long fastCycles) {
        SynapseLayout lay = rule.layout();
        for (int b = 0; b < lay.blocks(); b++) {
            for (int k = 0; k < m.activeLanes(); k++) {
                int c = m.read(LoweredRule.C, b, k);
                for (long i = 0; i < n; i++) {
                    int d = decay(c);
                    if (d == c) break;
                    c = d;
                }
                m.write(LoweredRule.C, b, k, c);
            }
        }
        long clocks = n * lay.rows() * (long) rule.drawsPerFastBlock() * Lfsr.CLOCKS_PER_DRAW;
        for (int cb = 0; cb < lay.columnBlocks(); cb++) {
            for (int k = 0; k < m.activeLanes(); k++) {
                int col = cb * PpuMachine.LANES + k;
                m.setGenerator(col, Lfsr.jump(m.generator(col), clocks));
            }
        }
        m.addCycles(n * fastCycles);
    }
}
