package org.engram.grpc;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCalls;
import org.engram.hal.io.ExperimentEncoder;
import org.engram.grpc.server.DeviceServer;
import org.engram.proto.v1.CancelRequest;
import org.engram.proto.v1.DeviceServiceGrpc;
import org.engram.proto.v1.SubmitRequest;
import org.engram.proto.v1.SubmitResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Hundreds of corrupted and random Submit requests, sent as raw bytes so that even unparsable ones reach
 * the server. Each gets an answer within its deadline: an error status, or (when a mutation happened to
 * keep the experiment valid) a job id, whose job is cancelled while it still waits behind a long run.
 * The health check stays SERVING and a valid job still runs afterwards.
 */
class SubmitFuzzTest {
    @TempDir Path dir;

    static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override public InputStream stream(byte[] value) { return new ByteArrayInputStream(value); }
        @Override public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    static final Set<Status.Code> EXPECTED = Set.of(Status.Code.INVALID_ARGUMENT, Status.Code.NOT_FOUND,
            Status.Code.FAILED_PRECONDITION, Status.Code.RESOURCE_EXHAUSTED);

    @Test
    void corruptedAndRandomSubmitsAllGetAnAnswerAndTheServerStaysHealthy() throws Exception {
        try (DeviceServer server = ServerFixture.start(ServerFixture.config(dir).withMaxConcurrent(1).withMaxMessageBytes(256 * 1024))) {
            ManagedChannel ch = Grpc.newChannelBuilder("localhost:" + server.port(), InsecureChannelCredentials.create()).build();
            try {
                var stub = DeviceServiceGrpc.newBlockingStub(ch);
                // a long run holds the only run slot, so accepted fuzz jobs wait and are cancelled before they run
                String blocker = stub.submit(SubmitRequest.newBuilder().setDeviceUri("sim:")
                        .setExperiment(ExperimentEncoder.encode(TestExperiments.longRun())).build()).getJobId();
                MethodDescriptor<byte[], byte[]> raw = DeviceServiceGrpc.getSubmitMethod().toBuilder(BYTES, BYTES).build();
                byte[] valid = SubmitRequest.newBuilder().setDeviceUri("sim:")
                        .setExperiment(ExperimentEncoder.encode(TestExperiments.small())).build().toByteArray();
                Random rnd = new Random(20261128);
                Map<Status.Code, Integer> codes = new EnumMap<>(Status.Code.class);
                int accepted = 0;
                long t0 = System.nanoTime();
                int n = 600;
                for (int i = 0; i < n; i++) {
                    byte[] msg = mutate(valid, rnd, i);
                    try {
                        byte[] reply = ClientCalls.blockingUnaryCall(ch, raw, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), msg);
                        String id = SubmitResponse.parseFrom(reply).getJobId();
                        assertFalse(id.isEmpty());
                        stub.cancel(CancelRequest.newBuilder().setJobId(id).build());
                        accepted++;
                        codes.merge(Status.Code.OK, 1, Integer::sum);
                    } catch (StatusRuntimeException e) {
                        Status.Code c = e.getStatus().getCode();
                        assertTrue(EXPECTED.contains(c), "message " + i + ": unexpected " + e.getStatus());
                        if (i % 3 != 0 && c == Status.Code.INVALID_ARGUMENT) {
                            assertNotNull(org.engram.grpc.codec.ErrorDetails.detail(e, com.google.rpc.BadRequest.class).orElse(null),
                                    "message " + i + ": " + e.getStatus());
                        }
                        codes.merge(c, 1, Integer::sum);
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("fuzz: %d messages in %.2f s, answers %s%n", n, seconds, codes);
                assertTrue(codes.getOrDefault(Status.Code.INVALID_ARGUMENT, 0) > 50, "most mutations are caught by validation: " + codes);
                assertTrue(accepted < n / 2, codes.toString());
                var health = HealthGrpc.newBlockingStub(ch).withDeadlineAfter(5, TimeUnit.SECONDS);
                assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
                stub.cancel(CancelRequest.newBuilder().setJobId(blocker).build());
                try (var d = ServerFixture.device(server, "sim:", org.engram.grpc.client.ClientOptions.NONE)) {
                    assertEquals(org.engram.hal.device.Devices.open("sim:").run(TestExperiments.small()).sha256(),
                            d.run(TestExperiments.small()).sha256(), "still serving correct results");
                }
            } finally {
                ch.shutdownNow();
            }
        }
    }

    /** A third structured mutations of the message, a third byte-level corruption, a third random bytes. */
    static byte[] mutate(byte[] valid, Random rnd, int i) {
        switch (i % 3) {
            case 0 -> {
                try {
                    var b = SubmitRequest.parseFrom(valid).toBuilder();
                    var e = b.getExperimentBuilder();
                    switch (rnd.nextInt(12)) {
                        case 0 -> e.getNetworkBuilder().getPopulationsBuilder(0).setSize(rnd.nextInt());
                        case 1 -> e.getNetworkBuilder().getPopulationsBuilder(0).getLifBuilder().setTauMem(randomQuantity(rnd));
                        case 2 -> e.getProtocolBuilder().setDuration(randomQuantity(rnd));
                        case 3 -> e.getNetworkBuilder().getPopulationsBuilder(2).getSourceBuilder().getTrainsBuilder(0).getPoissonBuilder()
                                .setRate(randomQuantity(rnd));
                        case 4 -> e.getNetworkBuilder().getProjectionsBuilder(0).getConnectorBuilder().getFixedProbabilityBuilder()
                                .setP(rnd.nextBoolean() ? Double.NaN : rnd.nextGaussian() * 3);
                        case 5 -> e.getNetworkBuilder().getProjectionsBuilder(1).setPre("ghost" + rnd.nextInt(9));
                        case 6 -> b.setDeviceUri(rnd.nextBoolean() ? "" : "nope:" + rnd.nextInt());
                        case 7 -> e.getProtocolBuilder().getRecordingsBuilder(2).getTraceBuilder().setInterval(randomQuantity(rnd));
                        case 8 -> e.setSchema("engram.v" + rnd.nextInt(5));
                        case 9 -> e.getNetworkBuilder().getPopulationsBuilder(1).setName(rnd.nextBoolean() ? "" : "exc");
                        case 10 -> e.getNetworkBuilder().getPopulationsBuilder(2).getSourceBuilder().getTrainsBuilder(0).getSelectBuilder()
                                .addNeurons(rnd.nextInt());
                        default -> e.getNetworkBuilder().getProjectionsBuilder(0).getSynapseBuilder().getTwoPhaseBuilder()
                                .setThetaP(rnd.nextBoolean() ? Double.NEGATIVE_INFINITY : -rnd.nextDouble());
                    }
                    return b.build().toByteArray();
                } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
                    throw new AssertionError(ex);
                }
            }
            case 1 -> {
                byte[] m = valid.clone();
                int flips = 1 + rnd.nextInt(8);
                for (int k = 0; k < flips; k++) m[rnd.nextInt(m.length)] ^= (byte) (1 << rnd.nextInt(8));
                if (rnd.nextInt(4) == 0) m = java.util.Arrays.copyOf(m, rnd.nextInt(m.length));
                return m;
            }
            default -> {
                byte[] m = new byte[rnd.nextInt(2048)];
                rnd.nextBytes(m);
                if (rnd.nextBoolean() && m.length > 4) {
                    // a plausible field 2 (experiment) header with a lying length
                    m[0] = 0x12;
                    m[1] = (byte) 0xff;
                    m[2] = (byte) 0xff;
                    m[3] = 0x7f;
                }
                return m;
            }
        }
    }

    static String randomQuantity(Random rnd) {
        String[] units = {"s", "ms", "mV", "Hz", "", "nA", "parsec"};
        String[] numbers = {"NaN", "-1", "0", "1e400", "-0", "Infinity", Double.toString(rnd.nextGaussian() * 100), "", "1.2.3"};
        return numbers[rnd.nextInt(numbers.length)] + " " + units[rnd.nextInt(units.length)];
    }

    @SuppressWarnings("unused")
    private static ByteString unused() { return ByteString.EMPTY; }
}
