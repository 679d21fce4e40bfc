package org.engram.grpc;

import org.engram.grpc.load.LoadBenchmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The short version of the load benchmark: 10 clients, 5 jobs each, one long job, a spike stream. */
class LoadTest {
    @Test
    void tenClientsAllServedNothingLostOrDuplicated(@TempDir Path dir) throws Exception {
        var r = LoadBenchmark.run(new LoadBenchmark.Options(10, 5, 1, 2, 50, "5 s", 40), dir);
        System.out.println(r);
        assertEquals(50, r.jobs());
        assertEquals(1, r.longJobs());
        assertEquals(0, r.lost());
        assertEquals(0, r.duplicated());
        assertEquals(0, r.wrongBits(), "every remote result has the bits of the local run");
        assertEquals(10, r.clientsServed());
        assertTrue(r.streamEvents() > 10_000, "the stream carried " + r.streamEvents() + " spikes");
        assertTrue(r.streamEventsPerSecond() > 0);
    }
}
