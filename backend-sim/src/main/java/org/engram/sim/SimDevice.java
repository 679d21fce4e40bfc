package org.engram.sim;

import org.engram.hal.device.*;
import org.engram.hal.model.*;
import org.engram.sim.engine.*;
import org.engram.sim.rate.RateEngine;

import java.time.Instant;
import java.util.*;

/** The emulator as a {@link Device}: one engine per URI (fixed point or float64), any thread count. */
public final class SimDevice implements Device {
    public static final String VERSION = "0.1.0";
    /** The emulator's native step: 0.2 ms, as in the reference simulator. */
    public static final double DEFAULT_DT = 0.2e-3;
    static final long MAX_TICKS = 1L << 40;

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
        String ssp = uri.substring(uri.indexOf(':') + 1);
        String engine = ssp, query = "";
        int qm = ssp.indexOf('?');
        if (qm >= 0) {
            engine = ssp.substring(0, qm);
            query = ssp.substring(qm + 1);
        }
        Arithmetic a = switch (engine) {
            case "", "fixed" -> Arithmetic.FIXED;
            case "float64" -> Arithmetic.FLOAT64;
            default -> throw new IllegalArgumentException("unknown sim engine '" + engine + "' in " + uri
                    + ": use sim: (fixed point) or sim:float64");
        };
        int threads = 1;
        for (String kv : query.split("&")) {
            if (kv.isEmpty()) continue;
            String[] parts = kv.split("=", 2);
            if (parts[0].equals("threads") && parts.length == 2) {
                try {
                    threads = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    threads = -1;
                }
                if (threads < 1) throw new IllegalArgumentException("threads must be a positive integer in " + uri);
            } else {
                throw new IllegalArgumentException("unknown option '" + kv + "' in " + uri + " (known: threads=N)");
            }
        }
        return new SimDevice(uri, a, threads);
    }

    @Override public String uri() { return uri; }

    public Arithmetic arithmetic() { return arithmetic; }

    private static TimeBase timeBase(Experiment e) {
        double dt = e.protocol().dt() > 0 ? e.protocol().dt() : DEFAULT_DT;
        return new TimeBase(dt, 1.0, MAX_TICKS);
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(engineName(), arithmetic == Arithmetic.FIXED ? Set.of("lif") : Set.of("lif", "rate", "input"),
                Set.of("static", "two_phase"),
                Set.of("poisson", "regular", "spike_times", "bursts", "force_firing", "ou_current"),
                1 << 24, Integer.MAX_VALUE, arithmetic == Arithmetic.FIXED ? 32 : 0,
                new TimeBase(DEFAULT_DT, 1.0, MAX_TICKS), true);
    }

    private String engineName() {
        return arithmetic == Arithmetic.FIXED ? "sim-fixed" : "sim-float64";
    }

    @Override
    public FitReport check(Experiment e) {
        return SimFitCheck.check(uri, e, timeBase(e), arithmetic);
    }

    @Override
    public Job submit(Experiment e) {
        check(e).orThrow();
        return LocalJob.start("sim-job", job -> execute(e, job));
    }

    private RunResult execute(Experiment e, LocalJob job) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        TimeBase tb = timeBase(e);
        if (SimFitCheck.isRateNetwork(e)) {
            RateEngine rate = new RateEngine(e, tb, RateEngine.INPUTS);
            Provenance prov = new Provenance(uri, engineName(), VERSION, e.seed(), e.name(), Provenance.digestOf(e), started,
                    0, e.protocol().duration(), 1);
            RunResult r = rate.run(job::progress, job::cancelRequested, prov);
            double wall = (System.nanoTime() - t0) / 1e9;
            return new RunResult(r.spikes(), r.traces(), r.finalSynapses(), new Provenance(uri, engineName(), VERSION, e.seed(),
                    e.name(), prov.experimentSha256(), started, wall, e.protocol().duration(), 1), r.counters());
        }
        CompiledNetwork net = new CompiledNetwork(e, tb);
        Engine engine = arithmetic == Arithmetic.FIXED ? new FixedEngine(net, threads) : new FloatEngine(net, threads);
        engine.run(job::progress, job::cancelRequested);
        double wall = (System.nanoTime() - t0) / 1e9;
        return collect(net, engine, new Provenance(uri, engineName(), VERSION, e.seed(), e.name(), Provenance.digestOf(e),
                started, wall, e.protocol().duration(), threads));
    }

    private static RunResult collect(CompiledNetwork net, Engine engine, Provenance prov) {
        Map<String, Long> counters = Map.of("steps", net.steps, "steps_executed", engine.stepsExecuted(),
                "steps_batched", engine.stepsBatched(), "synaptic_events", engine.synapticEvents(),
                "synapses", Results.synapses(net));
        return Results.collect(net, engine, prov, counters);
    }
}
