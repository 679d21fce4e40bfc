package org.engram.hal.units;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The physical dimensions an experiment uses, each with the model's base unit and the units a user may
 * write. Model units: seconds, millivolts, nanoamperes, megaohms, hertz. Factors are written as decimal
 * text and kept exact, so that a written quantity is scaled without rounding (see {@link Quantities}).
 */
public enum Dimension {
    TIME("s", Map.of("s", "1", "ms", "1e-3", "us", "1e-6", "µs", "1e-6", "ns", "1e-9", "min", "60", "h", "3600")),
    VOLTAGE("mV", Map.of("V", "1e3", "mV", "1", "uV", "1e-3", "µV", "1e-3")),
    CURRENT("nA", Map.of("A", "1e9", "mA", "1e6", "uA", "1e3", "µA", "1e3", "nA", "1", "pA", "1e-3")),
    RESISTANCE("MOhm", Map.of("Ohm", "1e-6", "kOhm", "1e-3", "MOhm", "1", "GOhm", "1e3", "Ω", "1e-6", "kΩ", "1e-3", "MΩ", "1", "GΩ", "1e3")),
    FREQUENCY("Hz", Map.of("Hz", "1", "kHz", "1e3", "mHz", "1e-3"));

    private final String baseUnit;
    private final Map<String, BigDecimal> factors;

    Dimension(String baseUnit, Map<String, String> factors) {
        this.baseUnit = baseUnit;
        this.factors = Map.copyOf(factors.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, f -> new BigDecimal(f.getValue()))));
    }

    public String baseUnit() { return baseUnit; }

    /** The exact factor to the base unit, or null when the unit does not belong to this dimension. */
    BigDecimal factor(String unit) { return factors.get(unit); }

    /** The dimension a unit belongs to, or null. */
    static Dimension of(String unit) {
        for (Dimension d : values()) if (d.factors.containsKey(unit)) return d;
        return null;
    }

    String accepted() {
        return String.join(", ", new java.util.TreeSet<>(factors.keySet()));
    }
}
