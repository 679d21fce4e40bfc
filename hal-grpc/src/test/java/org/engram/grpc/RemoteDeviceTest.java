package org.engram.grpc;

import org.engram.grpc.client.ClientOptions;
import org.engram.grpc.client.RemoteDevice;
import org.engram.grpc.client.RemoteJob;
import org.engram.grpc.server.DeviceServer;
import org.engram.hal.device.Device;
import org.engram.hal.device.Devices;
import org.engram.hal.device.DoesNotFitException;
import org.engram.hal.device.FitReport;
import org.engram.hal.device.RunResult;
import org.engram.hal.io.ExperimentFiles;
import org.engram.hal.model.Experiment;
import org.engram.proto.v1.JobState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/** A remote device behaves exactly like the local one: same capabilities, fit report and bits. */
class RemoteDeviceTest {
    @TempDir static Path store;
    static DeviceServer server;

    @BeforeAll
    static void start() throws Exception {
        server = ServerFixture.start(ServerFixture.config(store));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static void assertSameResult(RunResult local, RunResult remote) {
        assertEquals(local.sha256(), remote.sha256());
        assertEquals(new TreeMap<>(local.spikes()).keySet(), new TreeMap<>(remote.spikes()).keySet());
        for (String k : local.spikes().keySet()) {
            assertArrayEquals(local.spikes().get(k).times(), remote.spikes().get(k).times(), k);
            assertArrayEquals(local.spikes().get(k).neurons(), remote.spikes().get(k).neurons(), k);
            assertEquals(local.spikes().get(k).population(), remote.spikes().get(k).population(), k);
        }
        assertEquals(local.traces().size(), remote.traces().size());
        for (int i = 0; i < local.traces().size(); i++) {
            var a = local.traces().get(i);
            var b = remote.traces().get(i);
            assertEquals(a.recording(), b.recording());
            assertEquals(a.variable(), b.variable());
            assertEquals(a.unit(), b.unit());
            assertEquals(a.labels(), b.labels());
            assertArrayEquals(a.times(), b.times());
            assertTrue(Arrays.deepEquals(a.values(), b.values()), a.recording());
        }
        assertEquals(local.finalSynapses(), remote.finalSynapses());
        assertEquals(local.counters(), remote.counters());
        var p = local.provenance();
        var q = remote.provenance();
        assertEquals(p.deviceUri(), q.deviceUri());
        assertEquals(p.engine(), q.engine());
        assertEquals(p.engineVersion(), q.engineVersion());
        assertEquals(p.seed(), q.seed());
        assertEquals(p.experimentName(), q.experimentName());
        assertEquals(p.experimentSha256(), q.experimentSha256(), "the server ran the identical experiment");
        assertEquals(p.simulatedSeconds(), q.simulatedSeconds());
        assertEquals(p.threads(), q.threads());
    }

    @Test
    void devicesOpenFindsTheGrpcProviderAndGivesTheSameBitsAsLocal() {
        Experiment e = TestExperiments.small();
        RunResult local;
        try (Device d = Devices.open("sim:")) {
            local = d.run(e);
        }
        assertTrue(local.spikes().get("spikes-exc").count() > 0, "the test network spikes");
        try (Device remote = Devices.open(ServerFixture.uri(server, "sim:"))) {
            assertInstanceOf(RemoteDevice.class, remote);
            assertEquals(ServerFixture.uri(server, "sim:"), remote.uri());
            assertSameResult(local, remote.run(e));
        }
    }

    @Test
    void float64AndThreadOptionsAreServedToo() throws Exception {
        Experiment e = TestExperiments.small(5);
        RunResult local = Devices.open("sim:float64").run(e);
        try (RemoteDevice remote = ServerFixture.device(server, "sim:float64", ClientOptions.NONE)) {
            RunResult r = remote.run(e);
            assertSameResult(local, r);
            assertNotEquals(Devices.open("sim:").run(e).sha256(), r.sha256(), "float64 differs from fixed point");
        }
    }

    @Test
    void capabilitiesAndFitReportsAreTheLocalOnes() {
        try (Device local = Devices.open("sim:"); Device remote = Devices.open(ServerFixture.uri(server, "sim:"))) {
            assertEquals(local.capabilities(), remote.capabilities());
            Experiment ok = TestExperiments.small();
            assertEquals(local.check(ok), remote.check(ok));
            Experiment offGrid = TestExperiments.of("0.50005 s", "20 Hz", 1);
            FitReport lr = local.check(offGrid);
            assertFalse(lr.fits());
            assertEquals(lr, remote.check(offGrid));
            var thrown = assertThrows(DoesNotFitException.class, () -> remote.submit(offGrid));
            assertEquals(lr, thrown.report(), "submit fails fast with the same report, as locally");
        }
    }

    @Test
    void watchReportsProgressAndTheJobIsListed() throws Exception {
        try (RemoteDevice remote = ServerFixture.device(server, "sim:", ClientOptions.NONE)) {
            RemoteJob job = remote.submit(TestExperiments.of("5 s", "100 Hz", 9));
            RunResult r = job.await();
            assertEquals(org.engram.hal.device.Job.State.SUCCEEDED, job.state());
            assertEquals(1.0, job.progress());
            assertEquals(r.sha256(), job.status().getResultSha256());
            var mine = remote.myJobs(1000);
            assertTrue(mine.stream().anyMatch(s -> s.getJobId().equals(job.id()) && s.getState() == JobState.SUCCEEDED));
            assertEquals(mine.size(), mine.stream().map(s -> s.getJobId()).distinct().count(), "no job listed twice");
            // a second watcher (e.g. after a client restart) gets the same result from the server
            assertEquals(r.sha256(), remote.attach(job.id()).await().sha256());
        }
    }

    @Test
    void unknownRemoteDeviceIsNamed() {
        try (Device remote = Devices.open(ServerFixture.uri(server, "cmos:"))) {
            var e = assertThrows(RuntimeException.class, remote::capabilities);
            assertTrue(e.getMessage().contains("cmos:") && e.getMessage().contains("sim:"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Devices.open("grpc://localhost/sim:"));
    }

    /** The open model travels: a rate network with a generator, samples, drawn tau, weights and delays, given weights. */
    @Test
    void aRateReservoirGivesTheLocalBitsOverGrpc() {
        Experiment e = ExperimentFiles.parse("""
                name: remote-rate
                seed: 5
                network:
                  populations:
                    - {name: u, size: 3, input: {generator: {name: lorenz, parameters: {time_scale: 5}}, zscore: true}}
                    - {name: v, size: 2, input: {data: {values: [0, 1, 1, 0, 0.5, 0.5]}, sample_interval: 100 ms}}
                    - name: res
                      size: 50
                      rate: {tau: 20 ms, sigma: 0.05}
                      heterogeneity: [{parameter: tau, distribution: {gamma: {mean: 20 ms, cv: 0.5}}}]
                  projections:
                    - {name: rec, pre: res, post: res, delay: 1 ms, connector: {fixed_probability: {p: 0.2}}, synapse: {static: {}},
                       weights: {distribution: {normal: {mean: "0", sd: "0.3"}}}, delays: {distribution: {uniform: {low: 1 ms, high: 4 ms}}}}
                    - {name: in, pre: u, post: res, delay: 0 ms, connector: {all_to_all: {}}, synapse: {static: {weight: "0.4"}}}
                    - {name: cue, pre: v, post: res, delay: 0 ms, connector: {explicit: {connections: [{pre: 0, post: 0}, {pre: 1, post: 1}]}},
                       synapse: {static: {}}, weights: {values: {values: [1.5, -1.5]}}}
                protocol:
                  duration: 300 ms
                  dt: 1 ms
                  recordings:
                    - {name: r, trace: {variable: R, population: res, interval: 1 ms}}
                """, false, "remote-rate");
        RunResult local = Devices.open("sim:float64").run(e);
        RunResult remote = Devices.open(ServerFixture.uri(server, "sim:float64")).run(e);
        assertEquals(local.sha256(), remote.sha256());
        assertTrue(remote.trace("r").orElseThrow().seriesCount() == 50);
    }
}
