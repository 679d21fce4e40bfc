package org.engram.grpc.server;

import com.google.protobuf.util.JsonFormat;
import org.engram.proto.v1.JobIndex;
import org.engram.proto.v1.JobState;
import org.engram.proto.v1.RunResultData;
import org.engram.proto.v1.StoredJob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The server's durable job records: {@code <dir>/index.json} (a {@link JobIndex} in protobuf JSON) and
 * {@code <dir>/results/<job-id>.pb} (a {@link RunResultData}). Every file is written to a temporary file,
 * forced to disk and renamed over the old one, so a reader sees the old or the new file, never a torn one.
 * A result file is complete before the index names it.
 *
 * <p>Index writes are group-committed: {@link #put} records a change and returns a version, and
 * {@link #awaitDurable} waits until a write covering that version has been renamed into place. Many
 * changes arriving together cost one write.
 *
 * <p>Opening a store whose index holds QUEUED or RUNNING jobs means the previous server stopped without
 * finishing them: they become FAILED with that reason, once, at open.
 */
public final class JobStore implements AutoCloseable {
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final Path dir;
    private final Path index;
    private final Path results;
    private final Map<String, StoredJob> jobs = new LinkedHashMap<>();
    private final Thread writer;
    private long version;
    private long durable;
    private IOException writeFailure;
    private boolean closed;

    private JobStore(Path dir) throws IOException {
        this.dir = dir;
        this.index = dir.resolve("index.json");
        this.results = dir.resolve("results");
        Files.createDirectories(results);
        this.writer = Thread.ofPlatform().daemon().name("engram-store-writer").unstarted(this::writeLoop);
    }

    /** Opens (or creates) a store; unfinished jobs of a previous server become FAILED. */
    public static JobStore open(Path dir) throws IOException {
        JobStore s = new JobStore(dir);
        s.load();
        s.writer.start();
        return s;
    }

    public Path dir() {
        return dir;
    }

    private void load() throws IOException {
        if (!Files.exists(index)) return;
        var b = JobIndex.newBuilder();
        JsonFormat.parser().merge(Files.readString(index, StandardCharsets.UTF_8), b);
        String now = Instant.now().toString();
        boolean changed = false;
        for (StoredJob j : b.getJobsList()) {
            JobState st = j.getStatus().getState();
            if (st == JobState.QUEUED || st == JobState.RUNNING) {
                j = j.toBuilder().setStatus(j.getStatus().toBuilder().setState(JobState.FAILED).setQueuePosition(0)
                        .setFinishedAt(now)
                        .setReason("server stopped while the job was " + st + "; it was not run to the end (restart at " + now + ")"))
                        .build();
                changed = true;
            }
            jobs.put(j.getStatus().getJobId(), j);
        }
        if (changed) {
            version++;
            writeIndex(snapshot());
            durable = version;
        }
    }

    /** All records, in submission order. */
    public synchronized List<StoredJob> all() {
        return new ArrayList<>(jobs.values());
    }

    public synchronized StoredJob get(String jobId) {
        return jobs.get(jobId);
    }

    /** Records (or replaces) a job; returns the version to pass to {@link #awaitDurable}. */
    public synchronized long put(StoredJob job) {
        if (closed) throw new IllegalStateException("store closed");
        jobs.put(job.getStatus().getJobId(), job);
        version++;
        notifyAll();
        return version;
    }

    /** Waits until the index on disk includes the change with this version. */
    public synchronized void awaitDurable(long v) {
        while (durable < v) {
            if (writeFailure != null) throw new UncheckedIOException("job index not written", writeFailure);
            if (closed && !writer.isAlive()) throw new IllegalStateException("store closed");
            try {
                wait(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the job index", e);
            }
        }
    }

    /** Writes a result file atomically; returns its name (relative to the results directory). */
    public String writeResult(String jobId, RunResultData data) {
        if (!JOB_ID.matcher(jobId).matches()) throw new IllegalArgumentException("bad job id " + jobId);
        String name = jobId + ".pb";
        try {
            atomicWrite(results.resolve(name), out -> data.writeTo(out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write result of job " + jobId, e);
        }
        return name;
    }

    public RunResultData readResult(String fileName) {
        if (!JOB_ID.matcher(fileName.replaceFirst("\\.pb$", "")).matches()) throw new IllegalArgumentException("bad result file " + fileName);
        try (InputStream in = Files.newInputStream(results.resolve(fileName))) {
            return RunResultData.parseFrom(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read result file " + fileName, e);
        }
    }

    private synchronized JobIndex snapshot() {
        return JobIndex.newBuilder().addAllJobs(jobs.values()).build();
    }

    private void writeLoop() {
        while (true) {
            long v;
            JobIndex snap;
            synchronized (this) {
                while (durable == version && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (durable == version) return; // closed and clean
                v = version;
                snap = snapshot();
            }
            try {
                writeIndex(snap);
                synchronized (this) {
                    durable = v;
                    notifyAll();
                }
            } catch (IOException e) {
                synchronized (this) {
                    writeFailure = e;
                    notifyAll();
                }
                return;
            }
        }
    }

    private void writeIndex(JobIndex snap) throws IOException {
        String json = JsonFormat.printer().print(snap);
        atomicWrite(index, out -> out.write(json.getBytes(StandardCharsets.UTF_8)));
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static void atomicWrite(Path target, Body body) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp-" + Thread.currentThread().threadId());
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE); OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
            body.write(out);
            out.flush();
            ch.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Writes what is pending and stops the writer. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
