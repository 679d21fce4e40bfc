package org.engram.grpc;

import org.engram.grpc.client.ClientOptions;
import org.engram.grpc.client.RemoteDevice;
import org.engram.grpc.client.RemoteJob;
import org.engram.grpc.client.RemoteJobFailedException;
import org.engram.grpc.server.DeviceServer;
import org.engram.grpc.server.JobStore;
import org.engram.hal.device.Job;
import org.engram.proto.v1.JobState;
import org.engram.proto.v1.JobStatus;
import org.engram.proto.v1.StoredJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Results survive a restart; jobs cut off by a stop are reported FAILED with that reason, once. */
class DurabilityTest {
    @TempDir Path dir;

    @Test
    void resultsAreFetchableAfterARestartAndCutOffJobsAreFailedNotLost() throws Exception {
        Path store = dir.resolve("store");
        String doneId, runningId, queuedId, sha;
        var config = ServerFixture.config(store).withMaxConcurrent(1);
        try (DeviceServer s1 = ServerFixture.start(config);
             RemoteDevice d = ServerFixture.device(s1, "sim:", ClientOptions.NONE)) {
            RemoteJob done = d.submit(TestExperiments.small());
            sha = done.await().sha256();
            doneId = done.id();
            RemoteJob running = d.submit(TestExperiments.longRun());
            RemoteJob queued = d.submit(TestExperiments.small(3));
            while (running.state() != Job.State.RUNNING) Thread.sleep(10);
            runningId = running.id();
            queuedId = queued.id();
            s1.close(); // the server stops while one job runs and one waits
            var e = assertThrows(CompletionException.class, () -> running.result().join());
            assertInstanceOf(RemoteJobFailedException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("server stopped while the job was RUNNING"), e.getCause().getMessage());
        }
        assertTrue(Files.exists(store.resolve("index.json")));
        try (Stream<Path> tmp = Files.list(store)) {
            assertEquals(0, tmp.filter(p -> p.getFileName().toString().contains(".tmp")).count(), "no temporary files left");
        }
        try (DeviceServer s2 = ServerFixture.start(config.withPort(0));
             RemoteDevice d = ServerFixture.device(s2, "sim:", ClientOptions.NONE)) {
            assertEquals(sha, d.attach(doneId).await().sha256(), "the stored result, bit for bit");
            List<JobStatus> jobs = d.myJobs(100);
            assertEquals(3, jobs.size(), "nothing lost, nothing duplicated: " + jobs);
            JobStatus r = jobs.stream().filter(j -> j.getJobId().equals(runningId)).findFirst().orElseThrow();
            assertEquals(JobState.FAILED, r.getState());
            assertTrue(r.getReason().contains("server stopped while the job was RUNNING"), r.getReason());
            JobStatus q = jobs.stream().filter(j -> j.getJobId().equals(queuedId)).findFirst().orElseThrow();
            assertEquals(JobState.FAILED, q.getState());
            assertTrue(q.getReason().contains("QUEUED"), q.getReason());
            var e = assertThrows(CompletionException.class, () -> d.attach(runningId).result().join());
            assertInstanceOf(RemoteJobFailedException.class, e.getCause());
        }
    }

    @Test
    void afterACrashUnfinishedJobsBecomeFailedOnceAtOpen() throws Exception {
        Path store = dir.resolve("crashed");
        try (JobStore s = JobStore.open(store)) {
            for (JobState st : List.of(JobState.QUEUED, JobState.RUNNING, JobState.SUCCEEDED)) {
                s.awaitDurable(s.put(StoredJob.newBuilder().setClient("alice").setStatus(JobStatus.newBuilder()
                        .setJobId("job-" + st.name().toLowerCase()).setState(st).setSubmittedAt("2026-01-01T00:00:00Z")).build()));
            }
            // no orderly stop is recorded: as after kill -9, the index still says QUEUED and RUNNING
        }
        try (JobStore s = JobStore.open(store)) {
            assertEquals(3, s.all().size());
            assertEquals(JobState.FAILED, s.get("job-running").getStatus().getState());
            assertTrue(s.get("job-running").getStatus().getReason().startsWith("server stopped while the job was RUNNING"));
            assertEquals(JobState.FAILED, s.get("job-queued").getStatus().getState());
            assertEquals(JobState.SUCCEEDED, s.get("job-succeeded").getStatus().getState());
        }
        String reason;
        try (JobStore s = JobStore.open(store)) {
            reason = s.get("job-running").getStatus().getReason();
        }
        try (JobStore s = JobStore.open(store)) {
            assertEquals(reason, s.get("job-running").getStatus().getReason(), "a second restart changes nothing");
        }
    }
}
