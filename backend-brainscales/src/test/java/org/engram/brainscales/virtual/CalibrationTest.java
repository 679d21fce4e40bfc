package org.engram.brainscales.virtual;

import org.engram.hal.device.Devices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Fixed-pattern noise and calibration, measured through the ABI: the spread is the configured one, a
 * chip seed fixes it (same seed, same circuits; another seed, other circuits), calibration reduces the
 * measured spread of leak, threshold, reset and τ_mem, and the file round-trips and belongs to one chip.
 */
class CalibrationTest {
    static final VirtualOptions CHIP = VirtualOptions.DEFAULT.withChipSeed(11);

    @Test
    void calibrationReducesTheMeasuredSpread(@TempDir Path dir) throws IOException {
        CalibrationRun.Measured before = CalibrationRun.measure(CHIP, null);
        double expected = VirtualOptions.DEFAULT_SPREAD * (CalibrationRun.THRESHOLD - CalibrationRun.RESET);   // 0.45 mV
        double sdLeak = CalibrationRun.Measured.sd(before.leak());
        assertEquals(expected, sdLeak, 0.15 * expected, "uncalibrated leak spread is the configured spread");
        assertEquals(VirtualOptions.DEFAULT_SPREAD, CalibrationRun.Measured.sd(before.tau()) / CalibrationRun.TAU_MEM, 0.01,
                "uncalibrated tau_mem spread (relative)");

        Calibration cal = CalibrationRun.calibrate(CHIP);
        Path file = dir.resolve("chip-11.cal");
        cal.write(file);
        Calibration read = Calibration.read(file, 11);
        assertArrayEquals(cal.threshold(), read.threshold(), 1e-6);
        assertArrayEquals(cal.tau(), read.tau(), 1e-6);
        var wrong = assertThrows(IOException.class, () -> Calibration.read(file, 12));
        assertTrue(wrong.getMessage().contains("seed 11") && wrong.getMessage().contains("seed 12"), wrong.getMessage());

        CalibrationRun.Measured after = CalibrationRun.measure(CHIP, read);
        String[] names = {"leak", "threshold", "reset", "tau"};
        double[][] b = {before.leak(), before.threshold(), before.reset(), before.tau()};
        double[][] a = {after.leak(), after.threshold(), after.reset(), after.tau()};
        for (int k = 0; k < 4; k++) {
            double sb = CalibrationRun.Measured.sd(b[k]), sa = CalibrationRun.Measured.sd(a[k]);
            System.out.printf("%s spread: %.4f uncalibrated, %.4f calibrated%n", names[k], sb, sa);
            assertTrue(sa < 0.3 * sb, names[k] + ": calibration reduces the spread from " + sb + " to " + sa);
        }
        assertEquals(CalibrationRun.LEAK, java.util.Arrays.stream(after.leak()).average().orElseThrow(), 0.05, "calibrated leak on target");

        // the device loads the file and says so
        var r = Devices.open("brainscales2:virtual?seed=11&calibration=" + file).run(Chips.feedForward(10, 5, 1, 3, 20, 0.2, 1));
        assertTrue(r.provenance().engineVersion().contains("calibration " + file), r.provenance().engineVersion());
    }

    @Test
    void theChipSeedFixesTheFixedPatternNoise() {
        double[] a = CalibrationRun.measure(CHIP, null).leak(), b = CalibrationRun.measure(CHIP, null).leak();
        double[] c = CalibrationRun.measure(CHIP.withChipSeed(12), null).leak();
        assertArrayEquals(a, b, "same chip seed: the same circuits, bit for bit");
        double corr = correlation(a, c);
        assertTrue(Math.abs(corr) < 0.2, "another chip's leak offsets are independent: correlation " + corr);
    }

    static double correlation(double[] x, double[] y) {
        double mx = java.util.Arrays.stream(x).average().orElseThrow(), my = java.util.Arrays.stream(y).average().orElseThrow();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
