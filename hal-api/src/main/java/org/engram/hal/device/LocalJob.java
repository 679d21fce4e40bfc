package org.engram.hal.device;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A job that runs in this process on a thread of its own: what every local backend returns from
 * {@link Device#submit}. The work receives the job, reports {@link #progress(double)} and polls
 * {@link #cancelRequested()}; a {@link CancelledException} ends it CANCELLED, any other failure FAILED.
 */
public final class LocalJob implements Job {
    private final String id;
    private final ResultFuture.Completer result = ResultFuture.create(this::cancel);
    private volatile State state = State.QUEUED;
    private volatile double progress;
    private volatile boolean cancel;

    private LocalJob(String id) {
        this.id = id;
    }

    /** Starts {@code work} on a new virtual thread named {@code name-<id>}. */
    public static LocalJob start(String name, Function<LocalJob, RunResult> work) {
        LocalJob job = new LocalJob(UUID.randomUUID().toString());
        Thread.ofVirtual().name(name + "-" + job.id).start(() -> {
            try {
                job.state = State.RUNNING;
                RunResult r = work.apply(job);
                job.progress = 1;
                job.state = State.SUCCEEDED;
                job.result.complete(r);
            } catch (Throwable t) {
                job.state = t instanceof CancelledException ? State.CANCELLED : State.FAILED;
                job.result.completeExceptionally(t);
            }
        });
        return job;
    }

    @Override public String id() { return id; }
    @Override public State state() { return state; }
    @Override public double progress() { return progress; }
    @Override public CompletableFuture<RunResult> result() { return result.future(); }
    @Override public void cancel() { cancel = true; }

    public boolean cancelRequested() { return cancel; }

    public void progress(double p) { progress = p; }
}
