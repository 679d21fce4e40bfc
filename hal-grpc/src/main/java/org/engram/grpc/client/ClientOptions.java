package org.engram.grpc.client;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a client connects: its bearer token (or none), the CA certificate that signs the server's TLS
 * certificate (null = the JVM's trust store), and a default job deadline (null = none).
 * {@link #fromEnvironment()} reads {@code ENGRAM_GRPC_TOKEN} / {@code ENGRAM_GRPC_TOKEN_FILE} and
 * {@code ENGRAM_GRPC_CA} (system properties {@code engram.grpc.token}, {@code engram.grpc.tokenFile},
 * {@code engram.grpc.ca} take precedence), which is what {@code Devices.open("grpc://...")} uses.
 */
public record ClientOptions(String token, Path trustCa, Duration deadline) {
    public static final ClientOptions NONE = new ClientOptions(null, null, null);

    public ClientOptions {
        if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
            throw new IllegalArgumentException("deadline must be positive, got " + deadline);
        }
    }

    public ClientOptions withToken(String t) {
        return new ClientOptions(t, trustCa, deadline);
    }

    public ClientOptions withTrustCa(Path ca) {
        return new ClientOptions(token, ca, deadline);
    }

    public ClientOptions withDeadline(Duration d) {
        return new ClientOptions(token, trustCa, d);
    }

    public static ClientOptions fromEnvironment() {
        String token = setting("engram.grpc.token", "ENGRAM_GRPC_TOKEN");
        String tokenFile = setting("engram.grpc.tokenFile", "ENGRAM_GRPC_TOKEN_FILE");
        if (token == null && tokenFile != null) {
            try {
                token = java.nio.file.Files.readString(Path.of(tokenFile)).strip();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read the token file " + tokenFile, e);
            }
        }
        String ca = setting("engram.grpc.ca", "ENGRAM_GRPC_CA");
        return new ClientOptions(token, ca == null ? null : Path.of(ca), null);
    }

    private static String setting(String property, String env) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) v = System.getenv(env);
        return v == null || v.isBlank() ? null : v;
    }
}
