package org.engram.hal.device;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The future a job hands out is read-only: only the job completes it; cancelling it asks the job to stop. */
class LocalJobTest {
    private static RunResult result(String name) {
        var p = new Provenance("test:", "test", "0", 1, name, "", Instant.EPOCH, 0, 0, 1);
        return new RunResult(Map.of(), List.of(), List.of(), p);
    }

    /** A job whose engine runs until released, then returns its result or stops if cancellation was asked. */
    private static LocalJob held(CountDownLatch started, CountDownLatch release) {
        return LocalJob.start("held", job -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            if (job.cancelRequested()) throw new CancelledException("stopped at the next check");
            return result("engine");
        });
    }

    @Test
    void completingTheHandedOutFutureDoesNotFinishTheJob() throws Exception {
        var started = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        LocalJob job = held(started, release);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        var future = job.result();
        assertThrows(UnsupportedOperationException.class, () -> future.complete(result("caller")));
        assertThrows(UnsupportedOperationException.class, () -> future.completeExceptionally(new RuntimeException()));
        assertThrows(UnsupportedOperationException.class, () -> future.obtrudeValue(result("caller")));
        assertThrows(UnsupportedOperationException.class, () -> future.completeAsync(() -> result("caller")));
        assertThrows(UnsupportedOperationException.class, () -> future.completeOnTimeout(result("caller"), 1, TimeUnit.MILLISECONDS));
        assertThrows(UnsupportedOperationException.class, () -> future.orTimeout(1, TimeUnit.MILLISECONDS));
        // a copy is the caller's own: completing it leaves the job alone
        var copy = future.copy();
        assertTrue(copy.complete(result("caller")));
        assertFalse(future.isDone());
        assertEquals(Job.State.RUNNING, job.state());
        release.countDown();
        assertEquals("engine", job.await().provenance().experimentName(), "the engine's result, not the caller's");
        assertEquals(Job.State.SUCCEEDED, job.state());
    }

    @Test
    void cancellingTheHandedOutFutureAsksTheJobToStopAndCompletesWhenItHas() throws Exception {
        var started = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        LocalJob job = held(started, release);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        var future = job.result();
        assertFalse(future.cancel(true), "not cancelled yet: the engine has not stopped");
        assertTrue(job.cancelRequested(), "routed to Job.cancel()");
        assertFalse(future.isDone(), "the future waits for the engine");
        assertEquals(Job.State.RUNNING, job.state());
        release.countDown();
        var e = assertThrows(CompletionException.class, future::join);
        assertInstanceOf(CancelledException.class, e.getCause());
        assertEquals(Job.State.CANCELLED, job.state());
        assertThrows(CancelledException.class, job::await);
    }
}
