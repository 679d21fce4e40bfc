package org.engram.brainscales.virtual;

import org.engram.brainscales.mapping.HardwareTime;
import org.engram.nativelib.Binding;

import org.engram.support.uri.DeviceOptions;

import java.nio.file.Path;
import java.util.List;

/**
 * The options of {@code brainscales2:virtual?speedup=1000&spread=0.03&noise=0.1&seed=1&calibration=/path&step=25&binding=ffm}:
 * the speed-up, the chip's fixed-pattern spread (relative) and trial-to-trial threshold noise (mV), the chip
 * seed (which chip: its fixed-pattern noise), a calibration file (docs/brainscales.md, "Calibration"), the
 * integration step in FPGA cycles and the native binding. The defaults model an uncalibrated chip.
 */
public record VirtualOptions(double speedUp, double spread, double trialNoise, long chipSeed, Path calibration, int stepCycles,
                             Binding binding) {
    public static final double DEFAULT_SPREAD = 0.03, DEFAULT_TRIAL_NOISE = 0.1;
    /** 25 cycles = 200 ns: 0.2 ms biological at 1000x, the emulator's step; it divides the 1 ms processor period. */
    public static final int DEFAULT_STEP = 25;
    /** Without step=, the step is the emulator's 0.2 ms biological at the speed-up (125 cycles at 200x). */
    static final double DEFAULT_STEP_BIOLOGICAL = 2e-4;
    /** The options brainscales2:virtual accepts. */
    static final List<String> KNOWN = List.of("speedup", "spread", "noise", "seed", "calibration", "step", "binding");
    public static final VirtualOptions DEFAULT = new VirtualOptions(HardwareTime.DEFAULT_SPEED_UP, DEFAULT_SPREAD,
            DEFAULT_TRIAL_NOISE, 1, null, DEFAULT_STEP, Binding.FFM);

    public VirtualOptions {
        new HardwareTime(speedUp);   // checks the range
        if (!(spread >= 0 && spread <= 0.5)) throw new IllegalArgumentException("spread must lie in [0, 0.5], got " + spread);
        if (!(trialNoise >= 0 && trialNoise <= 100)) throw new IllegalArgumentException("noise must lie in [0, 100] mV, got " + trialNoise);
        if (stepCycles < 1 || stepCycles > 1024) throw new IllegalArgumentException("step must be 1..1024 cycles, got " + stepCycles);
    }

    public HardwareTime time() {
        return new HardwareTime(speedUp);
    }

    public VirtualOptions withCalibration(Path file) {
        return new VirtualOptions(speedUp, spread, trialNoise, chipSeed, file, stepCycles, binding);
    }

    public VirtualOptions withChipSeed(long seed) {
        return new VirtualOptions(speedUp, spread, trialNoise, seed, calibration, stepCycles, binding);
    }

    /** Parses the part after "brainscales2:virtual". */
    public static VirtualOptions parse(String uri) {
        int q = uri.indexOf('?');
        String head = q < 0 ? uri : uri.substring(0, q);
        if (!head.equals("brainscales2:virtual")) {
            throw new IllegalArgumentException("unknown BrainScaleS-2 device '" + head + "': use brainscales2:virtual");
        }
        VirtualOptions d = DEFAULT;
        if (q < 0) return d;
        DeviceOptions o = DeviceOptions.parse(uri, KNOWN);
        double speedUp = o.number("speedup", d.speedUp);
        Path cal = o.string("calibration").map(Path::of).orElse(null);
        Binding binding = o.typed("binding", d.binding, v -> switch (v) {
            case "ffm" -> Binding.FFM;
            case "jna" -> Binding.JNA;
            default -> throw new IllegalArgumentException("binding must be ffm or jna");
        }, "ffm or jna");
        int step = o.has("step") ? o.integer("step", DEFAULT_STEP) : defaultStep(speedUp, uri);
        return new VirtualOptions(speedUp, o.number("spread", d.spread), o.number("noise", d.trialNoise),
                o.longValue("seed", d.chipSeed), cal, step, binding);
    }

    /** 0.2 ms biological in cycles at the speed-up; a speed-up where that is no whole number needs step=. */
    static int defaultStep(double speedUp, String uri) {
        HardwareTime time = new HardwareTime(speedUp);
        long cycles = time.cycles(DEFAULT_STEP_BIOLOGICAL);
        if (cycles < 1 || cycles > 1024 || Math.abs(time.biological(cycles) - DEFAULT_STEP_BIOLOGICAL) > 1e-9 * DEFAULT_STEP_BIOLOGICAL) {
            throw new IllegalArgumentException("at speedup=" + speedUp + " the default step of 0.2 ms biological is "
                    + time.toHardware(DEFAULT_STEP_BIOLOGICAL) / HardwareTime.CYCLE_SECONDS + " cycles, not a whole number in 1..1024: give step= (cycles) in " + uri);
        }
        return (int) cycles;
    }
}
