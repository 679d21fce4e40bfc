package org.engram.grpc.client;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import org.engram.grpc.codec.ResultCodec;
import org.engram.hal.device.CancelledException;
import org.engram.hal.device.Job;
import org.engram.hal.device.ResultFuture;
import org.engram.hal.device.RunResult;
import org.engram.proto.v1.CancelRequest;
import org.engram.proto.v1.DeviceServiceGrpc;
import org.engram.proto.v1.JobStatus;
import org.engram.proto.v1.WatchEvent;
import org.engram.proto.v1.WatchRequest;

import java.util.concurrent.CompletableFuture;

/**
 * A job on a remote server, followed with one Watch stream: status updates set {@link #state()},
 * {@link #progress()} and {@link #queuePosition()}; the result arrives in chunks after the run and is
 * assembled and checked against the server's SHA-256.
 */
public final class RemoteJob implements Job {
    private final String id;
    private final DeviceServiceGrpc.DeviceServiceBlockingStub blocking;
    private final ResultFuture.Completer result = ResultFuture.create(this::cancel);
    private final ResultCodec.Assembler assembler = new ResultCodec.Assembler();
    private volatile JobStatus last;
    private volatile ClientCallStreamObserver<WatchRequest> call;

    RemoteJob(JobStatus initial, DeviceServiceGrpc.DeviceServiceStub async, DeviceServiceGrpc.DeviceServiceBlockingStub blocking) {
        this.id = initial.getJobId();
        this.last = initial;
        this.blocking = blocking;
        async.watch(WatchRequest.newBuilder().setJobId(id).build(), new ClientResponseObserver<WatchRequest, WatchEvent>() {
            @Override public void beforeStart(ClientCallStreamObserver<WatchRequest> requestStream) {
                call = requestStream;
            }

            @Override public void onNext(WatchEvent ev) {
                try {
                    switch (ev.getKindCase()) {
                        case STATUS -> last = ev.getStatus();
                        case SPIKES -> assembler.add(ev.getSpikes());
                        case TRACE -> assembler.add(ev.getTrace());
                        case TAIL -> {
                            last = ev.getTail().getStatus();
                            result.complete(assembler.finish(ev.getTail()));
                        }
                        case KIND_NOT_SET -> { }
                    }
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                    if (call != null) call.cancel("bad result stream", e);
                }
            }

            @Override public void onError(Throwable t) {
                result.completeExceptionally(t instanceof StatusRuntimeException s ? RemoteDeviceException.of("watching job " + id, s) : t);
            }

            @Override public void onCompleted() {
                if (result.future().isDone()) return;
                JobStatus s = last;
                switch (s.getState()) {
                    case CANCELLED -> result.completeExceptionally(new CancelledException("remote job " + id + " cancelled: " + s.getReason()));
                    case FAILED -> result.completeExceptionally(new RemoteJobFailedException(id, s.getReason()));
                    default -> result.completeExceptionally(new IllegalStateException("remote job " + id + ": stream ended while " + s.getState()));
                }
            }
        });
    }

    @Override public String id() { return id; }

    /** The last status the server sent. */
    public JobStatus status() { return last; }

    @Override public State state() {
        return switch (last.getState()) {
            case RUNNING -> State.RUNNING;
            case SUCCEEDED -> result.future().isDone() ? State.SUCCEEDED : State.RUNNING;
            case FAILED -> State.FAILED;
            case CANCELLED -> State.CANCELLED;
            default -> State.QUEUED;
        };
    }

    @Override public double progress() { return last.getProgress(); }

    /** Place in the device's queue (0 = next); meaningful while QUEUED. */
    public int queuePosition() { return last.getQueuePosition(); }

    /** Spike events received so far. */
    public long eventsReceived() { return assembler.events(); }

    @Override public void cancel() {
        try {
            last = blocking.cancel(CancelRequest.newBuilder().setJobId(id).build());
        } catch (StatusRuntimeException e) {
            throw RemoteDeviceException.of("cancelling job " + id, e);
        }
    }

    @Override public CompletableFuture<RunResult> result() { return result.future(); }
}
