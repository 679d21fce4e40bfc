package org.engram.grpc.server;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.engram.grpc.auth.AuthInterceptor;
import org.engram.grpc.codec.DeviceCodec;
import org.engram.grpc.codec.ErrorDetails;
import org.engram.grpc.codec.ResultCodec;
import org.engram.hal.device.Device;
import org.engram.hal.device.FitReport;
import org.engram.hal.io.ExperimentCodec;
import org.engram.hal.io.ExperimentFormatException;
import org.engram.hal.model.Experiment;
import org.engram.proto.v1.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code engram.v1.DeviceService} RPCs: checks every request (field path and rule in the status
 * details), enforces that a client sees only its own jobs, and hands accepted work to the {@link JobManager}.
 * Any unexpected exception becomes INTERNAL for that call only.
 */
final class DeviceServiceImpl extends DeviceServiceGrpc.DeviceServiceImplBase {
    private static final Logger LOG = Logger.getLogger(DeviceServiceImpl.class.getName());
    static final int DEFAULT_CHUNK_EVENTS = 8192;
    static final int MAX_CHUNK_EVENTS = 65536;
    /** Longest deadline a job may ask for: 30 days. */
    static final long MAX_DEADLINE_MS = 30L * 24 * 3600 * 1000;

    private final Map<String, Device> devices;
    private final JobManager jobs;
    private final Watchers watchers;

    DeviceServiceImpl(Map<String, Device> devices, JobManager jobs, Watchers watchers) {
        this.devices = devices;
        this.jobs = jobs;
        this.watchers = watchers;
    }

    private interface Body<T> {
        T call();
    }

    private static <T> void unary(StreamObserver<T> out, Body<T> body) {
        T reply;
        try {
            reply = body.call();
        } catch (StatusRuntimeException e) {
            out.onError(e);
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "internal error", e);
            out.onError(Status.INTERNAL.withDescription("internal error: " + e).asRuntimeException());
            return;
        }
        out.onNext(reply);
        out.onCompleted();
    }

    // ---------------------------------------------------------------- checks shared by the RPCs

    private Device device(String uri) {
        if (uri.isEmpty()) throw ErrorDetails.invalidArgument("device_uri", "required: one of " + devices.keySet());
        Device d = devices.get(uri);
        if (d == null) {
            throw ErrorDetails.notFound("device", uri, "no device '" + uri + "' on this server (served: " + devices.keySet() + ")");
        }
        return d;
    }

    /**
     * Decodes and checks an experiment for a device. The network's size is checked against the device's
     * capacity first, on the message: the codec materialises neuron selections, so a population of four
     * billion neurons must be refused before it is decoded, not run out of memory while decoding.
     */
    private static Experiment experiment(Device d, boolean present, org.engram.proto.v1.Experiment msg) {
        if (!present) throw ErrorDetails.invalidArgument("experiment", "required");
        long max = d.capabilities().maxNeurons();
        long total = 0;
        for (int i = 0; i < msg.getNetwork().getPopulationsCount(); i++) {
            long size = Integer.toUnsignedLong(msg.getNetwork().getPopulations(i).getSize());
            total += size;
            if (total > max) {
                throw ErrorDetails.doesNotFit(new FitReport(d.uri(), java.util.List.of(new FitReport.Issue(FitReport.Severity.ERROR,
                        "max-neurons", "network.populations[" + i + "].size", "the network has at least " + total
                        + " neurons, the device at most " + max, "make the network smaller"))));
            }
        }
        try {
            return ExperimentCodec.toModel(msg, "experiment");
        } catch (ExperimentFormatException e) {
            throw ErrorDetails.invalidExperiment(e);
        } catch (IllegalArgumentException e) {
            throw ErrorDetails.invalidArgument("experiment", e.getMessage());
        }
    }

    private static String jobId(String id) {
        if (id.isEmpty()) throw ErrorDetails.invalidArgument("job_id", "required");
        return id;
    }

    /** A live job of the caller; NOT_FOUND / PERMISSION_DENIED otherwise. Null when it is only in the store. */
    private ServerJob own(String id, String client) {
        ServerJob j = jobs.live(jobId(id));
        if (j != null) {
            if (!j.client.equals(client)) throw denied(id);
            return j;
        }
        StoredJob s = jobs.stored(id);
        if (s == null) throw ErrorDetails.notFound("job", id, "no job '" + id + "' on this server");
        if (!s.getClient().equals(client)) throw denied(id);
        return null;
    }

    private static StatusRuntimeException denied(String id) {
        return ErrorDetails.permissionDenied("not-owner", "job '" + id + "' belongs to another client");
    }

    // ---------------------------------------------------------------- RPCs

    @Override
    public void listDevices(ListDevicesRequest req, StreamObserver<ListDevicesResponse> out) {
        unary(out, () -> {
            var b = ListDevicesResponse.newBuilder();
            for (var e : devices.entrySet()) {
                b.addDevices(DeviceInfo.newBuilder().setUri(e.getKey())
                        .setCapabilities(DeviceCodec.capabilities(e.getValue().capabilities()))
                        .setQueued(jobs.scheduler().queued(e.getKey())).setRunning(jobs.scheduler().running(e.getKey())));
            }
            return b.build();
        });
    }

    @Override
    public void checkFit(CheckFitRequest req, StreamObserver<CheckFitResponse> out) {
        unary(out, () -> {
            Device d = device(req.getDeviceUri());
            Experiment e = experiment(d, req.hasExperiment(), req.getExperiment());
            return CheckFitResponse.newBuilder().setReport(DeviceCodec.fitReport(d.check(e))).build();
        });
    }

    @Override
    public void submit(SubmitRequest req, StreamObserver<SubmitResponse> out) {
        unary(out, () -> {
            String client = AuthInterceptor.client();
            Device d = device(req.getDeviceUri());
            if (Long.compareUnsigned(req.getDeadlineMs(), MAX_DEADLINE_MS) > 0) {
                throw ErrorDetails.invalidArgument("deadline_ms", "must be at most " + MAX_DEADLINE_MS + " (30 days), got "
                        + Long.toUnsignedString(req.getDeadlineMs()));
            }
            Experiment e = experiment(d, req.hasExperiment(), req.getExperiment());
            FitReport fit;
            try {
                fit = d.check(e);
            } catch (IllegalArgumentException ex) {
                throw ErrorDetails.failedPrecondition("check-failed", "the device rejected the experiment: " + ex.getMessage());
            }
            if (!fit.fits()) throw ErrorDetails.doesNotFit(fit);
            ServerJob job = jobs.submit(client, req.getDeviceUri(), e, req.getDeadlineMs());
            return SubmitResponse.newBuilder().setJobId(job.id).setStatus(jobs.status(job)).build();
        });
    }

    @Override
    public void watch(WatchRequest req, StreamObserver<WatchEvent> out) {
        ServerCallStreamObserver<WatchEvent> so = (ServerCallStreamObserver<WatchEvent>) out;
        try {
            if (req.getChunkEvents() > MAX_CHUNK_EVENTS) {
                throw ErrorDetails.invalidArgument("chunk_events", "must be at most " + MAX_CHUNK_EVENTS + ", got " + req.getChunkEvents());
            }
            int chunk = req.getChunkEvents() == 0 ? DEFAULT_CHUNK_EVENTS : req.getChunkEvents();
            ServerJob j = own(req.getJobId(), AuthInterceptor.client());
            if (j != null) watchers.watchLive(so, j, chunk);
            else watchers.watchStored(so, jobs.stored(req.getJobId()), chunk);
        } catch (StatusRuntimeException e) {
            so.onError(e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "internal error", e);
            so.onError(Status.INTERNAL.withDescription("internal error: " + e).asRuntimeException());
        }
    }

    @Override
    public void getResult(GetResultRequest req, StreamObserver<GetResultResponse> out) {
        unary(out, () -> {
            ServerJob j = own(req.getJobId(), AuthInterceptor.client());
            JobStatus st;
            String file;
            if (j != null) {
                st = jobs.status(j);
                file = j.resultFile();
            } else {
                StoredJob s = jobs.stored(req.getJobId());
                st = s.getStatus();
                file = s.getResultFile();
            }
            if (st.getState() != JobState.SUCCEEDED) {
                String why = st.getReason().isEmpty() ? "" : ": " + st.getReason();
                throw ErrorDetails.failedPrecondition("no-result", "job '" + st.getJobId() + "' is " + st.getState() + why
                        + (st.getState() == JobState.QUEUED || st.getState() == JobState.RUNNING ? " (watch it, or ask again later)" : ""));
            }
            RunResultData data = j != null && j.cachedResult() != null ? ResultCodec.encode(j.cachedResult()) : jobs.store().readResult(file);
            return GetResultResponse.newBuilder().setStatus(st).setResult(data).build();
        });
    }

    @Override
    public void cancel(CancelRequest req, StreamObserver<JobStatus> out) {
        unary(out, () -> {
            String client = AuthInterceptor.client();
            ServerJob j = own(req.getJobId(), client);
            if (j == null) return jobs.stored(req.getJobId()).getStatus();
            jobs.cancel(j, client);
            return jobs.status(j);
        });
    }

    @Override
    public void listMyJobs(ListMyJobsRequest req, StreamObserver<ListMyJobsResponse> out) {
        unary(out, () -> {
            String client = AuthInterceptor.client();
            int limit = req.getLimit() == 0 ? 100 : req.getLimit();
            List<JobStatus> mine = new ArrayList<>();
            for (StoredJob s : jobs.store().all()) {
                if (!s.getClient().equals(client)) continue;
                ServerJob j = jobs.live(s.getStatus().getJobId());
                mine.add(j != null ? jobs.status(j) : s.getStatus());
            }
            mine.sort(Comparator.comparing(JobStatus::getSubmittedAt).reversed());
            return ListMyJobsResponse.newBuilder().addAllJobs(mine.subList(0, Math.min(limit, mine.size()))).build();
        });
    }
}
