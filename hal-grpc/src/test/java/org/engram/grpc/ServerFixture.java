package org.engram.grpc;

import org.engram.grpc.client.ClientOptions;
import org.engram.grpc.client.RemoteDevice;
import org.engram.grpc.server.DeviceServer;
import org.engram.grpc.server.ServerConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A device server on a free loopback port serving sim: and sim:float64. */
public final class ServerFixture {
    private ServerFixture() {}

    public static ServerConfig config(Path store) {
        return ServerConfig.of(0, List.of("sim:", "sim:float64"), store).withMaxConcurrent(2);
    }

    public static DeviceServer start(ServerConfig c) throws IOException {
        return DeviceServer.start(c);
    }

    public static String uri(DeviceServer s, String device) {
        return (s.tls() ? "grpcs" : "grpc") + "://localhost:" + s.port() + "/" + device;
    }

    public static RemoteDevice device(DeviceServer s, String device, ClientOptions o) {
        return RemoteDevice.open(uri(s, device), o);
    }
}
