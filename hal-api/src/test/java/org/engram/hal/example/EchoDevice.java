package org.engram.hal.example;

import org.engram.hal.device.*;
import org.engram.hal.model.*;

import java.time.Instant;
import java.util.*;

/**
 * The smallest device that passes the contract suite (docs/backends.md): it simulates nothing, but
 * answers every recording from a seeded random stream, refuses what it cannot hold and can be cancelled.
 * It "runs" at a speed-up of 1000 (one real millisecond per simulated second), like a chip would.
 */
final class EchoDevice implements Device {
    static final int MAX_NEURONS = 1000;
    static final TimeBase TIME = new TimeBase(1e-3, 1000, 1L << 40);
    private final String uri;

    EchoDevice(String uri) { this.uri = uri; }

    @Override public String uri() { return uri; }

    @Override public Capabilities capabilities() {
        return new Capabilities("echo", Set.of("lif"), Set.of("static", "two_phase"), Set.of("poisson"),
                MAX_NEURONS, Integer.MAX_VALUE, 0, TIME, true);
    }

    @Override public FitReport check(Experiment e) {
        List<FitReport.Issue> out = new ArrayList<>();
        if (e.network().neuronCount() > MAX_NEURONS) out.add(error("max-neurons", "network", e.network().neuronCount()
                + " neurons, echo holds " + MAX_NEURONS));
        List<Recording> recs = e.protocol().recordings();
        for (int i = 0; i < recs.size(); i++) {
            if (recs.get(i) instanceof Recording.Trace t && !t.projection().isEmpty()
                    && e.network().projections().stream().noneMatch(p -> p.name().equals(t.projection()))) {
                out.add(error("unknown-reference", "protocol.recordings[" + i + "].trace.projection",
                        "no projection named '" + t.projection() + "'"));
            }
        }
        return new FitReport(uri, out);
    }

    private static FitReport.Issue error(String rule, String element, String message) {
        return new FitReport.Issue(FitReport.Severity.ERROR, rule, element, message, "");
    }

    @Override public Job submit(Experiment e) {
        check(e).orThrow();
        return LocalJob.start("echo", job -> run(e, job));
    }

    private RunResult run(Experiment e, LocalJob job) {
        Instant started = Instant.now();
        double duration = e.protocol().duration();
        for (long ms = 0; ms < duration; ms++) {   // one real millisecond per simulated second
            if (job.cancelRequested()) throw new CancelledException("cancelled at t = " + ms + " s");
            job.progress(ms / duration);
            try { Thread.sleep(1); } catch (InterruptedException x) { throw new CancelledException("interrupted"); }
        }
        SplittableRandom rng = new SplittableRandom(e.seed());
        Map<String, RunResult.SpikeData> spikes = new LinkedHashMap<>();
        List<RunResult.TraceData> traces = new ArrayList<>();
        for (Recording rec : e.protocol().recordings()) {
            if (rec instanceof Recording.Spikes s) {
                int n = e.network().population(s.population()).orElseThrow().size();
                double[] times = rng.doubles(n).map(u -> Math.floor(u * duration / TIME.tick()) * TIME.tick()).sorted().toArray();
                spikes.put(s.name(), new RunResult.SpikeData(s.population(), times, rng.ints(n, 0, n).toArray()));
            } else if (rec instanceof Recording.Trace t) {
                int count = (int) Math.floor((Math.min(duration, t.stop()) - t.start()) / t.interval() + 1e-9);
                double[] times = new double[count];
                for (int k = 0; k < count; k++) times[k] = t.start() + k * t.interval();
                traces.add(new RunResult.TraceData(t.name(), t.variable().name(), t.variable().unit(), times,
                        List.of("mean"), new double[][]{rng.doubles(count).toArray()}));
            }
        }
        Provenance p = new Provenance(uri, "echo", "1", e.seed(), e.name(), Provenance.digestOf(e), started,
                0, duration, 1);
        return new RunResult(spikes, traces, List.of(), p, Map.of());
    }
}
