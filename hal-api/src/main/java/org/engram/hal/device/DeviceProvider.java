package org.engram.hal.device;

import java.util.List;

/**
 * A backend's entry point, found with {@link java.util.ServiceLoader} (register the class in
 * {@code META-INF/services/org.engram.hal.device.DeviceProvider}). Like JDBC drivers: adding a backend
 * touches no other module. Only {@link #scheme()}, {@link #description()} and {@link #open(String)} are
 * required; the rest has defaults, so a minimal provider is three methods (docs/backends.md).
 */
public interface DeviceProvider {
    /** The priority of a provider that does not say: the middle of grpc-java's 0..10 scale. */
    int DEFAULT_PRIORITY = 5;

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
     * A URI the provider does not recognise (engine, option, value) is an IllegalArgumentException naming it.
     */
    Device open(String uri);

    /**
     * The device URIs this provider offers without further information (no host, no file), e.g.
     * {@code sim:} and {@code sim:float64}; listings open them to show their capabilities, so opening
     * one must be cheap. Empty for providers whose URIs need an address (grpc://host:port/...).
     */
    default List<String> devices() {
        return List.of();
    }

    /**
     * Whether this provider can open devices in this process, with the reason and the fix when not
     * (a native library that does not load, a driver that is missing). Called before {@link #open}; keep
     * it cheap and never throw.
     */
    default Availability isAvailable() {
        return Availability.AVAILABLE;
    }

    /**
     * Among available providers serving the same URI, the higher priority is chosen (0..10, as in
     * grpc-java's ManagedChannelProvider; {@value #DEFAULT_PRIORITY} when unsaid).
     */
    default int priority() {
        return DEFAULT_PRIORITY;
    }
}
