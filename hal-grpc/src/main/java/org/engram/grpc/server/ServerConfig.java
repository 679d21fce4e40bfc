package org.engram.grpc.server;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code engram serve} is told.
 *
 * @param port            TCP port (0 = any free port)
 * @param deviceUris      local devices to serve, by URI (e.g. "sim:", "sim:float64")
 * @param tokens          the operator's token file, or null for an open server (every caller is "anonymous")
 * @param tlsCert         PEM certificate chain, or null for plaintext
 * @param tlsKey          PEM PKCS#8 private key (with tlsCert)
 * @param store           the results directory (index.json + results/)
 * @param maxConcurrent   runs at the same time, across all devices
 * @param maxMessageBytes largest request the server accepts (larger ones get RESOURCE_EXHAUSTED)
 */
public record ServerConfig(int port, List<String> deviceUris, Path tokens, Path tlsCert, Path tlsKey, Path store,
                           int maxConcurrent, int maxMessageBytes) {
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 << 20;

    public ServerConfig {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must lie in [0, 65535], got " + port);
        deviceUris = List.copyOf(deviceUris);
        if (deviceUris.isEmpty()) throw new IllegalArgumentException("serve at least one device (--device URI)");
        if (deviceUris.stream().distinct().count() != deviceUris.size()) throw new IllegalArgumentException("a device is listed twice: " + deviceUris);
        if ((tlsCert == null) != (tlsKey == null)) throw new IllegalArgumentException("TLS needs both a certificate and a key");
        java.util.Objects.requireNonNull(store, "store");
        if (maxConcurrent < 1) throw new IllegalArgumentException("max-concurrent must be at least 1, got " + maxConcurrent);
        if (maxMessageBytes < 1024) throw new IllegalArgumentException("max message size must be at least 1024 bytes");
    }

    public static ServerConfig of(int port, List<String> deviceUris, Path store) {
        return new ServerConfig(port, deviceUris, null, null, null, store, Math.max(1, Runtime.getRuntime().availableProcessors()),
                DEFAULT_MAX_MESSAGE_BYTES);
    }

    public ServerConfig withTokens(Path file) {
        return new ServerConfig(port, deviceUris, file, tlsCert, tlsKey, store, maxConcurrent, maxMessageBytes);
    }

    public ServerConfig withTls(Path cert, Path key) {
        return new ServerConfig(port, deviceUris, tokens, cert, key, store, maxConcurrent, maxMessageBytes);
    }

    public ServerConfig withMaxConcurrent(int n) {
        return new ServerConfig(port, deviceUris, tokens, tlsCert, tlsKey, store, n, maxMessageBytes);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(p, deviceUris, tokens, tlsCert, tlsKey, store, maxConcurrent, maxMessageBytes);
    }

    public ServerConfig withMaxMessageBytes(int n) {
        return new ServerConfig(port, deviceUris, tokens, tlsCert, tlsKey, store, maxConcurrent, n);
    }
}
