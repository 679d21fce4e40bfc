package org.engram.hal.device;

/**
 * The one owner of time conversion for a device. The HAL speaks biological seconds; a device counts
 * its own ticks (emulator steps, FPGA cycles). Conversions that cannot be represented are rejected,
 * never silently rounded.
 *
 * @param tick     biological seconds per device tick (sim: the 0.2 ms step)
 * @param speedUp  how much faster than biology the device runs (1 for emulators at biological time)
 * @param maxTicks the longest run the device can represent in one go
 */
public record TimeBase(double tick, double speedUp, long maxTicks) {
    public TimeBase {
        if (!(tick > 0) || Double.isInfinite(tick)) throw new IllegalArgumentException("tick must be positive, got " + tick);
        if (!(speedUp > 0)) throw new IllegalArgumentException("speedUp must be positive, got " + speedUp);
        if (maxTicks <= 0) throw new IllegalArgumentException("maxTicks must be positive");
    }

    /** Relative tolerance for "lies on the tick grid": one part in 10^9 of a tick. */
    private static final double GRID_TOLERANCE = 1e-9;

    /** The tick at which a biological time falls, rounding to the nearest tick. */
    public long nearestTick(double seconds) {
        checkTime(seconds);
        double t = seconds / tick;
        if (t > maxTicks) throw new IllegalArgumentException(
                "time " + seconds + " s exceeds the device's range (" + maxTicks * tick + " s)");
        return Math.round(t);
    }

    /** The tick of a time that must lie on the grid (a duration, a window edge). */
    public long exactTick(String what, double seconds) {
        long n = nearestTick(seconds);
        if (Math.abs(n - seconds / tick) > GRID_TOLERANCE * Math.max(1, n)) {
            throw new IllegalArgumentException(what + " = " + seconds + " s is not a multiple of the device's time step "
                    + tick + " s");
        }
        return n;
    }

    /** Whether a time lies on the tick grid. */
    public boolean onGrid(double seconds) {
        double t = seconds / tick;
        return Math.abs(Math.rint(t) - t) <= GRID_TOLERANCE * Math.max(1, Math.abs(t));
    }

    public double toSeconds(long ticks) {
        return ticks * tick;
    }

    /** Wall-clock seconds of hardware time the biological span takes on the device (at its speed-up). */
    public double hardwareSeconds(double biologicalSeconds) {
        return biologicalSeconds / speedUp;
    }

    private static void checkTime(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) throw new IllegalArgumentException("time must be finite and >= 0, got " + seconds);
    }
}
