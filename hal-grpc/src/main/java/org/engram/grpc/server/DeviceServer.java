package org.engram.grpc.server;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import org.engram.grpc.auth.AuthInterceptor;
import org.engram.grpc.auth.TokenFile;
import org.engram.hal.device.Device;
import org.engram.hal.device.Devices;
import org.engram.proto.v1.DeviceServiceGrpc;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A running device server: the DeviceService (behind bearer-token authentication when a token file is
 * given), the standard health service ({@code grpc.health.v1}, SERVING for "" and
 * "engram.v1.DeviceService") and server reflection ({@code grpc.reflection.v1}), over TLS when a
 * certificate and key are given. Health and reflection need no token, so stock probes work.
 */
public final class DeviceServer implements AutoCloseable {
    public static final String SERVICE_NAME = DeviceServiceGrpc.SERVICE_NAME;

    private final Server server;
    private final Map<String, Device> devices;
    private final JobStore store;
    private final JobManager jobs;
    private final Watchers watchers;
    private final HealthStatusManager health = new HealthStatusManager();
    private final boolean tls;
    private boolean closed;

    private DeviceServer(ServerConfig config) throws IOException {
        this.devices = new LinkedHashMap<>();
        for (String uri : config.deviceUris()) devices.put(uri, Devices.open(uri));
        TokenFile tokens = config.tokens() == null ? null : TokenFile.read(config.tokens());
        this.store = JobStore.open(config.store());
        this.jobs = new JobManager(devices, store, config.maxConcurrent());
        this.watchers = new Watchers(jobs);
        ServerCredentials creds = InsecureServerCredentials.create();
        this.tls = config.tlsCert() != null;
        if (tls) creds = TlsServerCredentials.create(config.tlsCert().toFile(), config.tlsKey().toFile());
        this.server = Grpc.newServerBuilderForPort(config.port(), creds)
                .maxInboundMessageSize(config.maxMessageBytes())
                .addService(ServerInterceptors.intercept(LenientParsing.wrap(new DeviceServiceImpl(devices, jobs, watchers).bindService()),
                        LenientParsing.INTERCEPTOR, new AuthInterceptor(tokens)))
                .addService(health.getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance())
                .build();
    }

    /** Opens the devices and the store and starts listening. */
    public static DeviceServer start(ServerConfig config) throws IOException {
        DeviceServer s = new DeviceServer(config);
        try {
            s.server.start();
        } catch (IOException | RuntimeException e) {
            s.jobs.close();
            s.store.close();
            throw e;
        }
        s.health.setStatus("", ServingStatus.SERVING);
        s.health.setStatus(SERVICE_NAME, ServingStatus.SERVING);
        return s;
    }

    public int port() {
        return server.getPort();
    }

    public boolean tls() {
        return tls;
    }

    public Map<String, Device> devices() {
        return Map.copyOf(devices);
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /**
     * Stops: health NOT_SERVING, no new calls, waiting jobs FAILED, running engines stopped and recorded
     * FAILED ("server stopped while the job was RUNNING"), then the store is flushed and closed.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        health.enterTerminalState();
        server.shutdown();
        jobs.close();
        watchers.close();
        try {
            if (!server.awaitTermination(2, TimeUnit.SECONDS)) server.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
        store.close();
        for (Device d : devices.values()) d.close();
    }
}
