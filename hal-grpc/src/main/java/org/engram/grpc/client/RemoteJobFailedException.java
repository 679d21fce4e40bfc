package org.engram.grpc.client;

/** The remote job ended FAILED; the message is the server's reason (run error, deadline, server stop). */
public final class RemoteJobFailedException extends RuntimeException {
    private final String jobId;

    public RemoteJobFailedException(String jobId, String reason) {
        super("remote job " + jobId + " failed: " + reason);
        this.jobId = jobId;
    }

    public String jobId() {
        return jobId;
    }
}
