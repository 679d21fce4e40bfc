package org.engram.hal.device;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Opens devices by URI through the registered {@link DeviceProvider}s. */
public final class Devices {
    /** The device the CLI uses when none is given: the bit-accurate emulator. */
    public static final String DEFAULT_URI = "sim:";

    private static final java.util.regex.Pattern SCHEME = java.util.regex.Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*):");

    private Devices() {}

    /**
     * Opens the device named by {@code uri}. The providers serving it are those whose scheme matches it
     * most specifically ("sim:native" before "sim"); among them the available ones are tried by priority,
     * highest first. Errors: {@link NoSuchDeviceException} when no provider serves the URI or the chosen one
     * refuses it; {@link DeviceUnavailableException} when providers serve it but none is available here,
     * with each one's reason and fix.
     */
    public static Device open(String uri) {
        return open(uri, providers());
    }

    /** {@link #open(String)} with an explicit provider list (tests, embedding). */
    public static Device open(String uri, List<DeviceProvider> providers) {
        List<Candidate> serving = candidates(uri, providers);
        if (serving.isEmpty()) {
            var m = SCHEME.matcher(uri == null ? "" : uri);
            if (!m.lookingAt()) throw new NoSuchDeviceException("device URI '" + uri + "' has no scheme (e.g. sim: or sim:float64)");
            throw new NoSuchDeviceException("no device provider for '" + uri + "' (schemes: "
                    + providers.stream().map(p -> p.scheme() + ":").distinct().sorted().collect(Collectors.joining(", "))
                    + "; engram devices lists them)");
        }
        Candidate first = serving.get(0);
        if (!first.availability().available()) {
            throw new DeviceUnavailableException("no available provider for " + uri + ": " + serving.stream()
                    .map(c -> c.provider().scheme() + ": " + c.availability().reason()
                            + (c.availability().fix().isBlank() ? "" : " (fix: " + c.availability().fix() + ")"))
                    .collect(Collectors.joining("; ")));
        }
        try {
            return first.provider().open(uri);
        } catch (NoSuchDeviceException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new NoSuchDeviceException(e.getMessage(), e);
        }
    }

    /**
     * The providers serving {@code uri}, in the order {@link #open} prefers them: the most specific scheme
     * only, then available before unavailable, then higher priority first.
     */
    public static List<DeviceProvider> serving(String uri, List<DeviceProvider> providers) {
        return candidates(uri, providers).stream().map(Candidate::provider).toList();
    }

    /** A provider serving the URI with its availability, asked once. */
    private record Candidate(DeviceProvider provider, Availability availability) {}

    private static List<Candidate> candidates(String uri, List<DeviceProvider> providers) {
        var m = SCHEME.matcher(uri == null ? "" : uri);
        if (!m.lookingAt()) return List.of();
        String scheme = m.group(1);
        int longest = providers.stream().filter(p -> serves(p.scheme(), scheme, uri))
                .mapToInt(p -> p.scheme().length()).max().orElse(-1);
        return providers.stream()
                .filter(p -> p.scheme().length() == longest && serves(p.scheme(), scheme, uri))
                .map(p -> new Candidate(p, availability(p)))
                .sorted(Comparator.comparing((Candidate c) -> !c.availability().available())
                        .thenComparing(Comparator.comparingInt((Candidate c) -> c.provider().priority()).reversed()))
                .toList();
    }

    /** A provider's availability; one that throws is unavailable with its exception as the reason. */
    public static Availability availability(DeviceProvider p) {
        try {
            Availability a = p.isAvailable();
            return a != null ? a : Availability.AVAILABLE;
        } catch (RuntimeException | LinkageError e) {
            return Availability.unavailable(p.scheme() + " availability check failed: " + e, "report this to the provider's authors");
        }
    }

    /** Whether a provider scheme ("sim", or "sim:native") serves the URI: "sim:native" serves "sim:native?x" but not "sim:nativex". */
    static boolean serves(String providerScheme, String uriScheme, String uri) {
        int colon = providerScheme.indexOf(':');
        if (colon < 0) return providerScheme.equalsIgnoreCase(uriScheme);
        if (!uri.regionMatches(true, 0, providerScheme, 0, providerScheme.length())) return false;
        return uri.length() == providerScheme.length() || uri.charAt(providerScheme.length()) == '?';
    }

    public static List<DeviceProvider> providers() {
        List<DeviceProvider> list = new ArrayList<>();
        ServiceLoader.load(DeviceProvider.class).forEach(list::add);
        return list;
    }
}
