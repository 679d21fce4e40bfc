package org.engram.sim;

import org.engram.hal.device.*;
import org.engram.hal.model.*;
import org.engram.sim.engine.*;
import org.engram.sim.rate.RateEngine;
import org.engram.support.compiled.CompiledNetwork;
import org.engram.support.compiled.EmulatorFit;
import org.engram.support.compiled.Results;
import org.engram.support.uri.DeviceOptions;

import java.time.Instant;
import java.util.*;

/** The emulator as a {@link Device}: one engine per URI (fixed point or float64), any thread count. */
public final class SimDevice implements Device {
    public static final String VERSION = "0.1.0";

    public enum Arithmetic { FIXED, FLOAT64 }

    private final String uri;
    private final Arithmetic arithmetic;
    private final int threads;

    public SimDevice(String uri, Arithmetic arithmetic, int threads) {
        this.uri = uri;
        this.arithmetic = arithmetic;
        this.threads = threads;
    }

    static SimDevice open(String uri) {
        DeviceOptions o = DeviceOptions.parse(uri, List.of("threads"));
        String engine = o.path();
        Arithmetic a = switch (engine) {
            case "", "fixed" -> Arithmetic.FIXED;
            case "float64" -> Arithmetic.FLOAT64;
            default -> throw new IllegalArgumentException("unknown sim engine '" + engine + "' in " + uri
                    + ": use sim: (fixed point) or sim:float64");
        };
        return new SimDevice(uri, a, o.integer("threads", 1, 1));
    }

    @Override public String uri() { return uri; }

    public Arithmetic arithmetic() { return arithmetic; }

    @Override
    public Capabilities capabilities() {
        return EmulatorFit.capabilities(engineName(), arithmetic == Arithmetic.FIXED, true);
    }

    private String engineName() {
        return arithmetic == Arithmetic.FIXED ? "sim-fixed" : "sim-float64";
    }

    @Override
    public FitReport check(Experiment e) {
        return EmulatorFit.check(uri, e, EmulatorFit.timeBase(e), arithmetic == Arithmetic.FIXED, true);
    }

    @Override
    public Job submit(Experiment e) {
        check(e).orThrow();
        return LocalJob.start("sim-job", job -> execute(e, job));
    }

    private RunResult execute(Experiment e, LocalJob job) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        TimeBase tb = EmulatorFit.timeBase(e);
        if (EmulatorFit.isRateNetwork(e)) {
            return new RateEngine(e, tb).run(job::progress, job::cancelRequested, () -> provenance(e, started, t0, 1));
        }
        CompiledNetwork net = new CompiledNetwork(e, tb);
        Engine engine = arithmetic == Arithmetic.FIXED ? new FixedEngine(net, threads) : new FloatEngine(net, threads);
        engine.run(job::progress, job::cancelRequested);
        return collect(net, engine, provenance(e, started, t0, threads));
    }

    /** Where a run came from, with the wall time since {@code t0} (System.nanoTime). */
    private Provenance provenance(Experiment e, Instant started, long t0, int threads) {
        return new Provenance(uri, engineName(), VERSION, e.seed(), e.name(), Provenance.digestOf(e), started,
                (System.nanoTime() - t0) / 1e9, e.protocol().duration(), threads);
    }

    private static RunResult collect(CompiledNetwork net, Engine engine, Provenance prov) {
        Map<String, Long> counters = Map.of("steps", net.steps, "steps_executed", engine.stepsExecuted(),
                "steps_batched", engine.stepsBatched(), "synaptic_events", engine.synapticEvents(),
                "synapses", Results.synapses(net));
        return Results.collect(net, engine, prov, counters);
    }
}
