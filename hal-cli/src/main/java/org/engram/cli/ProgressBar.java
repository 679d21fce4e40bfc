package org.engram.cli;

import org.engram.hal.device.Job;
import org.engram.hal.device.RunResult;

import java.io.Console;
import java.io.PrintWriter;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A one-line progress bar on stderr, redrawn in place with '\r' every 100 ms: percent, simulated time
 * done and wall time elapsed. Drawn only for an interactive terminal, so logs and pipes stay clean.
 */
final class ProgressBar {
    private static final int CELLS = 30;
    private static final long REDRAW_MS = 100;

    private final PrintWriter err;
    private final double simulatedSeconds;
    private int lastWidth;

    ProgressBar(PrintWriter err, double simulatedSeconds) {
        this.err = err;
        this.simulatedSeconds = simulatedSeconds;
    }

    /**
     * Whether to draw at all. Since JDK 22 System.console() may return a console even when output is
     * redirected, hence the isTerminal() check on top of the null check.
     */
    static boolean wanted(boolean quiet) {
        Console c = System.console();
        return !quiet && c != null && c.isTerminal();
    }

    /** Draws until the job ends, clears the line and returns the job's result (or rethrows its failure). */
    RunResult follow(Job job) {
        long t0 = System.nanoTime();
        var future = job.result();
        try {
            while (!future.isDone()) {
                draw(job.progress(), (System.nanoTime() - t0) / 1e9);
                try {
                    future.get(REDRAW_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // timeout: redraw; failure: await() below rethrows it unwrapped
                }
            }
        } catch (InterruptedException e) {
            job.cancel(); // await() then reports the cancellation
            Thread.currentThread().interrupt();
        } finally {
            clear();
        }
        return job.await();
    }

    private void draw(double progress, double elapsed) {
        double f = Math.clamp(progress, 0.0, 1.0);
        int full = (int) Math.round(f * CELLS);
        String line = "[" + "#".repeat(full) + "-".repeat(CELLS - full) + "] "
                + String.format("%3d%%", (int) Math.floor(f * 100)) + "  "
                + Durations.bio(f * simulatedSeconds) + " / " + Durations.bio(simulatedSeconds) + " simulated  "
                + Durations.wall(elapsed) + " elapsed";
        // pad over the tail of a longer previous line
        err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
        err.flush();
        lastWidth = line.length();
    }

    private void clear() {
        if (lastWidth == 0) return;
        err.print("\r" + " ".repeat(lastWidth) + "\r");
        err.flush();
    }
}
