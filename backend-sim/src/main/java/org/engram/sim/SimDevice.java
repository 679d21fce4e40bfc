package org.engram.sim;

import org.engram.hal.device.*;
import org.engram.hal.model.*;
import org.engram.sim.engine.*;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
        return new Capabilities(engineName(), Set.of("lif"), Set.of("static", "two_phase"),
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
        SimJob job = new SimJob(UUID.randomUUID().toString());
        Thread.ofVirtual().name("sim-job-" + job.id()).start(() -> {
            try {
                job.started();
                job.complete(execute(e, job));
            } catch (Throwable t) {
                job.fail(t);
            }
        });
        return job;
    }

    private RunResult execute(Experiment e, SimJob job) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        TimeBase tb = timeBase(e);
        CompiledNetwork net = new CompiledNetwork(e, tb);
        Engine engine = arithmetic == Arithmetic.FIXED ? new FixedEngine(net, threads) : new FloatEngine(net, threads);
        engine.run(job::progress, job::cancelRequested);
        double wall = (System.nanoTime() - t0) / 1e9;
        return collect(e, net, engine, new Provenance(uri, engineName(), VERSION, e.seed(), e.name(), digest(e),
                started, wall, e.protocol().duration(), threads));
    }

    private static RunResult collect(Experiment e, CompiledNetwork net, Engine engine, Provenance prov) {
        Map<String, RunResult.SpikeData> spikes = new LinkedHashMap<>();
        List<RunResult.TraceData> traces = new ArrayList<>();
        Map<String, RunResult.SynapseState> finals = new LinkedHashMap<>();
        for (int i = 0; i < net.recordings.size(); i++) {
            CompiledRecording r = net.recordings.get(i);
            if (r.spikes) {
                long[] steps = engine.spikeSteps(i);
                double[] times = new double[steps.length];
                for (int k = 0; k < steps.length; k++) times[k] = steps[k] * net.dt;
                spikes.put(r.name, new RunResult.SpikeData(r.population, times, engine.spikeNeurons(i)));
                continue;
            }
            double[] times = new double[(int) r.count];
            for (int k = 0; k < times.length; k++) times[k] = (r.start + k * r.interval) * net.dt;
            traces.add(new RunResult.TraceData(r.name, r.variable.name(), r.variable.unit(), times, r.labels,
                    engine.traceValues(i)));
            if (r.projection != null && r.projection.plastic() && !r.mean) {
                for (int k = 0; k < r.elements.length; k++) {
                    int syn = r.elements[k];
                    int pre = findPre(r.projection, syn);
                    int post = r.projection.post()[syn] - r.projection.postOffset();
                    double[] f = engine.finalSynapse(r.projection, syn);
                    finals.putIfAbsent(r.projection.name() + ":" + pre + "->" + post,
                            new RunResult.SynapseState(r.projection.name(), pre, post, f[0], f[1], f[2]));
                }
            }
        }
        Map<String, Long> counters = Map.of("steps", net.steps, "steps_executed", engine.stepsExecuted(),
                "steps_batched", engine.stepsBatched(),
                "synaptic_events", engine.synapticEvents(), "synapses", (long) net.projections.stream()
                        .mapToInt(CompiledNetwork.CompiledProjection::size).sum());
        return new RunResult(spikes, traces, new ArrayList<>(finals.values()), prov, counters);
    }

    private static int findPre(CompiledNetwork.CompiledProjection pr, int syn) {
        int lo = 0, hi = pr.preSize() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (pr.start()[mid] <= syn) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    /** SHA-256 of the experiment's canonical text form (records print every field). */
    static String digest(Experiment e) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(e.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
