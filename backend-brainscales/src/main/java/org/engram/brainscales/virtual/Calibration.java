package org.engram.brainscales.virtual;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per-circuit trims of one chip (chip seed): threshold, leak and reset offsets (mV) and a τ_mem factor
 * correction, which the chip adds to its fixed-pattern values when global flag bit 0 is set. Measured by
 * {@link CalibrationRun}; stored as a text file:
 * <pre>
 * # comment lines
 * format engram-bss2-calibration 1
 * chip_seed 1
 * spread 0.03
 * circuit d_threshold d_leak d_reset tau_correction     (512 lines: index and four numbers)
 * </pre>
 * A file applies only to the chip it was measured on: loading it for another chip seed fails.
 */
public record Calibration(long chipSeed, double spread, double[] threshold, double[] leak, double[] reset, double[] tau) {
    public static final String FORMAT = "format engram-bss2-calibration 1";

    public Calibration {
        for (double[] a : new double[][]{threshold, leak, reset, tau}) {
            if (a.length != ChipFormat.NEURONS) throw new IllegalArgumentException("a calibration has " + ChipFormat.NEURONS + " values per trim");
            for (double x : a) if (!Double.isFinite(x)) throw new IllegalArgumentException("calibration trims must be finite");
        }
        threshold = threshold.clone();
        leak = leak.clone();
        reset = reset.clone();
        tau = tau.clone();
    }

    /** The trims as chip memory words (float32 bits, 4 per circuit) at {@link ChipFormat#MEM_TRIMS}. */
    public int[] words() {
        int[] w = new int[ChipFormat.NEURONS * ChipFormat.TRIM_FIELDS];
        for (int n = 0; n < ChipFormat.NEURONS; n++) {
            w[4 * n] = ChipFormat.f(threshold[n]);
            w[4 * n + 1] = ChipFormat.f(leak[n]);
            w[4 * n + 2] = ChipFormat.f(reset[n]);
            w[4 * n + 3] = ChipFormat.f(tau[n]);
        }
        return w;
    }

    public void write(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# engram virtual BrainScaleS-2 chip calibration (docs/brainscales.md, \"Calibration\")");
        lines.add(FORMAT);
        lines.add("chip_seed " + chipSeed);
        lines.add("spread " + spread);
        lines.add("# circuit d_threshold_mV d_leak_mV d_reset_mV tau_correction");
        for (int n = 0; n < ChipFormat.NEURONS; n++) {
            lines.add(String.format(Locale.ROOT, "%d %.6f %.6f %.6f %.6f", n, threshold[n], leak[n], reset[n], tau[n]));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /** Reads a calibration file; {@code chipSeed} is the chip it must belong to. */
    public static Calibration read(Path file, long chipSeed) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        if (lines.isEmpty() || !lines.getFirst().equals(FORMAT)) throw new IOException(file + ": not a calibration file (first line must be '" + FORMAT + "')");
        long seed = Long.MIN_VALUE;
        double spread = Double.NaN;
        double[][] t = new double[4][ChipFormat.NEURONS];
        boolean[] seen = new boolean[ChipFormat.NEURONS];
        for (int i = 1; i < lines.size(); i++) {
            String[] p = lines.get(i).split("\\s+");
            try {
                if (p[0].equals("chip_seed") && p.length == 2) seed = Long.parseLong(p[1]);
                else if (p[0].equals("spread") && p.length == 2) spread = Double.parseDouble(p[1]);
                else if (p.length == 5) {
                    int n = Integer.parseInt(p[0]);
                    if (n < 0 || n >= ChipFormat.NEURONS || seen[n]) throw new IOException(file + ": circuit " + n + " out of range or repeated");
                    seen[n] = true;
                    for (int k = 0; k < 4; k++) t[k][n] = Double.parseDouble(p[k + 1]);
                } else throw new IOException(file + ": line '" + lines.get(i) + "' is neither a key nor 'circuit + 4 numbers'");
            } catch (NumberFormatException e) {
                throw new IOException(file + ": bad number in '" + lines.get(i) + "'");
            }
        }
        for (int n = 0; n < ChipFormat.NEURONS; n++) if (!seen[n]) throw new IOException(file + ": circuit " + n + " missing");
        if (seed == Long.MIN_VALUE) throw new IOException(file + ": no chip_seed line");
        if (seed != chipSeed) throw new IOException(file + " calibrates the chip with seed " + seed + ", this chip has seed " + chipSeed);
        return new Calibration(seed, spread, t[0], t[1], t[2], t[3]);
    }
}
