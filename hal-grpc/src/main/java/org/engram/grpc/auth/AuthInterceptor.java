package org.engram.grpc.auth;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.engram.grpc.codec.ErrorDetails;

/**
 * Bearer-token authentication ({@code authorization: Bearer <token>}). With a {@link TokenFile}, a call
 * without a token or with an unknown one is closed with UNAUTHENTICATED; the client name of a valid token
 * is put in the call's {@link Context} under {@link #CLIENT}. Without a token file every caller is
 * {@value #ANONYMOUS} (an open server, for a single user on a trusted machine).
 */
public final class AuthInterceptor implements ServerInterceptor {
    public static final Context.Key<String> CLIENT = Context.key("engram-client");
    public static final String ANONYMOUS = "anonymous";
    public static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final TokenFile tokens;

    /** @param tokens the operator's tokens, or null for an open server */
    public AuthInterceptor(TokenFile tokens) {
        this.tokens = tokens;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String client;
        if (tokens == null) {
            client = ANONYMOUS;
        } else {
            String auth = headers.get(AUTHORIZATION);
            if (auth == null || auth.isBlank()) return reject(call, "missing-token", "no bearer token: send 'authorization: Bearer <token>'");
            if (!auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return reject(call, "bad-scheme", "authorization must be 'Bearer <token>'");
            }
            var c = tokens.client(auth.substring(7).strip());
            if (c.isEmpty()) return reject(call, "unknown-token", "the bearer token is not valid on this server");
            client = c.get();
        }
        return Contexts.interceptCall(Context.current().withValue(CLIENT, client), call, headers, next);
    }

    private static <Q, R> ServerCall.Listener<Q> reject(ServerCall<Q, R> call, String reason, String message) {
        var e = ErrorDetails.unauthenticated(reason, message);
        Metadata trailers = e.getTrailers() == null ? new Metadata() : e.getTrailers();
        call.close(Status.UNAUTHENTICATED.withDescription(message), trailers);
        return new ServerCall.Listener<>() {};
    }

    /** The authenticated client of the current call. */
    public static String client() {
        String c = CLIENT.get();
        return c == null ? ANONYMOUS : c;
    }
}
