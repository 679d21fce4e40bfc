package org.engram.grpc.client;

import org.engram.hal.device.Availability;
import org.engram.hal.device.Device;
import org.engram.hal.device.DeviceProvider;

import java.util.List;

/** {@code grpcs://host:port/<device-uri>}: the same over TLS (CA certificate: ENGRAM_GRPC_CA, else the JVM's). */
public final class GrpcsDeviceProvider implements DeviceProvider {
    @Override public String scheme() { return "grpcs"; }

    @Override public String description() {
        return "a device on an Engram device server over TLS: grpcs://host:port/<device-uri> (CA: ENGRAM_GRPC_CA)";
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
