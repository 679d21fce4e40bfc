package org.engram.grpc.client;

import org.engram.hal.device.Availability;
import org.engram.hal.device.Device;
import org.engram.hal.device.DeviceProvider;

import java.util.List;

/** {@code grpc://host:port/<device-uri>}: a device on an Engram device server (plaintext). */
public final class GrpcDeviceProvider implements DeviceProvider {
    @Override public String scheme() { return "grpc"; }

    @Override public String description() {
        return "a device on an Engram device server: grpc://host:port/<device-uri> (token: ENGRAM_GRPC_TOKEN)";
    }

    /** None without an address: every URI names a server (host:port) and a device on it. */
    @Override public List<String> devices() {
        return List.of();
    }

    /** The client is pure Java (grpc-netty-shaded): available wherever this module is; a server that is down fails at open. */
    @Override public Availability isAvailable() {
        return Availability.AVAILABLE;
    }

    @Override public Device open(String uri) {
        return RemoteDevice.open(uri, ClientOptions.fromEnvironment());
    }
}
