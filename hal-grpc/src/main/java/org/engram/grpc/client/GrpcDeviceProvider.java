package org.engram.grpc.client;

import org.engram.hal.device.Device;
import org.engram.hal.device.DeviceProvider;

/** {@code grpc://host:port/<device-uri>}: a device on an Engram device server (plaintext). */
public final class GrpcDeviceProvider implements DeviceProvider {
    @Override public String scheme() { return "grpc"; }

    @Override public String description() {
        return "a device on an Engram device server: grpc://host:port/<device-uri> (token: ENGRAM_GRPC_TOKEN)";
    }

    @Override public Device open(String uri) {
        return RemoteDevice.open(uri, ClientOptions.fromEnvironment());
    }
}
