package org.engram.grpc.server;

import org.engram.grpc.codec.ResultCodec;
import org.engram.hal.device.CancelledException;
import org.engram.hal.device.Device;
import org.engram.hal.device.Job;
import org.engram.hal.device.RunResult;
import org.engram.hal.model.Experiment;
import org.engram.proto.v1.JobState;
import org.engram.proto.v1.JobStatus;
import org.engram.proto.v1.StoredJob;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The life of jobs on the server: accepted (durably QUEUED), started by the {@link Scheduler} on the local
 * {@link Device}, and ended SUCCEEDED (result file written first), FAILED or CANCELLED. Cancel and
 * deadlines take a waiting job out of its queue or ask the running engine to stop ({@link Job#cancel()}).
 */
final class JobManager implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(JobManager.class.getName());

    private final Map<String, Device> devices;
    private final JobStore store;
    private final Scheduler scheduler;
    private final Map<String, ServerJob> live = new ConcurrentHashMap<>();
    private final ExecutorService starter = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "engram-deadlines");
        t.setDaemon(true);
        return t;
    });

    JobManager(Map<String, Device> devices, JobStore store, int maxConcurrent) {
        this.devices = devices;
        this.store = store;
        this.scheduler = new Scheduler(maxConcurrent, List.copyOf(devices.keySet()), starter, this::start);
    }

    Scheduler scheduler() {
        return scheduler;
    }

    JobStore store() {
        return store;
    }

    /** Accepts a checked experiment: durably QUEUED before this returns. */
    ServerJob submit(String client, String deviceUri, Experiment e, long deadlineMs) {
        ServerJob job = new ServerJob(UUID.randomUUID().toString(), client, deviceUri, e, deadlineMs);
        live.put(job.id, job);
        store.awaitDurable(job.persist(store));
        scheduler.submit(job);
        if (deadlineMs > 0) timers.schedule(() -> expire(job), deadlineMs, TimeUnit.MILLISECONDS);
        return job;
    }

    ServerJob live(String id) {
        return live.get(id);
    }

    StoredJob stored(String id) {
        return store.get(id);
    }

    JobStatus status(ServerJob job) {
        return job.status(scheduler.position(job));
    }

    /** The result of a SUCCEEDED job, from memory or from its result file. */
    RunResult result(ServerJob job) {
        RunResult r = job.cachedResult();
        return r != null ? r : ResultCodec.decode(store.readResult(job.resultFile()));
    }

    /** Cancels a job: a waiting one ends at once, a running one when its engine stops. */
    void cancel(ServerJob job, String client) {
        if (job.terminal()) return;
        if (scheduler.removeQueued(job)) {
            endWithoutRun(job, JobState.CANCELLED, "cancelled by " + client + " while queued");
        } else {
            job.stop(JobState.CANCELLED, "cancelled by " + client + " while running");
        }
    }

    private void expire(ServerJob job) {
        if (job.terminal()) return;
        String why = "deadline exceeded: " + job.deadlineMs + " ms after submission";
        if (scheduler.removeQueued(job)) endWithoutRun(job, JobState.FAILED, why + ", still queued");
        else job.stop(JobState.FAILED, why + ", while running");
    }

    private void endWithoutRun(ServerJob job, JobState as, String why) {
        long[] v = new long[1];
        if (job.end(as, why, store, v)) store.awaitDurable(v[0]);
        job.markDone();
        live.remove(job.id);
    }

    /** Runs on a starter thread with a run slot taken. */
    private void start(ServerJob job) {
        try {
            if (job.deadlineNanos != 0 && System.nanoTime() - job.deadlineNanos >= 0) {
                end(job, JobState.FAILED, "deadline exceeded: " + job.deadlineMs + " ms after submission, still queued");
                return;
            }
            if (!job.markRunning(store)) {
                release(job);
                return;
            }
            Job inner = devices.get(job.deviceUri).submit(job.experiment);
            job.attach(inner);
            inner.result().whenComplete((r, t) -> finish(job, r, t));
        } catch (RuntimeException | Error t) {
            finish(job, null, t);
        }
    }

    private void finish(ServerJob job, RunResult r, Throwable t) {
        try {
            if (r != null) {
                String file = store.writeResult(job.id, ResultCodec.encode(r));
                store.awaitDurable(job.succeed(r, file, store));
            } else {
                Throwable cause = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
                if (cause instanceof CancelledException && job.stopReason() != null) {
                    end(job, job.stopState(), job.stopReason());
                    return;
                }
                String msg = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
                end(job, JobState.FAILED, "run failed: " + msg);
                return;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "job " + job.id + " could not be recorded", e);
            long[] v = new long[1];
            job.end(JobState.FAILED, "result could not be stored: " + e.getMessage(), store, v);
        }
        release(job);
    }

    private void end(ServerJob job, JobState as, String why) {
        try {
            long[] v = new long[1];
            if (job.end(as, why, store, v)) store.awaitDurable(v[0]);
        } finally {
            release(job);
        }
    }

    /** Frees the run slot; the ended job is served from the store from now on (its experiment is let go). */
    private void release(ServerJob job) {
        scheduler.release(job);
        job.markDone();
        live.remove(job.id);
    }

    /** Stops everything: waiting jobs end FAILED, running engines are asked to stop, ends are recorded. */
    @Override
    public void close() {
        for (ServerJob j : scheduler.drainQueued()) endWithoutRun(j, JobState.FAILED, "server stopped while the job was QUEUED");
        List<ServerJob> running = new ArrayList<>();
        for (ServerJob j : live.values()) {
            if (!j.terminal()) {
                j.stop(JobState.FAILED, "server stopped while the job was RUNNING");
                running.add(j);
            }
        }
        for (ServerJob j : running) {
            try {
                j.done().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warning("job " + j.id + " did not stop within 10 s; the next start reports it FAILED");
            }
        }
        timers.shutdownNow();
        starter.shutdown();
    }
}
