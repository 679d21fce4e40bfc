package org.engram.cli;

import java.math.BigDecimal;
import java.math.MathContext;

/** Human-readable times: biological durations in s/min/h, wall-clock times in ms/s/min. */
final class Durations {
    private Durations() {}

    /** Biological time, in the largest unit that keeps the number >= 1 (experiments span ms to days). */
    static String bio(double seconds) {
        if (seconds >= 3600) return number(seconds / 3600) + " h";
        if (seconds >= 60) return number(seconds / 60) + " min";
        if (seconds >= 1 || seconds == 0) return number(seconds) + " s";
        return number(seconds * 1e3) + " ms";
    }

    static String wall(double seconds) {
        if (seconds < 1) return Math.round(seconds * 1e3) + " ms";
        if (seconds < 60) return String.format("%.1f s", seconds);
        long s = Math.round(seconds);
        return String.format("%d min %02d s", s / 60, s % 60);
    }

    /** Up to four significant digits, without trailing zeros or exponent. */
    static String number(double x) {
        if (!Double.isFinite(x)) return Double.toString(x);
        return new BigDecimal(x).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
