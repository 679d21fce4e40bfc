package org.engram.grpc.server;

import org.engram.hal.device.Job;
import org.engram.hal.device.RunResult;
import org.engram.hal.model.Experiment;
import org.engram.proto.v1.JobState;
import org.engram.proto.v1.JobStatus;
import org.engram.proto.v1.StoredJob;

import java.lang.ref.SoftReference;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * A job the server accepted: who submitted it, for which device, and where it is. State changes are
 * synchronized and each is written to the {@link JobStore} under the same lock, so the store never
 * receives an older state after a newer one. {@link #done()} completes once the final state is durable.
 */
final class ServerJob {
    final String id;
    final String client;
    final String deviceUri;
    final Experiment experiment;
    final Instant submittedAt;
    /** System.nanoTime() deadline, or 0 for none. */
    final long deadlineNanos;
    final long deadlineMs;

    private JobState state = JobState.QUEUED;
    private String reason = "";
    private Instant startedAt;
    private Instant finishedAt;
    private String resultSha256 = "";
    private String resultFile = "";
    private SoftReference<RunResult> result = new SoftReference<>(null);
    private volatile Job inner;
    /** Why the engine is being stopped (cancel, deadline, shutdown), set before asking it to stop. */
    private volatile String stopReason;
    private volatile JobState stopState;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    /** How far a FAILED or CANCELLED run got. */
    private double endProgress;

    ServerJob(String id, String client, String deviceUri, Experiment experiment, long deadlineMs) {
        this.id = id;
        this.client = client;
        this.deviceUri = deviceUri;
        this.experiment = experiment;
        this.submittedAt = Instant.now();
        this.deadlineMs = deadlineMs;
        this.deadlineNanos = deadlineMs == 0 ? 0 : System.nanoTime() + deadlineMs * 1_000_000L;
    }

    CompletableFuture<Void> done() {
        return done;
    }

    synchronized JobState state() {
        return state;
    }

    synchronized boolean terminal() {
        return state == JobState.SUCCEEDED || state == JobState.FAILED || state == JobState.CANCELLED;
    }

    synchronized String resultFile() {
        return resultFile;
    }

    synchronized RunResult cachedResult() {
        return result.get();
    }

    JobStatus status(int queuePosition) {
        Job in = inner;
        synchronized (this) {
            var b = JobStatus.newBuilder().setJobId(id).setDeviceUri(deviceUri).setState(state).setReason(reason)
                    .setExperimentName(experiment.name()).setSubmittedAt(submittedAt.toString()).setResultSha256(resultSha256);
            if (state == JobState.QUEUED && queuePosition >= 0) b.setQueuePosition(queuePosition);
            if (startedAt != null) b.setStartedAt(startedAt.toString());
            if (finishedAt != null) b.setFinishedAt(finishedAt.toString());
            if (state == JobState.SUCCEEDED) b.setProgress(1);
            else if (state == JobState.RUNNING && in != null) b.setProgress(Math.clamp(in.progress(), 0, 1));
            else b.setProgress(endProgress);
            return b.build();
        }
    }

    synchronized long persist(JobStore store) {
        return store.put(StoredJob.newBuilder().setStatus(status(-1)).setClient(client).setResultFile(resultFile).build());
    }

    /** QUEUED to RUNNING; false when the job was already stopped. */
    synchronized boolean markRunning(JobStore store) {
        if (state != JobState.QUEUED) return false;
        state = JobState.RUNNING;
        startedAt = Instant.now();
        persist(store);
        return true;
    }

    void attach(Job job) {
        inner = job;
        if (stopReason != null) job.cancel();
    }

    /** Asks a running engine to stop; the final state will be {@code as} with this reason. */
    void stop(JobState as, String why) {
        if (stopReason == null) {
            stopState = as;
            stopReason = why;
        }
        Job in = inner;
        if (in != null) in.cancel();
    }

    String stopReason() {
        return stopReason;
    }

    JobState stopState() {
        return stopState;
    }

    synchronized long succeed(RunResult r, String file, JobStore store) {
        state = JobState.SUCCEEDED;
        finishedAt = Instant.now();
        resultSha256 = r.sha256();
        resultFile = file;
        result = new SoftReference<>(r);
        return persist(store);
    }

    /** Ends the job as FAILED or CANCELLED; false when it had already ended. */
    synchronized boolean end(JobState as, String why, JobStore store, long[] version) {
        if (terminal()) return false;
        Job in = inner;
        endProgress = in == null ? 0 : Math.clamp(in.progress(), 0, 1);
        state = as;
        reason = why;
        finishedAt = Instant.now();
        version[0] = persist(store);
        return true;
    }

    void markDone() {
        done.complete(null);
    }
}
