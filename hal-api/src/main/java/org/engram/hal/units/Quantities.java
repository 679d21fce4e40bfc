package org.engram.hal.units;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses quantity strings such as "10 ms" or "-65mV" into the model's base units. */
public final class Quantities {
    private static final Pattern QUANTITY = Pattern.compile("\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*(\\S*)\\s*");

    private Quantities() {}

    /**
     * @param text      the quantity as written
     * @param dimension the dimension the field requires
     * @return the value in the dimension's base unit
     * @throws IllegalArgumentException with a message saying what is wrong (the caller adds the field path)
     */
    public static double parse(String text, Dimension dimension) {
        Matcher m = QUANTITY.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a quantity: write a number and a unit, e.g. '10 "
                    + dimension.baseUnit() + "'");
        }
        String unit = m.group(2);
        if (unit.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' has no unit: expected a " + dimension.name().toLowerCase()
                    + " in one of " + dimension.accepted());
        }
        Double factor = dimension.factor(unit);
        if (factor == null) {
            Dimension other = Dimension.of(unit);
            throw new IllegalArgumentException("'" + text + "' has the wrong unit: expected a " + dimension.name().toLowerCase()
                    + " (" + dimension.accepted() + ")" + (other == null ? ", '" + unit + "' is not a known unit"
                    : ", got a " + other.name().toLowerCase()));
        }
        double value = Double.parseDouble(m.group(1)) * factor;
        if (!Double.isFinite(value)) throw new IllegalArgumentException("'" + text + "' is not finite");
        return value;
    }

    /** Formats a base-unit value for messages, e.g. "48.8 ms". */
    public static String format(double value, Dimension dimension) {
        if (dimension == Dimension.TIME) {
            double a = Math.abs(value);
            if (a != 0 && a < 1e-3) return trim(value * 1e6) + " µs";
            if (a != 0 && a < 1) return trim(value * 1e3) + " ms";
            return trim(value) + " s";
        }
        return trim(value) + " " + dimension.baseUnit();
    }

    private static String trim(double v) {
        String s = String.format(java.util.Locale.ROOT, "%.6g", v);
        if (s.contains("e")) return s;
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
