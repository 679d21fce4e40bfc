package org.engram.hal.device;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The future a {@link Job} hands out from {@link Job#result()}: callers wait on it, chain on it and
 * cancel through it, but only the job completes it, so a caller cannot finish a job whose engine runs on.
 *
 * <p>{@code complete}, {@code completeExceptionally}, {@code obtrude*}, {@code completeAsync},
 * {@code orTimeout} and {@code completeOnTimeout} throw {@link UnsupportedOperationException} (time out
 * on a {@link #copy()} instead). {@link #cancel(boolean)} asks the job to stop, as {@link Job#cancel()}
 * does, and returns false: the future completes, with a {@link CancelledException}, once the engine has
 * stopped. Dependent stages ({@code thenApply}, {@code copy()}, ...) are ordinary futures.
 */
public final class ResultFuture extends CompletableFuture<RunResult> {
    private final Runnable cancel;

    private ResultFuture(Runnable cancel) {
        this.cancel = cancel;
    }

    /**
     * For a {@link Job} implementation: a read-only future and the one handle that completes it.
     *
     * @param cancel what {@link #cancel(boolean)} does: the job's own cancellation request
     */
    public static Completer create(Runnable cancel) {
        return new Completer(new ResultFuture(cancel));
    }

    /** Held by the job alone: completes its {@link ResultFuture}. */
    public static final class Completer {
        private final ResultFuture future;

        private Completer(ResultFuture future) {
            this.future = future;
        }

        /** The read-only future to hand out. */
        public ResultFuture future() { return future; }

        public boolean complete(RunResult r) { return future.completeByJob(r); }

        public boolean completeExceptionally(Throwable t) { return future.failByJob(t); }
    }

    private boolean completeByJob(RunResult r) { return super.complete(r); }

    private boolean failByJob(Throwable t) { return super.completeExceptionally(t); }

    private static UnsupportedOperationException readOnly(String method) {
        return new UnsupportedOperationException(method + "(): a job's result is completed by the job alone; "
                + "use Job.cancel() to stop it, or a copy() to complete or time out on");
    }

    /** Requests the job's cancellation; returns false, as the future completes only when the run has stopped. */
    @Override public boolean cancel(boolean mayInterruptIfRunning) {
        cancel.run();
        return false;
    }

    @Override public boolean complete(RunResult value) { throw readOnly("complete"); }
    @Override public boolean completeExceptionally(Throwable ex) { throw readOnly("completeExceptionally"); }
    @Override public void obtrudeValue(RunResult value) { throw readOnly("obtrudeValue"); }
    @Override public void obtrudeException(Throwable ex) { throw readOnly("obtrudeException"); }
    @Override public CompletableFuture<RunResult> completeAsync(Supplier<? extends RunResult> s) { throw readOnly("completeAsync"); }
    @Override public CompletableFuture<RunResult> completeAsync(Supplier<? extends RunResult> s, Executor e) {
        throw readOnly("completeAsync");
    }
    @Override public CompletableFuture<RunResult> orTimeout(long timeout, TimeUnit unit) { throw readOnly("orTimeout"); }
    @Override public CompletableFuture<RunResult> completeOnTimeout(RunResult value, long timeout, TimeUnit unit) {
        throw readOnly("completeOnTimeout");
    }
}
