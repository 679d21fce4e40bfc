package org.engram.grpc.server;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import org.engram.grpc.codec.ResultCodec;
import org.engram.hal.device.RunResult;
import org.engram.proto.v1.JobState;
import org.engram.proto.v1.JobStatus;
import org.engram.proto.v1.StoredJob;
import org.engram.proto.v1.WatchEvent;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Serves Watch streams. While a job waits or runs, its status is sent whenever it changes (checked every
 * {@link #TICK_MS} ms; a status is dropped rather than queued when the client is slow, the next one
 * supersedes it). When it has ended, the final status is sent and, for a SUCCEEDED job, its spikes and
 * traces in chunks and a {@code ResultTail}, paced by the client's flow control (isReady/onReady), so a
 * large result never piles up in server memory as unsent messages.
 */
final class Watchers implements AutoCloseable {
    static final long TICK_MS = 50;

    private final JobManager jobs;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "engram-watch-ticker");
        t.setDaemon(true);
        return t;
    });

    Watchers(JobManager jobs) {
        this.jobs = jobs;
    }

    void watchLive(ServerCallStreamObserver<WatchEvent> so, ServerJob job, int chunkEvents) {
        WatchStream s = new WatchStream(so, () -> jobs.status(job), () -> jobs.result(job), chunkEvents);
        s.start();
        s.ticking = ticker.scheduleAtFixedRate(s::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
        job.done().whenComplete((v, t) -> s.ended());
    }

    void watchStored(ServerCallStreamObserver<WatchEvent> so, StoredJob job, int chunkEvents) {
        WatchStream s = new WatchStream(so, job::getStatus,
                () -> ResultCodec.decode(jobs.store().readResult(job.getResultFile())), chunkEvents);
        s.start();
        s.ended();
    }

    private static final class WatchStream {
        final ServerCallStreamObserver<WatchEvent> so;
        final Supplier<JobStatus> status;
        final Supplier<RunResult> result;
        final int chunkEvents;
        volatile ScheduledFuture<?> ticking;
        JobStatus lastSent;
        Iterator<WatchEvent> pending;
        boolean finished;

        WatchStream(ServerCallStreamObserver<WatchEvent> so, Supplier<JobStatus> status, Supplier<RunResult> result, int chunkEvents) {
            this.so = so;
            this.status = status;
            this.result = result;
            this.chunkEvents = chunkEvents;
        }

        void start() {
            so.setOnCancelHandler(this::stopTicking);
            so.setOnReadyHandler(this::drain);
        }

        private void stopTicking() {
            ScheduledFuture<?> t = ticking;
            if (t != null) t.cancel(false);
            synchronized (this) {
                finished = true;
            }
        }

        synchronized void tick() {
            if (finished || pending != null || so.isCancelled()) return;
            JobStatus st = status.get();
            if (isTerminal(st)) return; // the end is sent by ended()
            if (st.equals(lastSent) || !so.isReady()) return;
            so.onNext(WatchEvent.newBuilder().setStatus(st).build());
            lastSent = st;
        }

        /** The job has ended (its final state is durable): queue the rest of the stream. */
        void ended() {
            ScheduledFuture<?> t = ticking;
            if (t != null) t.cancel(false);
            synchronized (this) {
                if (finished || pending != null) return;
                JobStatus st = status.get();
                ArrayDeque<WatchEvent> head = new ArrayDeque<>();
                head.add(WatchEvent.newBuilder().setStatus(st).build());
                Iterator<WatchEvent> rest = java.util.Collections.emptyIterator();
                if (st.getState() == JobState.SUCCEEDED) {
                    try {
                        RunResult r = result.get();
                        rest = Stream.concat(ResultCodec.spikeChunks(r, chunkEvents).stream().map(c -> WatchEvent.newBuilder().setSpikes(c).build()),
                                Stream.concat(ResultCodec.traceChunks(r, chunkEvents).stream().map(c -> WatchEvent.newBuilder().setTrace(c).build()),
                                        Stream.of(WatchEvent.newBuilder().setTail(ResultCodec.tail(r).toBuilder().setStatus(st)).build())))
                                .iterator();
                    } catch (RuntimeException e) {
                        finished = true;
                        so.onError(Status.INTERNAL.withDescription("result of job " + st.getJobId() + " unreadable: " + e.getMessage())
                                .asRuntimeException());
                        return;
                    }
                }
                Iterator<WatchEvent> tail = rest;
                pending = Stream.concat(head.stream(), java.util.stream.StreamSupport.stream(
                        java.util.Spliterators.spliteratorUnknownSize(tail, 0), false)).iterator();
            }
            drain();
        }

        synchronized void drain() {
            if (pending == null || finished) return;
            if (so.isCancelled()) {
                finished = true;
                return;
            }
            while (so.isReady() && pending.hasNext()) so.onNext(pending.next());
            if (!pending.hasNext()) {
                finished = true;
                so.onCompleted();
            }
        }

        private static boolean isTerminal(JobStatus s) {
            return s.getState() == JobState.SUCCEEDED || s.getState() == JobState.FAILED || s.getState() == JobState.CANCELLED;
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
