package org.engram.grpc.client;

import io.grpc.ChannelCredentials;
import io.grpc.CompositeChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import org.engram.grpc.auth.BearerToken;
import org.engram.grpc.codec.DeviceCodec;
import org.engram.grpc.codec.ErrorDetails;
import org.engram.hal.io.ExperimentEncoder;
import org.engram.hal.device.Capabilities;
import org.engram.hal.device.Device;
import org.engram.hal.device.DoesNotFitException;
import org.engram.hal.device.FitReport;
import org.engram.hal.io.ExperimentFormatException;
import org.engram.hal.model.Experiment;
import org.engram.proto.v1.CheckFitRequest;
import org.engram.proto.v1.DeviceInfo;
import org.engram.proto.v1.DeviceServiceGrpc;
import org.engram.proto.v1.FitReportData;
import org.engram.proto.v1.JobStatus;
import org.engram.proto.v1.ListDevicesRequest;
import org.engram.proto.v1.ListMyJobsRequest;
import org.engram.proto.v1.SubmitRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A device on a device server, used like a local one: {@code Devices.open("grpc://host:port/sim:")}.
 * The experiment travels as the {@code engram.v1.Experiment} message ({@link ExperimentEncoder}); the fit
 * report and the result come back exactly as the serving device made them (same rules, same bits).
 * A report that does not fit throws {@link DoesNotFitException} as locally. Owns its channel.
 */
public final class RemoteDevice implements Device {
    private final GrpcTarget target;
    private final ClientOptions options;
    private final ManagedChannel channel;
    private final DeviceServiceGrpc.DeviceServiceBlockingStub blocking;
    private final DeviceServiceGrpc.DeviceServiceStub async;
    private volatile Capabilities capabilities;

    public RemoteDevice(GrpcTarget target, ClientOptions options) {
        this.target = target;
        this.options = options;
        this.channel = Grpc.newChannelBuilder(target.authority(), credentials(target, options))
                .maxInboundMessageSize(256 << 20)
                .build();
        this.blocking = DeviceServiceGrpc.newBlockingStub(channel);
        this.async = DeviceServiceGrpc.newStub(channel);
    }

    public static RemoteDevice open(String uri, ClientOptions options) {
        return new RemoteDevice(GrpcTarget.parse(uri), options);
    }

    private static ChannelCredentials credentials(GrpcTarget t, ClientOptions o) {
        ChannelCredentials c;
        if (t.tls()) {
            try {
                var b = TlsChannelCredentials.newBuilder();
                if (o.trustCa() != null) b.trustManager(o.trustCa().toFile());
                c = b.build();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the CA certificate " + o.trustCa(), e);
            }
        } else {
            c = InsecureChannelCredentials.create();
        }
        return o.token() == null ? c : CompositeChannelCredentials.create(c, new BearerToken(o.token()));
    }

    @Override public String uri() { return target.uri(); }

    public GrpcTarget target() { return target; }

    @Override
    public Capabilities capabilities() {
        Capabilities c = capabilities;
        if (c != null) return c;
        List<DeviceInfo> ds = call("listing devices", () -> blocking.listDevices(ListDevicesRequest.getDefaultInstance())).getDevicesList();
        for (DeviceInfo d : ds) {
            if (d.getUri().equals(target.deviceUri())) return capabilities = DeviceCodec.capabilities(d.getCapabilities());
        }
        throw new RemoteDeviceException("the server at " + target.authority() + " does not serve '" + target.deviceUri() + "' (it serves "
                + ds.stream().map(DeviceInfo::getUri).toList() + ")", Status.Code.NOT_FOUND, null);
    }

    @Override
    public FitReport check(Experiment experiment) {
        var req = CheckFitRequest.newBuilder().setDeviceUri(target.deviceUri()).setExperiment(ExperimentEncoder.encode(experiment)).build();
        return DeviceCodec.fitReport(call("checking fit", () -> blocking.checkFit(req)).getReport());
    }

    @Override
    public RemoteJob submit(Experiment experiment) {
        return submit(experiment, options.deadline());
    }

    /** Submits with a deadline (wall clock from submission, queueing included); null = none. */
    public RemoteJob submit(Experiment experiment, Duration deadline) {
        var b = SubmitRequest.newBuilder().setDeviceUri(target.deviceUri()).setExperiment(ExperimentEncoder.encode(experiment));
        if (deadline != null) b.setDeadlineMs(Math.max(1, deadline.toMillis()));
        var reply = call("submitting", () -> blocking.submit(b.build()));
        return new RemoteJob(reply.getStatus(), async, blocking);
    }

    /** The caller's jobs on the server, newest first. */
    public List<JobStatus> myJobs(int limit) {
        return call("listing jobs", () -> blocking.listMyJobs(ListMyJobsRequest.newBuilder().setLimit(limit).build())).getJobsList();
    }

    /** Follows a job submitted earlier (by this client), e.g. after a restart of the client or the server. */
    public RemoteJob attach(String jobId) {
        return new RemoteJob(JobStatus.newBuilder().setJobId(jobId).build(), async, blocking);
    }

    private interface Rpc<T> {
        T call();
    }

    /** Runs a call and turns its status into the exception a local device would throw, where one exists. */
    private <T> T call(String what, Rpc<T> rpc) {
        try {
            return rpc.call();
        } catch (StatusRuntimeException e) {
            var fit = ErrorDetails.detail(e, FitReportData.class);
            if (e.getStatus().getCode() == Status.Code.FAILED_PRECONDITION && fit.isPresent()) {
                throw new DoesNotFitException(DeviceCodec.fitReport(fit.get()));
            }
            var bad = ErrorDetails.detail(e, com.google.rpc.BadRequest.class);
            if (e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT && bad.isPresent()
                    && bad.get().getFieldViolationsList().stream().allMatch(v -> v.getField().startsWith("experiment"))) {
                throw new ExperimentFormatException(uri(), bad.get().getFieldViolationsList().stream()
                        .map(v -> new ExperimentFormatException.Problem(v.getField().replaceFirst("^experiment\\.?", ""), v.getDescription()))
                        .toList());
            }
            throw RemoteDeviceException.of(what + " on " + uri(), e);
        }
    }

    @Override
    public void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(2, TimeUnit.SECONDS)) channel.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.shutdownNow();
        }
    }
}
