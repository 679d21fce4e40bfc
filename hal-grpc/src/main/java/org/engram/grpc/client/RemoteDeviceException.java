package org.engram.grpc.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** The server refused a call or failed: carries the gRPC status code and the server's message. */
public final class RemoteDeviceException extends RuntimeException {
    private final Status.Code code;

    public RemoteDeviceException(String message, Status.Code code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public static RemoteDeviceException of(String what, StatusRuntimeException e) {
        Status s = e.getStatus();
        return new RemoteDeviceException(what + ": " + s.getCode() + (s.getDescription() == null ? "" : ": " + s.getDescription()),
                s.getCode(), e);
    }

    public Status.Code code() {
        return code;
    }
}
