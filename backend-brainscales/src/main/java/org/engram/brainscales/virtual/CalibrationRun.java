package org.engram.brainscales.virtual;

import org.engram.nativelib.chip.ChipDriver;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Measures every neuron circuit of a chip through the driver ABI, with test stimuli and the CADC, and
 * derives the trims that bring it to the reference point (leak −65 mV, threshold −55 mV, reset −70 mV,
 * τ_mem 1250 cycles = 10 µs):
 * <ul>
 *   <li>leak: the resting membrane without input (CADC window −70…−60 mV, 0.04 mV per code);</li>
 *   <li>threshold: the highest sample before the spikes of a slow ramp (an event every step drives the
 *       synaptic input towards 15 mV; window −60…−50 mV), averaged over three runs (trial noise);</li>
 *   <li>reset: the lowest sample of the same drive (the membrane is clamped at reset while refractory;
 *       window −75…−65 mV);</li>
 *   <li>τ_mem: the relaxation from reset to leak after one strong kick, fitted at 0.5-1.5 τ (window
 *       −71…−63 mV): τ = −t / ln((leak − v) / (leak − reset)).</li>
 * </ul>
 * The threshold estimate lies up to one step's rise (about 0.1 mV) below the true threshold, the same for
 * every circuit: it shifts the calibrated thresholds, not their spread.
 */
public final class CalibrationRun {
    public static final double LEAK = -65, THRESHOLD = -55, RESET = -70, TAU_MEM = 1250;
    static final int STEP = 25, REFRACTORY = 250;

    private CalibrationRun() {}

    /** Per-circuit measurements (mV; τ in cycles). */
    public record Measured(double[] leak, double[] threshold, double[] reset, double[] tau) {
        public static double sd(double[] x) {
            double m = Arrays.stream(x).average().orElseThrow();
            return Math.sqrt(Arrays.stream(x).map(v -> (v - m) * (v - m)).sum() / (x.length - 1));
        }
    }

    /** Measures and returns the trims that reach the reference point. */
    public static Calibration calibrate(VirtualOptions o) {
        Measured m = measure(o, null);
        int n = ChipFormat.NEURONS;
        double[] th = new double[n], leak = new double[n], reset = new double[n], tau = new double[n];
        for (int i = 0; i < n; i++) {
            th[i] = THRESHOLD - m.threshold()[i];
            leak[i] = LEAK - m.leak()[i];
            reset[i] = RESET - m.reset()[i];
            tau[i] = TAU_MEM / m.tau()[i] - 1;
        }
        return new Calibration(o.chipSeed(), o.spread(), th, leak, reset, tau);
    }

    /** Measures every circuit, with {@code applied} trims (null: uncalibrated). */
    public static Measured measure(VirtualOptions o, Calibration applied) {
        double[] leak = sampleStat(o, applied, 0, 1, -70, -60, 2500, false, Stat.LATE_MEAN, 1);
        double[] th = sampleStat(o, applied, 625, 15 * -Math.expm1(-(double) STEP / 625) / 63, -60, -50, 12500, true, Stat.MAX, 3);
        double[] reset = sampleStat(o, applied, 625, 15 * -Math.expm1(-(double) STEP / 625) / 63, -75, -65, 12500, true, Stat.MIN, 1);
        double[] tau = tau(o, applied, leak, reset);
        return new Measured(leak, th, reset, tau);
    }

    private enum Stat { LATE_MEAN, MAX, MIN }

    private static ChipDriver open(VirtualOptions o, Calibration applied, double tauSyn, double scale, double lo, double hi) {
        ChipDriver chip = ChipDriver.open(o.binding(), "virtual:");
        try {
            chip.writeConfig(ChipFormat.BLOCK_GLOBAL, new ChipFormat.Global(STEP, o.chipSeed(), o.spread(), o.trialNoise(), STEP, lo, hi,
                    applied != null).words());
            if (applied != null) chip.writeMemory(ChipFormat.MEM_TRIMS, applied.words());
            for (int c = 0; c < ChipFormat.NEURONS; c++) {
                chip.writeConfig(ChipFormat.BLOCK_NEURON + c, new ChipFormat.Neuron(true, TAU_MEM, Math.max(1, tauSyn), LEAK, THRESHOLD, RESET,
                        REFRACTORY, scale, scale, true, new int[0], new int[0]).words());
            }
            int[] w = new int[ChipFormat.COLUMNS], labels = new int[ChipFormat.COLUMNS];
            Arrays.fill(w, ChipFormat.WEIGHT_MAX);
            for (int h = 0; h < 2; h++) chip.writeConfig(ChipFormat.BLOCK_ROW + h * ChipFormat.COLUMNS, new ChipFormat.Row(false, w, labels).words());
            return chip;
        } catch (RuntimeException x) {
            chip.close();
            throw x;
        }
    }

    /** An event on row 0 and row 256 (label 0: every column) at each of the given cycles. */
    private static long[][] drive(long[] cycles) {
        long[] t = new long[2 * cycles.length];
        long[] g = new long[2 * cycles.length];
        for (int i = 0; i < cycles.length; i++) {
            t[2 * i] = t[2 * i + 1] = cycles[i];
            g[2 * i] = ChipFormat.target(0, 0, ChipFormat.MODE_CURRENT);
            g[2 * i + 1] = ChipFormat.target(ChipFormat.COLUMNS, 0, ChipFormat.MODE_CURRENT);
        }
        return new long[][]{t, g};
    }

    private static double[] sampleStat(VirtualOptions o, Calibration applied, double tauSyn, double scale, double lo, double hi,
                                       long duration, boolean driven, Stat stat, int repeats) {
        int n = ChipFormat.NEURONS;
        double[] out = new double[n];
        try (ChipDriver chip = open(o, applied, tauSyn, scale, lo, hi)) {
            long[][] ev = driven ? drive(java.util.stream.LongStream.range(0, duration / STEP).map(k -> k * STEP).toArray()) : new long[][]{{}, {}};
            int[] targets = Arrays.stream(ev[1]).mapToInt(x -> (int) x).toArray();
            for (int r = 0; r < repeats; r++) {
                chip.run(ev[0], targets, duration);
                int[] codes = chip.readSamples();
                int samples = codes.length / n;
                for (int c = 0; c < n; c++) {
                    double acc = stat == Stat.MAX ? Double.NEGATIVE_INFINITY : stat == Stat.MIN ? Double.POSITIVE_INFINITY : 0;
                    int from = stat == Stat.LATE_MEAN ? samples / 2 : 0;
                    for (int k = from; k < samples; k++) {
                        double v = lo + codes[k * n + c] / 255.0 * (hi - lo);
                        acc = switch (stat) {
                            case MAX -> Math.max(acc, v);
                            case MIN -> Math.min(acc, v);
                            case LATE_MEAN -> acc + v / (samples - from);
                        };
                    }
                    out[c] += acc / repeats;
                }
            }
        }
        return out;
    }

    private static double[] tau(VirtualOptions o, Calibration applied, double[] leak, double[] reset) {
        int n = ChipFormat.NEURONS;
        double lo = -71, hi = -63;
        double[] out = new double[n];
        try (ChipDriver chip = open(o, applied, 1, 10, lo, hi)) {
            long[][] ev = drive(new long[]{0});
            chip.run(ev[0], Arrays.stream(ev[1]).mapToInt(x -> (int) x).toArray(), 275 + 80L * STEP);
            int[] codes = chip.readSamples();
            for (int c = 0; c < n; c++) {
                double sum = 0;
                int used = 0;
                for (int k = 25; k <= 75; k++) {
                    int sample = (275 + k * STEP) / STEP;   // the sample after k updates of the relaxation
                    double v = lo + codes[sample * n + c] / 255.0 * (hi - lo);
                    double ratio = (leak[c] - v) / (leak[c] - reset[c]);
                    if (!(ratio > 0 && ratio < 1)) continue;
                    sum += -(double) k * STEP / Math.log(ratio);
                    used++;
                }
                if (used == 0) throw new IllegalStateException("circuit " + c + ": no usable relaxation sample for tau_mem");
                out[c] = sum / used;
            }
        }
        return out;
    }

    /** Calibrates a chip and writes the file: {@code CalibrationRun <chip seed> <file> [spread]}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: CalibrationRun <chip seed> <calibration file> [spread]");
            System.exit(2);
        }
        VirtualOptions o = VirtualOptions.DEFAULT.withChipSeed(Long.parseLong(args[0]));
        if (args.length > 2) {
            o = new VirtualOptions(o.speedUp(), Double.parseDouble(args[2]), o.trialNoise(), o.chipSeed(), null, o.stepCycles(), o.binding());
        }
        Calibration cal = CalibrationRun.calibrate(o);
        cal.write(Path.of(args[1]));
        Measured before = measure(o, null), after = measure(o, cal);
        System.out.printf("chip %d: spread (sd over 512 circuits) before -> after calibration:%n", o.chipSeed());
        System.out.printf("  leak %.3f -> %.3f mV, threshold %.3f -> %.3f mV, reset %.3f -> %.3f mV, tau_mem %.2f%% -> %.2f%%%n",
                Measured.sd(before.leak()), Measured.sd(after.leak()), Measured.sd(before.threshold()), Measured.sd(after.threshold()),
                Measured.sd(before.reset()), Measured.sd(after.reset()), 100 * Measured.sd(before.tau()) / TAU_MEM, 100 * Measured.sd(after.tau()) / TAU_MEM);
    }
}
