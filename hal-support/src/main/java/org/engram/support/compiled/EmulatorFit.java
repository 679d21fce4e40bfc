package org.engram.support.compiled;

import org.engram.hal.device.Capabilities;
import org.engram.hal.device.FitReport;
import org.engram.hal.device.ModelRules;
import org.engram.hal.device.FitReport.Issue;
import org.engram.hal.device.FitReport.Severity;
import org.engram.hal.device.TimeBase;
import org.engram.hal.model.*;
import org.engram.support.fit.References;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The emulator's fit rules (time grid, rates, fixed-point ranges, network size, memory), its time base
 * and its capabilities: what {@link CompiledNetwork} and docs/fixed-point.md can represent. Shared by
 * the Java engines (sim:, sim:float64) and the C kernel (sim:native), which run the same specification.
 */
public final class EmulatorFit {
    /** The emulator's native step: 0.2 ms, as in the reference simulator. */
    public static final double DEFAULT_DT = 0.2e-3;
    /** Steps the emulator counts at most. */
    public static final long MAX_TICKS = 1L << 40;
    /** Neurons the emulator indexes at most. */
    public static final int MAX_NEURONS = 1 << 24;

    /**
     * Bytes per synapse in the emulator's arrays, for the memory estimate: the CSR target; for plastic
     * synapses also its plastic number, rule, by-post index, c/h/z, two anchor steps and the mode flag.
     */
    static final int BYTES_PER_STATIC_SYNAPSE = 4;
    static final int BYTES_PER_PLASTIC_SYNAPSE = 4 + 4 + 4 + 4 + 4 * 3 + 8 * 2 + 1;

    /** Rate synapses: the CSR target, a float64 weight and a delay. */
    static final int BYTES_PER_RATE_SYNAPSE = 4 + 8 + 4;

    /**
     * Whether the network runs on the rate engine (float64 only): it holds rate neurons, or only inputs.
     * A network of lif neurons and inputs is a spiking network driven by continuous input.
     */
    public static boolean isRateNetwork(Experiment e) {
        List<Population> pops = e.network().populations();
        return pops.stream().anyMatch(p -> p.model() instanceof RateParameters)
                || pops.stream().noneMatch(org.engram.support.sources.Sources::spikingEngine);
    }

    /** Bytes per synapse of per-synapse values: a float64 weight and its Q16.16 copy; a delay in steps. */
    static final int BYTES_PER_SYNAPSE_WEIGHT = 8 + 4, BYTES_PER_SYNAPSE_DELAY = 4;

    /**
     * The largest magnitude a projection's per-synapse weights can take: the given values', or the
     * distribution's reach (normal deviates are cut at +-3.9 sd by the table, docs/fixed-point.md).
     */
    static double reach(SynapseValues v) {
        final double g = 3.9;
        return switch (v) {
            case SynapseValues.PerSynapse ps -> {
                double m = 0;
                for (int i = 0; i < ps.size(); i++) m = Math.max(m, Math.abs(ps.at(i)));
                yield m;
            }
            case SynapseValues.Drawn dr -> switch (dr.distribution()) {
                case Distribution.Normal n -> Math.max(Math.abs(Math.max(n.min(), n.mean() - g * n.sd())),
                        Math.abs(Math.min(n.max(), n.mean() + g * n.sd())));
                case Distribution.Uniform u -> Math.max(Math.abs(u.low()), Math.abs(u.high()));
                case Distribution.LogNormal l -> l.median() * StrictMath.exp(g * Math.abs(l.sigma()));
                case Distribution.LogNormalMeanCv l -> l.median() * StrictMath.exp(g * Math.abs(l.sigma()));
                case Distribution.Gamma gm -> {
                    // Marsaglia-Tsang's d (1 + c x)^3 at the table's largest x; the boost for shape < 1 only shrinks it
                    double a = gm.shape() < 1 ? gm.shape() + 1 : gm.shape(), d = a - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
                    yield gm.scale() * d * Math.pow(1 + c * g, 3);
                }
            };
        };
    }

    /**
     * Spiking networks with inputs ("input-projection"): a projection onto an input population, or a
     * plastic one from it, has no meaning (inputs are driven by their series; the input term is static);
     * a trace of R is an input's, V and I_SYN are lif neurons'.
     */
    private static void lifInputs(List<Issue> out, Experiment e) {
        List<Projection> projs = e.network().projections();
        for (int i = 0; i < projs.size(); i++) {
            Projection pr = projs.get(i);
            String path = "network.projections[" + i + "]";
            if (e.network().population(pr.post()).orElseThrow().model() instanceof InputSource) {
                out.add(new Issue(Severity.ERROR, "input-projection", path + ".post", "projection '" + pr.name() + "' ends at input population '"
                        + pr.post() + "'; an input carries its series and receives nothing", "connect inputs to lif populations"));
            }
            if (e.network().population(pr.pre()).orElseThrow().model() instanceof InputSource && pr.plastic()) {
                out.add(new Issue(Severity.ERROR, "input-projection", path + ".synapse", "projection '" + pr.name() + "' from input population '"
                        + pr.pre() + "' is plastic; continuous input enters through static weights", "use a static synapse"));
            }
        }
        List<Recording> recs = e.protocol().recordings();
        for (int i = 0; i < recs.size(); i++) {
            if (recs.get(i) instanceof Recording.Trace t && t.variable() == TraceVariable.R
                    && !(e.network().population(t.population()).orElseThrow().model() instanceof InputSource)) {
                out.add(new Issue(Severity.ERROR, "trace-variable", "protocol.recordings[" + i + "].trace.variable", "R is the value of an "
                        + "input or rate neuron; population '" + t.population() + "' is lif", "record V or I_SYN of lif neurons"));
            }
        }
    }

    private EmulatorFit() {}

    /** "input": generators that do not exist or take other parameters, samples that do not cover the run. */
    private static void inputs(List<Issue> out, Experiment e) {
        List<Population> pops = e.network().populations();
        for (int i = 0; i < pops.size(); i++) {
            if (!(pops.get(i).model() instanceof InputSource in)) continue;
            String path = "network.populations[" + i + "].input";
            switch (in.series()) {
                case InputSource.Generator g -> {
                    try {
                        var gen = org.engram.support.input.InputGenerators.create(g.name(), g.parameters());
                        if (gen.dimensions().size() != pops.get(i).size()) {
                            out.add(new Issue(Severity.ERROR, "input", path + ".generator", "generator " + gen.name() + " gives "
                                    + gen.dimensions().size() + " dimensions " + gen.dimensions() + ", the population has "
                                    + pops.get(i).size() + " neurons", "make the population's size the generator's dimensions"));
                        }
                    } catch (IllegalArgumentException ex) {
                        out.add(new Issue(Severity.ERROR, "input", path + ".generator", ex.getMessage(), "see docs/model.md"));
                    }
                }
                case InputSource.Data d -> {
                    double covers = (double) (d.length() / pops.get(i).size()) * in.sampleInterval();
                    if (covers < e.protocol().duration()) {
                        out.add(new Issue(Severity.ERROR, "input", path + ".data", "the samples cover " + covers + " s, the run lasts "
                                + e.protocol().duration() + " s", "give more samples, a longer sample_interval or a shorter run"));
                    }
                }
            }
        }
    }

    /** The experiment's time base: its dt, else {@link #DEFAULT_DT}; biological time (speed-up 1). */
    public static TimeBase timeBase(Experiment e) {
        double dt = e.protocol().dt() > 0 ? e.protocol().dt() : DEFAULT_DT;
        return new TimeBase(dt, 1.0, MAX_TICKS);
    }

    /** The C kernel's capabilities (lif only, one weight and delay per projection): {@link #capabilities(String, boolean, boolean)}. */
    public static Capabilities capabilities(String engine, boolean fixed) {
        return capabilities(engine, fixed, false);
    }

    /**
     * The emulator's capabilities under an engine name; {@code fixed}: 32-bit fixed point, else float64;
     * {@code open}: the Java engines, which add continuous input onto lif neurons and per-synapse values.
     */
    public static Capabilities capabilities(String engine, boolean fixed, boolean open) {
        Set<String> models = !fixed ? Set.of("lif", "source", "rate", "input") : open ? Set.of("lif", "source", "input") : Set.of("lif", "source");
        return new Capabilities(engine, models, Set.of("static", "two_phase"),
                Set.of("force_firing", "ou_current"),
                MAX_NEURONS, Integer.MAX_VALUE, fixed ? 32 : 0, new TimeBase(DEFAULT_DT, 1.0, MAX_TICKS), true);
    }

    /** The C kernel's fit report: {@link #check(String, Experiment, TimeBase, boolean, boolean)} without the open lif model. */
    public static FitReport check(String uri, Experiment e, TimeBase tb, boolean fixed) {
        return check(uri, e, tb, fixed, false);
    }

    /**
     * The fit report of an experiment on the time base {@code tb}; {@code fixed} adds the fixed-point ranges;
     * {@code open}: the engine runs lif networks with input populations and per-synapse weights and delays
     * (the Java engines); without it they are refused (rules neuron-model, per-synapse-values).
     */
    public static FitReport check(String uri, Experiment e, TimeBase tb, boolean fixed, boolean open) {
        List<Issue> dangling = References.check(e);
        if (!dangling.isEmpty()) return new FitReport(uri, dangling);   // the rules below look names up
        List<Issue> out = new ArrayList<>();
        Protocol p = e.protocol();
        if (!tb.onGrid(p.duration())) {
            out.add(new Issue(Severity.ERROR, "time-grid", "protocol.duration", "duration " + p.duration()
                    + " s is not a multiple of the step " + tb.tick() + " s", "choose a duration on the step grid"));
        }
        if (p.duration() / tb.tick() > tb.maxTicks()) {
            out.add(new Issue(Severity.ERROR, "max-duration", "protocol.duration", "needs " + (long) (p.duration() / tb.tick())
                    + " steps, the emulator counts at most " + tb.maxTicks(), "shorten the protocol or enlarge dt"));
        }
        if (tb.tick() > 1e-3) {
            out.add(new Issue(Severity.WARNING, "time-step", "protocol.dt", "dt = " + tb.tick()
                    + " s is coarse for tau_syn = 5 ms dynamics", "use 0.2 ms"));
        }
        // models: lif networks (with spike sources) on both engines; rate networks (rate neurons and inputs) on float64
        boolean rate = isRateNetwork(e);
        Set<String> models = rate && !fixed ? Set.of("rate", "input") : open ? Set.of("lif", "source", "input") : Set.of("lif", "source");
        out.addAll(ModelRules.neuronModels(e, models,
                rate && fixed ? "run rate networks on sim:float64 (the fixed-point arithmetic of rate neurons is not specified)"
                        : !open ? "run lif networks with continuous input on sim: or sim:float64 (this engine has none)"
                        : "the emulator runs a network of lif neurons, spike sources and inputs, or one of rate neurons and inputs, "
                        + "not both in one network"));
        if (!rate && !open) out.addAll(ModelRules.perSynapseValues(e, "run it on sim: or sim:float64 (per-synapse weights and delays)"));
        if (rate || open) inputs(out, e);
        if (!rate && open) lifInputs(out, e);
        if (rate && !p.fastForward().isEmpty()) {
            out.add(new Issue(Severity.ERROR, "fast-forward", "protocol.fast_forward", "fast-forward is the two-phase rule's "
                    + "consolidation, a rate network has nothing to consolidate", "leave fast_forward out"));
        }
        // neurons and synapses
        long neurons = e.network().neuronCount();
        if (neurons > MAX_NEURONS) {
            out.add(new Issue(Severity.ERROR, "max-neurons", "network", neurons + " neurons, the emulator indexes at most "
                    + MAX_NEURONS, "split the network"));
        }
        long bytes = 0;
        for (int i = 0; i < e.network().projections().size(); i++) {
            Projection pr = e.network().projections().get(i);
            String path = "network.projections[" + i + "]";
            int nPre = e.network().population(pr.pre()).orElseThrow().size();
            int nPost = e.network().population(pr.post()).orElseThrow().size();
            double expected = switch (pr.connector()) {
                case Connector.AllToAll a -> (double) nPre * nPost;
                case Connector.OneToOne o -> Math.min(nPre, nPost);
                case Connector.FixedProbability f -> f.p() * nPre * nPost;
                case Connector.Explicit x -> x.size();
            };
            if (expected > Integer.MAX_VALUE - 8) {
                out.add(new Issue(Severity.ERROR, "max-synapses", path, String.format("about %.3g synapses, at most %d per projection",
                        expected, Integer.MAX_VALUE - 8), "split the projection"));
            }
            bytes += (long) expected * (pr.plastic() ? BYTES_PER_PLASTIC_SYNAPSE : rate ? BYTES_PER_RATE_SYNAPSE : BYTES_PER_STATIC_SYNAPSE);
            grid(out, tb, path + ".delay", pr.delay());
            if (pr.weights() != null) {
                bytes += (long) expected * BYTES_PER_SYNAPSE_WEIGHT;
                double reach = reach(pr.weights());
                if (fixed && reach >= 32768) {
                    out.add(new Issue(Severity.ERROR, "fixed-range", path + ".weights", String.format("per-synapse weights reach %.6g mV, "
                            + "outside Q16.16 (|w| < 32768 mV)", reach), "scale the weights or narrow their distribution"));
                }
            }
            if (pr.delays() != null) bytes += (long) expected * BYTES_PER_SYNAPSE_DELAY;
            switch (pr.synapse()) {
                case SynapseType.Static s -> {
                    if (fixed && Math.abs(s.weight()) >= 32768) {
                        out.add(new Issue(Severity.ERROR, "fixed-range", path + ".synapse.static.weight", "weight " + s.weight()
                                + " mV outside Q16.16 (|w| < 32768 mV)", "scale the weight"));
                    }
                }
                case TwoPhaseRule r -> {
                    grid(out, tb, path + ".synapse.two_phase.calcium_delay", r.calciumDelay());
                    if (fixed) twoPhaseRanges(out, path + ".synapse.two_phase", r);
                }
            }
        }
        long heap = Runtime.getRuntime().maxMemory();
        long need = bytes + neurons * 64L;
        if (need > heap * 0.8) {
            out.add(new Issue(Severity.ERROR, "memory", "network", String.format("needs about %.0f MiB of synapse and neuron state, the JVM has %.0f MiB of heap",
                    need / 1048576.0, heap / 1048576.0), "raise -Xmx (ENGRAM_HEAP for the engram launcher)"));
        }
        // source trains
        for (org.engram.support.sources.Sources.Train st : org.engram.support.sources.Sources.trains(e)) {
            int k = e.network().populations().get(st.populationIndex()).model() instanceof org.engram.hal.model.SpikeSource src
                    ? src.trains().indexOf(st.train()) : -1;
            String path = "network.populations[" + st.populationIndex() + "].source.trains[" + k + "]";
            switch (st.train()) {
                case SpikeTrain.Poisson ps -> {
                    if (ps.rate() * tb.tick() > 1) {
                        out.add(new Issue(Severity.ERROR, "poisson-rate", path + ".poisson.rate", "rate " + ps.rate()
                                + " Hz exceeds one spike per step (" + 1 / tb.tick() + " Hz)",
                                "lower the rate, or split it over more source neurons"));
                    }
                    grid(out, tb, path + ".poisson.start", ps.start());
                    grid(out, tb, path + ".poisson.stop", ps.stop());
                    if (ps.repeats() > 1) grid(out, tb, path + ".poisson.period", ps.period());
                }
                case SpikeTrain.Regular r -> {
                    grid(out, tb, path + ".regular.start", r.start());
                    grid(out, tb, path + ".regular.rate (period)", 1 / r.rate());
                }
                case SpikeTrain.SpikeTimes t -> {
                    for (int j = 0; j < t.times().size(); j++) grid(out, tb, path + ".spike_times.times[" + j + "]", t.times().get(j));
                }
                case SpikeTrain.Bursts b -> {
                    grid(out, tb, path + ".bursts.start", b.start());
                    grid(out, tb, path + ".bursts.period", b.period());
                    grid(out, tb, path + ".bursts.frequency (interval)", 1 / b.frequency());
                }
            }
        }
        for (int i = 0; i < e.network().populations().size(); i++) {
            if (e.network().populations().get(i).model() instanceof org.engram.hal.model.SpikeSource src) {
                grid(out, tb, "network.populations[" + i + "].source.dead_time", src.deadTime());
            }
        }
        // stimuli
        for (int i = 0; i < p.stimuli().size(); i++) {
            Stimulus s = p.stimuli().get(i);
            String path = "protocol.stimuli[" + i + "]";
            switch (s) {
                case Stimulus.ForceFiring f -> {
                    grid(out, tb, path + ".force_firing.start", f.start());
                    grid(out, tb, path + ".force_firing.stop", f.stop());
                }
                case Stimulus.OuCurrent o -> {
                    grid(out, tb, path + ".ou_current.start", o.start());
                    grid(out, tb, path + ".ou_current.stop", o.stop());
                }
            }
        }
        for (int i = 0; i < p.fastForward().size(); i++) {
            FastForward f = p.fastForward().get(i);
            String path = "protocol.fast_forward[" + i + "]";
            grid(out, tb, path + ".start", f.start());
            grid(out, tb, path + ".stop", f.stop());
            // plasticity must stay on: check the window's start and every switch inside it
            java.util.stream.DoubleStream bounds = java.util.stream.DoubleStream.concat(java.util.stream.DoubleStream.of(f.start()),
                    p.plasticity().stream().flatMapToDouble(w -> java.util.stream.DoubleStream.of(w.start(), w.stop())));
            double off = bounds.filter(t -> t >= f.start() && t < f.stop() && !p.plasticityEnabledAt(t)).min().orElse(Double.NaN);
            if (!Double.isNaN(off)) {
                out.add(new Issue(Severity.ERROR, "fast-forward-plasticity", path, "plasticity is off at t = " + off
                        + " s, inside the fast-forward [" + f.start() + " s, " + f.stop() + " s)",
                        "keep plasticity on throughout fast-forward windows"));
            }
        }
        for (int i = 0; i < p.recordings().size(); i++) {
            if (p.recordings().get(i) instanceof Recording.Trace t) {
                grid(out, tb, "protocol.recordings[" + i + "].trace.interval", t.interval());
                grid(out, tb, "protocol.recordings[" + i + "].trace.start", t.start());
            }
        }
        return new FitReport(uri, out);
    }

    private static void twoPhaseRanges(List<Issue> out, String path, TwoPhaseRule r) {
        String[] names = {"h0", "h_ltp_target", "h_init"};
        double[] values = {r.h0(), r.hLtpTarget(), r.hInit()};
        for (int i = 0; i < names.length; i++) {
            if (Math.abs(values[i]) >= 64) {
                out.add(new Issue(Severity.ERROR, "fixed-range", path + "." + names[i], names[i] + " = " + values[i]
                        + " mV; h is Q8.24 (|h| < 128 mV) and needs headroom: at most 64 mV", "use sim:float64 or rescale"));
            }
        }
        if (r.cPre() >= 1024 || r.cPost() >= 1024 || r.thetaP() >= 1024) {
            out.add(new Issue(Severity.ERROR, "fixed-range", path, "calcium amplitudes and thresholds must stay below 1024 (Q16.16 with headroom)",
                    "rescale calcium"));
        }
        if (Math.abs(r.zMin()) >= 2 || Math.abs(r.zMax()) >= 2 || r.alpha() >= 2) {
            out.add(new Issue(Severity.ERROR, "fixed-range", path, "z bounds and alpha must lie in (-2, 2) (Q2.30)", "rescale z"));
        }
    }

    private static void grid(List<Issue> out, TimeBase tb, String path, double seconds) {
        if (!Double.isFinite(seconds) || tb.onGrid(seconds)) return;
        double q = Math.rint(seconds / tb.tick()) * tb.tick();
        out.add(new Issue(Severity.WARNING, "time-grid", path, String.format("%.9g s is not on the %.3g s step grid: runs at %.9g s (off by %.3g s)",
                seconds, tb.tick(), q, q - seconds), "use a multiple of the step"));
    }
}
