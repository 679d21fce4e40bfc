package org.engram.nativelib.sim;

import org.engram.hal.device.Devices;
import org.engram.hal.device.RunResult;
import org.engram.hal.model.*;
import org.engram.nativelib.Binding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property: for random small networks and protocols (sizes, connectors and probabilities, delays, static
 * and plastic projections with and without an LTP gate, every stimulus kind and delivery, plasticity
 * windows, seeds), sim:native reproduces the full state trajectory of sim: (every variable of every
 * neuron and synapse at every step) bit for bit. Cases from {@link #CASES} on add fast-forward windows:
 * short ones inside the run (sampled at every step inside the window) and a long one (minutes to hours,
 * sampled coarsely) after the stimulation, followed by a stretch of stepping.
 */
class RandomNetworksPropertyTest {
    static final int CASES = 60;
    static final int FAST_FORWARD_CASES = 30;

    static Stream<Arguments> cases() {
        return IntStream.range(0, CASES + FAST_FORWARD_CASES).mapToObj(i -> Arguments.of(i, Binding.values()[i % 2]));
    }

    @ParameterizedTest(name = "network {0} via {1}")
    @MethodSource("cases")
    void fullTrajectoriesMatchTheJavaEngine(int index, Binding binding) {
        Experiment e = random(new Random(0xE16A_0000L + index), index);
        RunResult expected = Devices.open("sim:").run(e);
        RunResult actual = new NativeSimDevice("sim:native", binding).run(e);
        Experiments.assertSameBits(expected, actual, "random network " + index + " (" + e.protocol().duration() + " s)");
        long samples = expected.traces().stream().mapToLong(t -> (long) t.values().length * t.times().length).sum();
        assertTrue(samples > 100, "the case records trajectories: " + samples);
    }

    /** The experiment of one case: everything drawn from rnd. */
    static Experiment random(Random rnd, int index) {
        int pops = 1 + rnd.nextInt(3);
        List<Population> populations = new ArrayList<>();
        for (int p = 0; p < pops; p++) {
            populations.add(new Population("p" + p, 1 + rnd.nextInt(24), rnd.nextBoolean() ? NeuronKind.EXCITATORY : NeuronKind.INHIBITORY));
        }
        double dt = 0.2e-3;
        double duration = (1000 + rnd.nextInt(2500)) * dt;   // 0.2 s to 0.7 s: several late-phase ticks
        TwoPhaseRule base = rnd.nextBoolean() ? TwoPhaseRule.DEFAULT : TwoPhaseRule.SINGLE_SYNAPSE;
        List<Projection> projections = new ArrayList<>();
        int nProj = 1 + rnd.nextInt(4);
        for (int j = 0; j < nProj; j++) {
            Population pre = populations.get(rnd.nextInt(pops)), post = populations.get(rnd.nextInt(pops));
            Connector c = switch (rnd.nextInt(4)) {
                case 0 -> new Connector.AllToAll(rnd.nextBoolean());
                case 1 -> new Connector.OneToOne();
                default -> new Connector.FixedProbability(0.05 + 0.6 * rnd.nextDouble(), rnd.nextBoolean() ? 0 : rnd.nextLong(), rnd.nextBoolean());
            };
            SynapseType syn;
            if (rnd.nextInt(3) > 0) {
                TwoPhaseRule r = base;
                if (rnd.nextInt(3) == 0) r = r.withLtpGate(5 + 20 * rnd.nextDouble(), 0.02 + 0.1 * rnd.nextDouble());
                syn = r;
            } else {
                syn = new SynapseType.Static((rnd.nextBoolean() ? 1 : -1) * (0.5 + 20 * rnd.nextDouble()));
            }
            double delay = (1 + rnd.nextInt(30)) * dt;
            projections.add(new Projection("j" + j, pre.name(), post.name(), c, syn, delay));
        }
        List<Stimulus> stimuli = new ArrayList<>();
        List<SpikeTrain> trains = new ArrayList<>();
        List<Population> sources = new ArrayList<>();
        int nStim = 1 + rnd.nextInt(4);
        boolean[] hasOu = new boolean[pops];
        for (int s = 0; s < nStim; s++) {
            int p = rnd.nextInt(pops);
            Population target = populations.get(p);
            NeuronSelection sel = rnd.nextBoolean() ? NeuronSelection.ALL
                    : NeuronSelection.range(0, 1 + rnd.nextInt(target.size()));
            double start = rnd.nextDouble() * duration * 0.5, stop = start + rnd.nextDouble() * duration * 0.5 + dt;
            // spike trains come from a source population of the target's size (dead time 0 or 2 ms), through a
            // one-to-one static projection of a random weight
            double weight = 2 + 30 * rnd.nextDouble();
            double deadTime = rnd.nextBoolean() ? 2e-3 : 0;
            String name = "s" + s;
            SpikeTrain train = null;
            switch (rnd.nextInt(6)) {
                case 0 -> train = new SpikeTrain.Poisson(name, sel, 5 + 300 * rnd.nextDouble(), start, stop, 1, 0);
                case 1 -> train = new SpikeTrain.Regular(name, sel, 20 + 200 * rnd.nextDouble(), start, stop);
                case 2 -> train = new SpikeTrain.SpikeTimes(name, sel, List.of(start, start + 7 * dt, stop));
                case 3 -> train = new SpikeTrain.Bursts(name, sel, start, 1 + rnd.nextInt(3), 0.03, 1 + rnd.nextInt(4),
                        100 + 100 * rnd.nextDouble(), 1 + rnd.nextInt(2), 0.15);
                case 4 -> stimuli.add(new Stimulus.ForceFiring(name, target.name(), sel, start, Math.min(stop, start + 0.05)));
                default -> {
                    if (hasOu[p]) continue;
                    hasOu[p] = true;
                    stimuli.add(new Stimulus.OuCurrent(name, target.name(), NeuronSelection.ALL, 0.05 + 0.2 * rnd.nextDouble(),
                            0.1 + 0.5 * rnd.nextDouble(), 5e-3, rnd.nextBoolean() ? 0 : start, duration));
                }
            }
            if (train != null) {
                trains.add(train);
                sources.add(new Population("src" + s, target.size(), NeuronKind.EXCITATORY,
                        new SpikeSource(List.of(train), deadTime), List.of()));
                projections.add(new Projection("src" + s, "src" + s, target.name(), new Connector.OneToOne(),
                        new SynapseType.Static(weight), (1 + rnd.nextInt(5)) * dt));
            }
        }
        populations.addAll(sources);
        List<PlasticityWindow> plasticity = new ArrayList<>();
        if (rnd.nextInt(3) == 0) {
            double a = rnd.nextDouble() * duration * 0.6;
            plasticity.add(new PlasticityWindow(a, a + rnd.nextDouble() * duration * 0.4 + dt, false));
        }
        List<Recording> recordings = new ArrayList<>();
        for (Population p : populations) {
            recordings.add(new Recording.Spikes("spikes-" + p.name(), p.name(), NeuronSelection.ALL));
            for (TraceVariable v : List.of(TraceVariable.V, TraceVariable.I_SYN, TraceVariable.P)) {
                recordings.add(new Recording.Trace(v + "-" + p.name(), v, p.name(), NeuronSelection.ALL, "", List.of(), dt, 0, duration));
            }
        }
        for (Projection pr : projections) {
            for (TraceVariable v : List.of(TraceVariable.C, TraceVariable.H, TraceVariable.Z, TraceVariable.W)) {
                recordings.add(new Recording.Trace(v + "-" + pr.name(), v, "", NeuronSelection.ALL, pr.name(), List.of(), dt, 0, duration));
            }
            if (pr.connector() instanceof Connector.AllToAll a && (a.allowSelf() || !pr.pre().equals(pr.post())) && rnd.nextBoolean()) {
                recordings.add(new Recording.Trace("mean-w-" + pr.name(), TraceVariable.W, "", NeuronSelection.ALL, pr.name(), List.of(),
                        5 * dt, 0, duration, Reduction.MEAN, NeuronSelection.ALL, NeuronSelection.ALL));
            }
        }
        for (Population p : populations) {
            recordings.add(new Recording.Trace("mean-v-" + p.name(), TraceVariable.V, p.name(), NeuronSelection.ALL, "", List.of(),
                    3 * dt, 0, duration, Reduction.MEAN, NeuronSelection.ALL, NeuronSelection.ALL));
        }
        Network net = new Network(populations, projections);
        long seed = 1 + rnd.nextInt(1000);
        if (index < CASES) return new Experiment("random-" + index, "", seed, net, new Protocol(duration, dt, stimuli, plasticity, recordings));
        List<FastForward> ff = new ArrayList<>();
        double end = fastForward(new Random(0xFF00_0000L + index), dt, duration, stimuli, trains, plasticity, projections, populations, recordings, ff);
        return new Experiment("random-ff-" + index, "", seed, net, new Protocol(end, dt, stimuli, plasticity, recordings, ff, List.of()));
    }

    /**
     * Adds fast-forward windows (and coarse traces across them) where the fit check allows them: not
     * while a stimulus other than Poisson or OU background is active, nor while plasticity is off. Short
     * windows inside the run, then one long window after it and a stretch of stepping; returns the new
     * duration.
     */
    static double fastForward(Random rnd, double dt, double duration, List<Stimulus> stimuli, List<SpikeTrain> trains,
                              List<PlasticityWindow> plasticity,
                              List<Projection> projections, List<Population> populations, List<Recording> recordings,
                              List<FastForward> ff) {
        List<double[]> busy = new ArrayList<>();
        for (Stimulus st : stimuli) {
            if (st instanceof Stimulus.ForceFiring f) busy.add(new double[]{f.start(), f.stop()});
        }
        for (SpikeTrain t : trains) {
            switch (t) {
                case SpikeTrain.Regular r -> busy.add(new double[]{r.start(), r.stop()});
                case SpikeTrain.SpikeTimes st -> busy.add(new double[]{
                        st.times().stream().min(Double::compare).orElse(0.0), st.times().stream().max(Double::compare).orElse(0.0) + dt});
                case SpikeTrain.Bursts b -> busy.add(new double[]{b.start(), Double.MAX_VALUE});
                case SpikeTrain.Poisson p -> { }
            }
        }
        for (PlasticityWindow w : plasticity) busy.add(new double[]{w.start(), w.stop() + dt});
        int windows = rnd.nextInt(3);
        double last = 0;
        for (int i = 0; i < 20 && ff.size() < windows; i++) {
            double a = (1 + rnd.nextInt((int) Math.round(duration / dt) - 1)) * dt;
            double b = a + (1 + rnd.nextInt(rnd.nextBoolean() ? 5 : 800)) * dt;
            if (a < last || b > duration || busy.stream().anyMatch(x -> a < x[1] && b > x[0])) continue;
            ff.add(new FastForward(a, b));
            last = b;
        }
        double stimEnd = Math.max(duration, busy.stream().mapToDouble(x -> x[1] == Double.MAX_VALUE ? duration + 1.5 : x[1]).max().orElse(0));
        double a = Math.ceil(stimEnd / dt + 2) * dt;
        double b = a + Math.round((60 + rnd.nextDouble() * 7200) / dt) * dt;
        ff.add(new FastForward(a, b));
        double end = b + (100 + rnd.nextInt(1000)) * dt;
        double interval = Math.max(1, Math.round(end / (5 + rnd.nextInt(300)) / dt)) * dt;   // 5 to 300 samples
        for (Projection pr : projections) {
            for (TraceVariable v : List.of(TraceVariable.H, TraceVariable.Z, TraceVariable.W)) {
                recordings.add(new Recording.Trace("ff-" + v + "-" + pr.name(), v, "", NeuronSelection.ALL, pr.name(), List.of(),
                        interval, 0, end));
            }
        }
        for (Population p : populations) {
            recordings.add(new Recording.Trace("ff-P-" + p.name(), TraceVariable.P, p.name(), NeuronSelection.ALL, "", List.of(),
                    interval, 0, end));
        }
        return end;
    }
}
