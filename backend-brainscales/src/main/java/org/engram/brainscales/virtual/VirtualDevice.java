package org.engram.brainscales.virtual;

import org.engram.brainscales.mapping.HardwareTime;
import org.engram.hal.device.Capabilities;
import org.engram.hal.device.Device;
import org.engram.hal.device.FitReport;
import org.engram.hal.device.Job;
import org.engram.hal.device.LocalJob;
import org.engram.hal.device.Provenance;
import org.engram.hal.device.RunResult;
import org.engram.hal.device.TimeBase;
import org.engram.hal.model.Experiment;
import org.engram.nativelib.chip.ChipDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code brainscales2:virtual}: the BrainScaleS-2 adapter on the virtual chip, reached only through the
 * chip driver ABI ({@code virtual:} in libengram_chip_virtual.so, or a lab's driver with
 * -Dengram.chip.lib). check() is the BrainScaleS-2 fit check plus what the adapter realises
 * ({@link VirtualFit}); run() lowers the experiment ({@link ChipMapping}, {@link HostSpikes}) and runs it
 * ({@link VirtualRun}). Every run opens a fresh chip: the same seeds give the same bits.
 */
public final class VirtualDevice implements Device {
    public static final String VERSION = "0.1.0";
    public static final String ENGINE = "brainscales2-virtual";

    private final String uri;
    private final VirtualOptions options;

    public VirtualDevice(String uri, VirtualOptions options) {
        this.uri = uri;
        this.options = options;
    }

    public VirtualOptions options() { return options; }

    @Override public String uri() { return uri; }

    @Override
    public Capabilities capabilities() {
        HardwareTime t = options.time();
        return new Capabilities(ENGINE, Set.of("lif", "source"), Set.of("static", "two_phase"), Set.of(),
                ChipFormat.NEURONS, 2L * 256 * 256, 6, new TimeBase(t.resolution(), t.speedUp(), HardwareTime.MAX_RUN_CYCLES * 1024), true);
    }

    @Override
    public FitReport check(Experiment e) {
        return VirtualFit.check(uri, e, options).report();
    }

    @Override
    public Job submit(Experiment e) {
        VirtualFit.Result fit = VirtualFit.check(uri, e, options);
        fit.report().orThrow();
        Calibration cal = calibration();
        return LocalJob.start("bss2-virtual", job -> execute(e, fit, cal, job));
    }

    private Calibration calibration() {
        if (options.calibration() == null) return null;
        try {
            return Calibration.read(options.calibration(), options.chipSeed());
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    private RunResult execute(Experiment e, VirtualFit.Result fit, Calibration cal, LocalJob job) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        VirtualRun run = new VirtualRun(e, options, fit, cal);
        VirtualRun.Result r;
        try (ChipDriver chip = ChipDriver.open(options.binding(), "virtual:")) {
            r = run.execute(chip, job::progress, job::cancelRequested);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        String version = String.format(java.util.Locale.ROOT, "%s; speed-up %.0fx; spread %s; trial noise %s mV; chip seed %d; calibration %s",
                VERSION, options.speedUp(), options.spread(), options.trialNoise(), options.chipSeed(),
                options.calibration() == null ? "none" : options.calibration().toString());
        Map<String, Long> counters = new LinkedHashMap<>(r.counters());
        counters.put("chip_seed", options.chipSeed());
        return new RunResult(r.spikes(), r.traces(), r.finals(), new Provenance(uri, ENGINE, version, e.seed(), e.name(), Provenance.digestOf(e),
                started, wall, e.protocol().duration(), 1), counters);
    }
}
