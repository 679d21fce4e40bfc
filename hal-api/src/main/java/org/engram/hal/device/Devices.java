package org.engram.hal.device;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Opens devices by URI through the registered {@link DeviceProvider}s. */
public final class Devices {
    /** The device the CLI uses when none is given: the bit-accurate emulator. */
    public static final String DEFAULT_URI = "sim:";

    private static final java.util.regex.Pattern SCHEME = java.util.regex.Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*):");

    private Devices() {}

    public static Device open(String uri) {
        var m = SCHEME.matcher(uri == null ? "" : uri);
        if (!m.lookingAt()) throw new IllegalArgumentException("device URI '" + uri + "' has no scheme (e.g. sim: or sim:float64)");
        String scheme = m.group(1);
        // a provider's scheme may carry a fixed prefix of the rest (e.g. "sim:native"): the longest match wins
        DeviceProvider best = null;
        for (DeviceProvider p : providers()) {
            if (serves(p.scheme(), scheme, uri) && (best == null || p.scheme().length() > best.scheme().length())) best = p;
        }
        if (best != null) return best.open(uri);
        throw new IllegalArgumentException("no device provider for scheme '" + scheme + "' (available: "
                + providers().stream().map(DeviceProvider::scheme).toList() + ")");
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
