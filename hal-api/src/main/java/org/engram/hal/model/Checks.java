package org.engram.hal.model;

/** Argument checks shared by the model records; messages name the field and the rule. */
final class Checks {
    private Checks() {}

    static void finite(String field, double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException(field + " must be finite, got " + v);
    }

    static void positive(String field, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(field + " must be positive and finite, got " + v);
    }

    static void nonNegative(String field, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException(field + " must be >= 0 and finite, got " + v);
    }

    static void probability(String field, double v) {
        if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException(field + " must lie in [0, 1], got " + v);
    }

    static String name(String field, String v) {
        if (v == null || v.isBlank()) throw new IllegalArgumentException(field + " must not be empty");
        return v;
    }
}
