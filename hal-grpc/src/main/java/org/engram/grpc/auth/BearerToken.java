package org.engram.grpc.auth;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.Status;

import java.util.concurrent.Executor;

/** Client side: sends {@code authorization: Bearer <token>} with every call. */
public final class BearerToken extends CallCredentials {
    private final String token;

    public BearerToken(String token) {
        if (token == null || token.isBlank()) throw new IllegalArgumentException("bearer token must not be empty");
        this.token = token.strip();
    }

    @Override
    public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
        try {
            Metadata m = new Metadata();
            m.put(AuthInterceptor.AUTHORIZATION, "Bearer " + token);
            applier.apply(m);
        } catch (RuntimeException e) {
            applier.fail(Status.UNAUTHENTICATED.withCause(e));
        }
    }
}
