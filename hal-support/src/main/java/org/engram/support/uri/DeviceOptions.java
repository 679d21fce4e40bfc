package org.engram.support.uri;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A device URI split into its path and options: {@code scheme:path?k=v&k2=v2}. Every key must be one
 * the device knows (an unknown key is an error naming it and the known ones); the typed getters name
 * the option and the URI when a value does not parse. Parsing is the same for every backend, so
 * {@code sim:?threads=2}, {@code sim:native?binding=jna} and {@code brainscales2:virtual?speedup=200}
 * fail in the same words.
 */
public final class DeviceOptions {
    private final String uri;
    private final String path;
    private final Map<String, String> values;

    private DeviceOptions(String uri, String path, Map<String, String> values) {
        this.uri = uri;
        this.path = path;
        this.values = values;
    }

    /**
     * Parses {@code uri}; {@code known} lists the option keys the device accepts. A key without a value,
     * an empty value or a key given twice is refused as well.
     */
    public static DeviceOptions parse(String uri, List<String> known) {
        int colon = uri.indexOf(':');
        String rest = colon < 0 ? uri : uri.substring(colon + 1);
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        Map<String, String> values = new LinkedHashMap<>();
        if (q >= 0) {
            for (String kv : rest.substring(q + 1).split("&")) {
                if (kv.isEmpty()) continue;
                String[] p = kv.split("=", 2);
                if (!known.contains(p[0])) {
                    throw new IllegalArgumentException("unknown option '" + p[0] + "' in " + uri
                            + (known.isEmpty() ? " (this device takes no options)" : " (known: " + String.join(", ", known) + ")"));
                }
                if (p.length != 2 || p[1].isEmpty()) {
                    throw new IllegalArgumentException("option '" + p[0] + "' in " + uri + " needs a value (" + p[0] + "=...)");
                }
                if (values.put(p[0], p[1]) != null) {
                    throw new IllegalArgumentException("option '" + p[0] + "' is given twice in " + uri);
                }
            }
        }
        return new DeviceOptions(uri, path, Collections.unmodifiableMap(values));
    }

    /** The URI as given. */
    public String uri() { return uri; }

    /** The part between the scheme's colon and the '?': "" for {@code sim:}, "float64" for {@code sim:float64}. */
    public String path() { return path; }

    public Map<String, String> values() { return values; }

    public boolean has(String key) { return values.containsKey(key); }

    public Optional<String> string(String key) { return Optional.ofNullable(values.get(key)); }

    public String string(String key, String fallback) { return values.getOrDefault(key, fallback); }

    public int integer(String key, int fallback) {
        return typed(key, fallback, Integer::parseInt, "an integer");
    }

    /** An integer option that must be at least {@code min}. */
    public int integer(String key, int fallback, int min) {
        int v = integer(key, fallback);
        if (v < min) throw new IllegalArgumentException("option " + key + " in " + uri + " must be at least " + min + ", got " + v);
        return v;
    }

    public long longValue(String key, long fallback) {
        return typed(key, fallback, Long::parseLong, "an integer");
    }

    public double number(String key, double fallback) {
        return typed(key, fallback, Double::parseDouble, "a number");
    }

    /** An option parsed by the device's own function; its IllegalArgumentException is reworded to name the option. */
    public <T> T typed(String key, T fallback, Function<String, T> parser, String what) {
        String v = values.get(key);
        if (v == null) return fallback;
        try {
            return parser.apply(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option " + key + " in " + uri + ": '" + v + "' is not " + what, e);
        }
    }
}
