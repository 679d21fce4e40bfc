package org.engram.grpc;

import com.google.rpc.BadRequest;
import com.google.rpc.PreconditionFailure;
import com.google.rpc.ResourceInfo;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.engram.grpc.codec.ErrorDetails;
import org.engram.hal.io.ExperimentEncoder;
import org.engram.grpc.server.DeviceServer;
import org.engram.proto.v1.*;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Each kind of bad request gets its status code and the field path and rule in the details. */
class BadInputTest {
    @TempDir static Path dir;
    static DeviceServer server;
    static ManagedChannel channel;

    @BeforeAll
    static void start() throws Exception {
        server = ServerFixture.start(ServerFixture.config(dir).withMaxMessageBytes(64 * 1024));
        channel = Grpc.newChannelBuilder("localhost:" + server.port(), InsecureChannelCredentials.create()).build();
    }

    @AfterAll
    static void stop() {
        channel.shutdownNow();
        server.close();
    }

    static DeviceServiceGrpc.DeviceServiceBlockingStub stub() {
        return DeviceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    static Experiment valid() {
        return ExperimentEncoder.encode(TestExperiments.small());
    }

    static StatusRuntimeException submitFails(SubmitRequest r, Status.Code code) {
        var e = assertThrows(StatusRuntimeException.class, () -> stub().submit(r));
        assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
        return e;
    }

    static BadRequest.FieldViolation violation(StatusRuntimeException e, String field) {
        var br = ErrorDetails.detail(e, BadRequest.class).orElseThrow();
        return br.getFieldViolationsList().stream().filter(v -> v.getField().equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError("no violation at " + field + " in " + br));
    }

    @Test
    void nanAndNegativeParametersNameTheFieldAndTheRule() {
        var b = valid().toBuilder();
        b.getNetworkBuilder().getPopulationsBuilder(0).getLifBuilder().setTauMem("NaN ms").setTRef("-2 ms");
        b.getProtocolBuilder().setDuration("-1 s");
        var e = submitFails(SubmitRequest.newBuilder().setDeviceUri("sim:").setExperiment(b).build(), Status.Code.INVALID_ARGUMENT);
        assertTrue(violation(e, "experiment.network.populations[0].lif.tau_mem").getDescription().contains("not a quantity"));
        assertTrue(violation(e, "experiment.network.populations[0].lif.t_ref").getDescription().contains("must not be negative"));
        assertTrue(violation(e, "experiment.protocol.duration").getDescription().contains("must be positive"));
        var fp = valid().toBuilder();
        fp.getNetworkBuilder().getProjectionsBuilder(0).getConnectorBuilder().getFixedProbabilityBuilder().setP(Double.NaN);
        var e2 = submitFails(SubmitRequest.newBuilder().setDeviceUri("sim:").setExperiment(fp).build(), Status.Code.INVALID_ARGUMENT);
        assertTrue(violation(e2, "experiment.network.projections[0].connector.fixed_probability.p").getDescription().contains("[0, 1]"));
    }

    @Test
    void missingFieldsAndUnknownDevicesAndJobs() {
        var e = submitFails(SubmitRequest.newBuilder().setExperiment(valid()).build(), Status.Code.INVALID_ARGUMENT);
        assertEquals("device_uri", ErrorDetails.detail(e, BadRequest.class).orElseThrow().getFieldViolations(0).getField());
        submitFails(SubmitRequest.newBuilder().setDeviceUri("sim:").build(), Status.Code.INVALID_ARGUMENT);
        var nf = submitFails(SubmitRequest.newBuilder().setDeviceUri("brainscales2:").setExperiment(valid()).build(), Status.Code.NOT_FOUND);
        assertEquals("brainscales2:", ErrorDetails.detail(nf, ResourceInfo.class).orElseThrow().getResourceName());
        var d = submitFails(SubmitRequest.newBuilder().setDeviceUri("sim:").setExperiment(valid()).setDeadlineMs(-1L).build(),
                Status.Code.INVALID_ARGUMENT);
        assertEquals("deadline_ms", ErrorDetails.detail(d, BadRequest.class).orElseThrow().getFieldViolations(0).getField());
        var j = assertThrows(StatusRuntimeException.class, () -> stub().cancel(CancelRequest.getDefaultInstance()));
        assertEquals(Status.Code.INVALID_ARGUMENT, j.getStatus().getCode());
        var w = assertThrows(StatusRuntimeException.class,
                () -> stub().watch(WatchRequest.newBuilder().setJobId("x").setChunkEvents(1 << 20).build()).next());
        assertEquals(Status.Code.INVALID_ARGUMENT, w.getStatus().getCode());
        var g = assertThrows(StatusRuntimeException.class, () -> stub().getResult(GetResultRequest.newBuilder().setJobId("no-such-job").build()));
        assertEquals(Status.Code.NOT_FOUND, g.getStatus().getCode());
    }

    @Test
    void aNetworkThatDoesNotFitIsAFailedPreconditionWithTheRule() {
        var b = valid().toBuilder();
        b.getProtocolBuilder().setDuration("0.50005 s");
        var e = submitFails(SubmitRequest.newBuilder().setDeviceUri("sim:").setExperiment(b).build(), Status.Code.FAILED_PRECONDITION);
        var v = ErrorDetails.detail(e, PreconditionFailure.class).orElseThrow().getViolations(0);
        assertEquals("time-grid", v.getType());
        assertEquals("protocol.duration", v.getSubject());
        assertFalse(ErrorDetails.detail(e, FitReportData.class).orElseThrow().getFits());
    }

    @Test
    void oversizedMessagesAreRefusedAndTheServerKeepsServing() {
        var b = valid().toBuilder();
        var times = SpikeTimesTrain.newBuilder();
        for (int i = 0; i < 20_000; i++) times.addTimes(i + " ms");
        b.getNetworkBuilder().addPopulations(Population.newBuilder().setName("big").setSize(1)
                .setSource(SpikeSource.newBuilder().addTrains(SpikeTrain.newBuilder().setSpikeTimes(times))));
        var e = submitFails(SubmitRequest.newBuilder().setDeviceUri("sim:").setExperiment(b).build(), Status.Code.RESOURCE_EXHAUSTED);
        assertTrue(e.getStatus().getDescription().contains("65536"), e.getStatus().getDescription());
        assertFalse(stub().submit(SubmitRequest.newBuilder().setDeviceUri("sim:").setExperiment(valid()).build()).getJobId().isEmpty());
    }
}
