package org.engram.grpc;

import org.engram.grpc.server.DeviceServer;
import org.engram.hal.device.Devices;
import org.engram.hal.device.RunResult;
import org.engram.hal.io.ExperimentFiles;
import org.engram.hal.model.Experiment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The open model travels: a rate network with drawn tau, drawn weights, given weights and a generator runs remotely bit for bit. */
class OpenModelRemoteTest {
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
