package org.engram.grpc;

import com.google.rpc.ErrorInfo;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import org.engram.grpc.auth.BearerToken;
import org.engram.grpc.client.ClientOptions;
import org.engram.grpc.client.RemoteDevice;
import org.engram.grpc.client.RemoteDeviceException;
import org.engram.grpc.client.RemoteJob;
import org.engram.grpc.codec.ErrorDetails;
import org.engram.grpc.server.DeviceServer;
import org.engram.hal.device.Devices;
import org.engram.proto.v1.CancelRequest;
import org.engram.proto.v1.DeviceServiceGrpc;
import org.engram.proto.v1.GetResultRequest;
import org.engram.proto.v1.ListDevicesRequest;
import org.engram.proto.v1.WatchRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Bearer tokens, ownership of jobs, TLS, and the standard health and reflection services. */
class SecurityTest {
    static final String ALICE = "alice-token-0123456789";
    static final String BOB = "bob-token-0123456789ab";

    @TempDir Path dir;
    DeviceServer server;
    final List<ManagedChannel> channels = new ArrayList<>();

    @AfterEach
    void stop() {
        channels.forEach(ManagedChannel::shutdownNow);
        if (server != null) server.close();
    }

    private void start(boolean tls) throws Exception {
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, "# operator's tokens\n" + ALICE + " alice\n\n" + BOB + " bob\n");
        var c = ServerFixture.config(dir.resolve("store")).withTokens(tokens);
        if (tls) c = c.withTls(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        server = ServerFixture.start(c);
    }

    private ManagedChannel plain() {
        ManagedChannel ch = Grpc.newChannelBuilder("localhost:" + server.port(), InsecureChannelCredentials.create()).build();
        channels.add(ch);
        return ch;
    }

    private DeviceServiceGrpc.DeviceServiceBlockingStub stub(String token) {
        var s = DeviceServiceGrpc.newBlockingStub(plain()).withDeadlineAfter(10, TimeUnit.SECONDS);
        return token == null ? s : s.withCallCredentials(new BearerToken(token));
    }

    @Test
    void missingOrWrongTokensAreUnauthenticated() throws Exception {
        start(false);
        var none = assertThrows(StatusRuntimeException.class, () -> stub(null).listDevices(ListDevicesRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAUTHENTICATED, none.getStatus().getCode());
        assertEquals("missing-token", ErrorDetails.detail(none, ErrorInfo.class).orElseThrow().getReason());
        var wrong = assertThrows(StatusRuntimeException.class,
                () -> stub("not-a-valid-token-at-all").listDevices(ListDevicesRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAUTHENTICATED, wrong.getStatus().getCode());
        assertEquals(2, stub(ALICE).listDevices(ListDevicesRequest.getDefaultInstance()).getDevicesCount());
        // through the Device API too
        try (RemoteDevice d = ServerFixture.device(server, "sim:", ClientOptions.NONE)) {
            var e = assertThrows(RemoteDeviceException.class, d::capabilities);
            assertEquals(Status.Code.UNAUTHENTICATED, e.code());
        }
    }

    @Test
    void aClientSeesAndCancelsOnlyItsOwnJobs() throws Exception {
        start(false);
        try (RemoteDevice alice = ServerFixture.device(server, "sim:", ClientOptions.NONE.withToken(ALICE));
             RemoteDevice bob = ServerFixture.device(server, "sim:", ClientOptions.NONE.withToken(BOB))) {
            RemoteJob job = alice.submit(TestExperiments.small());
            job.await();
            String id = job.id();
            for (var call : List.<Runnable>of(
                    () -> stub(BOB).getResult(GetResultRequest.newBuilder().setJobId(id).build()),
                    () -> stub(BOB).cancel(CancelRequest.newBuilder().setJobId(id).build()),
                    () -> stub(BOB).watch(WatchRequest.newBuilder().setJobId(id).build()).next())) {
                var e = assertThrows(StatusRuntimeException.class, call::run);
                assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
            }
            assertTrue(bob.myJobs(100).isEmpty(), "bob does not see alice's job");
            assertEquals(id, alice.myJobs(100).getFirst().getJobId());
            assertEquals(job.await().sha256(),
                    org.engram.grpc.codec.ResultCodec.decode(stub(ALICE).getResult(GetResultRequest.newBuilder().setJobId(id).build()).getResult()).sha256());
            var missing = assertThrows(StatusRuntimeException.class, () -> stub(BOB).getResult(GetResultRequest.newBuilder().setJobId("nope").build()));
            assertEquals(Status.Code.NOT_FOUND, missing.getStatus().getCode());
        }
    }

    @Test
    void healthAndReflectionAnswerWithoutAToken() throws Exception {
        start(false);
        var health = HealthGrpc.newBlockingStub(plain());
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
        assertEquals(HealthCheckResponse.ServingStatus.SERVING,
                health.check(HealthCheckRequest.newBuilder().setService("engram.v1.DeviceService").build()).getStatus());
        CompletableFuture<ServerReflectionResponse> reply = new CompletableFuture<>();
        var req = ServerReflectionGrpc.newStub(plain()).serverReflectionInfo(new StreamObserver<>() {
            @Override public void onNext(ServerReflectionResponse r) { reply.complete(r); }
            @Override public void onError(Throwable t) { reply.completeExceptionally(t); }
            @Override public void onCompleted() { }
        });
        req.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        req.onCompleted();
        var names = reply.get(10, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream().map(s -> s.getName()).toList();
        assertTrue(names.contains("engram.v1.DeviceService"), names.toString());
        assertTrue(names.contains("grpc.health.v1.Health"), names.toString());
    }

    @Test
    void tlsWithASelfSignedCertificate() throws Exception {
        Path cert = dir.resolve("cert.pem"), key = dir.resolve("key.pem");
        Process p;
        try {
            p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                    "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("openssl is not installed: " + e.getMessage());
            return;
        }
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), "openssl failed");
        start(true);
        assertTrue(server.tls());
        var o = ClientOptions.NONE.withToken(ALICE).withTrustCa(cert);
        try (RemoteDevice d = ServerFixture.device(server, "sim:", o)) {
            assertTrue(d.uri().startsWith("grpcs://"));
            assertEquals(Devices.open("sim:").run(TestExperiments.small()).sha256(), d.run(TestExperiments.small()).sha256());
        }
        // a plaintext client cannot talk to the TLS server; a client that does not trust the certificate neither
        var plainErr = assertThrows(StatusRuntimeException.class, () -> stub(ALICE).listDevices(ListDevicesRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAVAILABLE, plainErr.getStatus().getCode());
        try (RemoteDevice untrusting = ServerFixture.device(server, "sim:", ClientOptions.NONE.withToken(ALICE))) {
            assertEquals(Status.Code.UNAVAILABLE, assertThrows(RemoteDeviceException.class, untrusting::capabilities).code());
        }
    }
}
