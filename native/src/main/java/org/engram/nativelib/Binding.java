package org.engram.nativelib;

import java.util.Locale;

/** How Java calls the C libraries: Panama FFM (default) or JNA (the fallback). */
public enum Binding {
    FFM, JNA;

    /** System property choosing the binding: {@code -Dengram.native.binding=ffm|jna}. */
    public static final String PROPERTY = "engram.native.binding";

    public static Binding selected() {
        return parse(System.getProperty(PROPERTY, "ffm"), "-D" + PROPERTY);
    }

    public static Binding parse(String value, String where) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "ffm", "panama" -> FFM;
            case "jna" -> JNA;
            default -> throw new IllegalArgumentException(where + "=" + value + ": use ffm or jna");
        };
    }
}
