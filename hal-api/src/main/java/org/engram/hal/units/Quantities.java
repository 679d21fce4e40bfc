package org.engram.hal.units;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses quantity strings such as "10 ms" or "-65mV" into the model's base units. The written number is
 * scaled in decimal, exactly, and rounded once: "48.8 ms" is the double nearest 0.0488, not 48.8 * 1e-3
 * (0.048799999999999996), so a quantity means the same bits whatever unit it was written in.
 */
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
        BigDecimal factor = dimension.factor(unit);
        if (factor == null) {
            Dimension other = Dimension.of(unit);
            throw new IllegalArgumentException("'" + text + "' has the wrong unit: expected a " + dimension.name().toLowerCase()
                    + " (" + dimension.accepted() + ")" + (other == null ? ", '" + unit + "' is not a known unit"
                    : ", got a " + other.name().toLowerCase()));
        }
        double value;
        try {
            // the product of two decimals is exact; doubleValue() rounds it once, to the nearest double
            value = new BigDecimal(m.group(1)).multiply(factor).doubleValue();
        } catch (NumberFormatException | ArithmeticException ex) { // an exponent beyond int range
            throw new IllegalArgumentException("'" + text + "' is out of range");
        }
        if (!Double.isFinite(value)) throw new IllegalArgumentException("'" + text + "' is not finite");
        // BigDecimal has no negative zero: keep the sign a double parse would give ("-0 ms" is -0.0)
        if (value == 0 && m.group(1).startsWith("-")) value = -0.0;
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
