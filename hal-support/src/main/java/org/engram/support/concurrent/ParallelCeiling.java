package org.engram.support.concurrent;

import org.engram.support.rng.Philox;

import java.util.Arrays;

/**
 * How much faster T threads finish perfectly independent work than one thread finishes the same total,
 * on this machine, now: the ceiling any parallel engine can reach here. The work is the emulator's own
 * noise kernel (Philox blocks, no shared data) run by the engine's {@link StepTeam}, in phases long
 * enough that barriers cost nothing. Virtual CPUs that share a physical core, or a host that is busy,
 * show up as a ceiling well below T.
 */
public final class ParallelCeiling {
    private static volatile int sink;

    private ParallelCeiling() {}

    /**
     * The median over {@code rounds} interleaved rounds of time(1 thread, T x work) / time(T threads, work
     * each), where work is {@code blocks} Philox blocks.
     */
    public static double speedup(int threads, int blocks, int rounds) {
        if (threads < 2) return 1.0;
        double[] ratio = new double[rounds];
        try (StepTeam team = new StepTeam(threads, "engram-ceiling")) {
            for (int r = -1; r < rounds; r++) {   // round -1 warms up the JIT
                long t0 = System.nanoTime();
                for (int m = 0; m < threads; m++) work(m, blocks);
                long serial = System.nanoTime() - t0;
                t0 = System.nanoTime();
                team.run(m -> work(m, blocks));
                long parallel = System.nanoTime() - t0;
                if (r >= 0) ratio[r] = (double) serial / parallel;
            }
        }
        Arrays.sort(ratio);
        return ratio[rounds / 2];
    }

    private static void work(int member, int blocks) {
        int[] out = new int[4];
        int acc = 0;
        for (int i = 0; i < blocks; i++) {
            Philox.block(member, 0x5eed, i, 0, member, 1, out);
            acc += out[0];
        }
        sink += acc;   // racy on purpose: only keeps the loop alive
    }
}
