package org.engram.brainscales.virtual;

import org.engram.hal.device.Job;
import org.engram.hal.device.RunResult;

import java.util.concurrent.CompletableFuture;

/** A run on the virtual chip, on its own thread. */
final class VirtualJob implements Job {
    private final String id;
    private final CompletableFuture<RunResult> result = new CompletableFuture<>();
    private volatile State state = State.QUEUED;
    private volatile double progress;
    private volatile boolean cancel;

    VirtualJob(String id) {
        this.id = id;
    }

    @Override public String id() { return id; }
    @Override public State state() { return state; }
    @Override public double progress() { return progress; }
    @Override public CompletableFuture<RunResult> result() { return result; }
    @Override public void cancel() { cancel = true; }

    boolean cancelRequested() { return cancel; }
    void progress(double p) { progress = p; }
    void started() { state = State.RUNNING; }

    void complete(RunResult r) {
        progress = 1;
        state = State.SUCCEEDED;
        result.complete(r);
    }

    void fail(Throwable t) {
        state = t instanceof org.engram.hal.device.CancelledException ? State.CANCELLED : State.FAILED;
        result.completeExceptionally(t);
    }
}
