package org.engram.grpc.client;

import java.util.regex.Pattern;

/**
 * A remote device URI: {@code grpc://host:port/<device-uri>} (plaintext) or {@code grpcs://host:port/<device-uri>}
 * (TLS). The device URI is everything after the first slash, as the server names it, e.g. {@code sim:} or
 * {@code sim:float64?threads=2}. IPv6 hosts are written in brackets.
 */
public record GrpcTarget(String uri, boolean tls, String host, int port, String deviceUri) {
    private static final Pattern FORM = Pattern.compile("(grpcs?)://(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+):(\\d{1,5})/(.+)");

    public GrpcTarget {
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port must lie in [1, 65535] in " + uri);
    }

    public static GrpcTarget parse(String uri) {
        var m = FORM.matcher(uri == null ? "" : uri);
        if (!m.matches()) {
            throw new IllegalArgumentException("remote device URI '" + uri + "' must look like grpc://host:port/<device-uri>, e.g. grpc://localhost:50051/sim:");
        }
        return new GrpcTarget(uri, m.group(1).equals("grpcs"), m.group(2), Integer.parseInt(m.group(3)), m.group(4));
    }

    /** host:port for the channel builder. */
    public String authority() {
        return host + ":" + port;
    }
}
