package org.engram.grpc.client;

import org.engram.hal.device.Device;
import org.engram.hal.device.DeviceProvider;

/** {@code grpcs://host:port/<device-uri>}: the same over TLS (CA certificate: ENGRAM_GRPC_CA, else the JVM's). */
public final class GrpcsDeviceProvider implements DeviceProvider {
    @Override public String scheme() { return "grpcs"; }

    @Override public String description() {
        return "a device on an Engram device server over TLS: grpcs://host:port/<device-uri> (CA: ENGRAM_GRPC_CA)";
    }

    @Override public Device open(String uri) {
        return RemoteDevice.open(uri, ClientOptions.fromEnvironment());
    }
}
