package org.engram.grpc.server;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.StatusRuntimeException;
import org.engram.grpc.codec.ErrorDetails;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Malformed request bytes as INVALID_ARGUMENT. grpc-java turns a request that does not parse into UNKNOWN
 * "Application error processing RPC" (and logs it as SEVERE); this wraps each method's request marshaller
 * so that a parse failure yields no message plus the reason, and {@link #INTERCEPTOR} closes such a call
 * with INVALID_ARGUMENT and a BadRequest naming the request type. The parse and the delivery of its
 * result happen one after the other on the call's thread, which is what the thread-local relies on.
 */
final class LenientParsing {
    private static final ThreadLocal<String> FAILURE = new ThreadLocal<>();

    private LenientParsing() {}

    private record Lenient<T>(MethodDescriptor.Marshaller<T> inner) implements MethodDescriptor.Marshaller<T> {
        @Override public InputStream stream(T value) {
            return inner.stream(value);
        }

        @Override public T parse(InputStream stream) {
            try {
                return inner.parse(stream);
            } catch (StatusRuntimeException e) {
                Throwable c = e.getCause();
                FAILURE.set(e.getStatus().getDescription() + (c == null || c.getMessage() == null ? "" : ": " + c.getMessage()));
                return null;
            }
        }
    }

    static ServerServiceDefinition wrap(ServerServiceDefinition def) {
        ServiceDescriptor old = def.getServiceDescriptor();
        List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
        for (ServerMethodDefinition<?, ?> m : def.getMethods()) methods.add(lenient(m));
        var sd = ServiceDescriptor.newBuilder(old.getName()).setSchemaDescriptor(old.getSchemaDescriptor());
        for (ServerMethodDefinition<?, ?> m : methods) sd.addMethod(m.getMethodDescriptor());
        var b = ServerServiceDefinition.builder(sd.build());
        for (ServerMethodDefinition<?, ?> m : methods) b.addMethod(m);
        return b.build();
    }

    private static <Q, R> ServerMethodDefinition<Q, R> lenient(ServerMethodDefinition<Q, R> m) {
        MethodDescriptor<Q, R> d = m.getMethodDescriptor();
        MethodDescriptor<Q, R> d2 = d.toBuilder(new Lenient<>(d.getRequestMarshaller()), d.getResponseMarshaller()).build();
        return ServerMethodDefinition.create(d2, m.getServerCallHandler());
    }

    static final ServerInterceptor INTERCEPTOR = new ServerInterceptor() {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            String type = call.getMethodDescriptor().getBareMethodName() + "Request";
            return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
                private boolean rejected;

                @Override public void onMessage(Q message) {
                    if (message != null) {
                        super.onMessage(message);
                        return;
                    }
                    String why = FAILURE.get();
                    FAILURE.remove();
                    rejected = true;
                    var e = ErrorDetails.invalidArgument("request", "not a valid engram.v1." + type + " message (" + why + ")");
                    call.close(e.getStatus(), e.getTrailers() == null ? new Metadata() : e.getTrailers());
                }

                @Override public void onHalfClose() {
                    if (!rejected) super.onHalfClose();
                }
            };
        }
    };
}
