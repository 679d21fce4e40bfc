package org.engram.brainscales.mapping;

import java.util.ArrayList;
import java.util.List;

/**
 * The adapter's time base: biological time runs {@code speedUp} times faster on the chip (1000: a
 * biological ms is a hardware µs). Spike times are quantised to 8 ns FPGA cycles; one hardware run
 * counts at most 2^32 cycles (34.36 s of hardware time, 9.5 h biological at 1000x), so longer protocols
 * are split into consecutive runs with the state carried over.
 */
public record HardwareTime(double speedUp) {
    public static final double DEFAULT_SPEED_UP = 1000;
    /** The FPGA clock: 125 MHz. */
    public static final double CYCLE_SECONDS = 8e-9;
    public static final long MAX_RUN_CYCLES = 1L << 32;

    public HardwareTime {
        if (!(speedUp >= 1) || Double.isInfinite(speedUp)) {
            throw new IllegalArgumentException("speed-up must be a finite number >= 1, got " + speedUp);
        }
    }

    /** A calibratable range of a hardware time constant, in hardware seconds. */
    public record Range(String name, double min, double max) {
        public boolean contains(double hardwareSeconds) {
            return hardwareSeconds >= min && hardwareSeconds <= max;
        }
    }

    public static final Range TAU_MEM = new Range("tau_mem", 0.5e-6, 60e-6);
    public static final Range TAU_SYN = new Range("tau_syn", 0.3e-6, 30e-6);
    public static final Range REFRACTORY = new Range("refractory", 40e-9, 32e-6);
    public static final Range CORRELATION = new Range("correlation tau", 2e-6, 30e-6);

    public double toHardware(double biologicalSeconds) {
        return biologicalSeconds / speedUp;
    }

    public double toBiological(double hardwareSeconds) {
        return hardwareSeconds * speedUp;
    }

    /** The FPGA cycle nearest to a biological time. */
    public long cycles(double biologicalSeconds) {
        if (!Double.isFinite(biologicalSeconds) || biologicalSeconds < 0) {
            throw new IllegalArgumentException("time must be finite and >= 0, got " + biologicalSeconds);
        }
        return Math.round(toHardware(biologicalSeconds) / CYCLE_SECONDS);
    }

    /** The biological time of an FPGA cycle. */
    public double biological(long cycles) {
        return toBiological(cycles * CYCLE_SECONDS);
    }

    /** Biological seconds per FPGA cycle: the finest time the chip resolves. */
    public double resolution() {
        return toBiological(CYCLE_SECONDS);
    }

    /** How far a biological time moves when quantised to cycles (biological seconds). */
    public double quantisationError(double biologicalSeconds) {
        return Math.abs(biological(cycles(biologicalSeconds)) - biologicalSeconds);
    }

    /** The longest biological span one hardware run covers. */
    public double maxRunBiological() {
        return biological(MAX_RUN_CYCLES);
    }

    /** One hardware run: biological [start, stop) and its length in cycles. */
    public record Run(int index, double start, double stop, long cycles) {}

    /** The consecutive runs a protocol of this biological duration needs (each at most 2^32 cycles). */
    public List<Run> runs(double duration) {
        long total = cycles(duration);
        List<Run> out = new ArrayList<>();
        for (long c = 0; c < total || out.isEmpty(); c += MAX_RUN_CYCLES) {
            long len = Math.min(MAX_RUN_CYCLES, total - c);
            out.add(new Run(out.size(), biological(c), biological(c + len), len));
        }
        return out;
    }
}
