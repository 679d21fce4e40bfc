package org.engram.hal.device;

import java.util.concurrent.CompletableFuture;

/** A submitted run: progress, cancellation and the eventual result. */
public interface Job {
    enum State { QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED }

    String id();

    State state();

    /** Fraction of simulated time done, in [0, 1]. */
    double progress();

    /** Requests cancellation; the engine stops at its next check (within one step batch). */
    void cancel();

    /**
     * The eventual result, read-only: only the job completes it (a {@link ResultFuture} in this
     * package's jobs), and {@code cancel(...)} on it requests cancellation as {@link #cancel()} does.
     */
    CompletableFuture<RunResult> result();

    /** Waits for the result; rethrows the run's failure unwrapped. */
    default RunResult await() {
        try {
            return result().join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }
}
