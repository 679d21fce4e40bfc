package org.engram.hal.device;

/**
 * A backend's entry point, found with {@link java.util.ServiceLoader} (register the class in
 * {@code META-INF/services/org.engram.hal.device.DeviceProvider}). Like JDBC drivers: adding a backend
 * touches no other module.
 */
public interface DeviceProvider {
    /**
     * The URI scheme this provider serves, e.g. "sim"; or a scheme with a fixed prefix of the rest, e.g.
     * "sim:native", which then serves that URI (and its "?options") ahead of the plain scheme's provider.
     */
    String scheme();

    /** A one-line description for listings. */
    String description();

    /**
     * Opens the device named by the URI (e.g. {@code sim:float64?threads=2}); the scheme has already been
     * matched. URIs are strings because device URIs such as {@code sim:} are not all valid java.net.URIs.
     */
    Device open(String uri);
}
