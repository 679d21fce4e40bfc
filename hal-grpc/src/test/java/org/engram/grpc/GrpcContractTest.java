package org.engram.grpc;

import org.engram.grpc.server.DeviceServer;
import org.engram.hal.contract.DeviceContractTest;
import org.engram.hal.device.Device;
import org.engram.hal.device.Devices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The device contract over gRPC: sim: served on a loopback port, opened as grpc://localhost:port/sim:. */
class GrpcContractTest extends DeviceContractTest {
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

    @Override protected Device openDevice() {
        return Devices.open(ServerFixture.uri(server, "sim:"));
    }

    /** The provenance is the serving device's: the run happened on sim: at the server. */
    @Override protected String provenanceUri(Device d) {
        return "sim:";
    }
}
