package org.engram.sim;

import org.engram.hal.device.Devices;
import org.engram.hal.device.RunResult;
import org.engram.hal.model.*;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random networks and protocols give the same bits on 1, 2 and 3 threads: delays from one step up
 * (short ones disable batches), calcium delays, background noise that switches off, forced and
 * INPUT-delivered stimuli, plasticity switched off and on, and recordings on odd intervals.
 */
class ThreadInvarianceTest {
    private static final TwoPhaseRule RULE = TwoPhaseRule.DEFAULT;

    static Experiment random(long seed) {
        Random r = new Random(seed);
        int exc = 280 + r.nextInt(260), inh = 64 + r.nextInt(100);
        double h0 = RULE.h0();
        double[] delays = {0.2e-3, 0.6e-3, 1e-3, 3e-3, 5e-3};
        var c = new Connector.FixedProbability(0.05 + 0.1 * r.nextDouble(), 0, false);
        double caDelay = (1 + r.nextInt(100)) * 0.2e-3;
        TwoPhaseRule rule = new TwoPhaseRule(h0, RULE.tauC(), caDelay, RULE.cPre(), RULE.cPost(), RULE.thetaP(), RULE.thetaD(),
                RULE.gammaP(), RULE.gammaD(), RULE.tauH(), RULE.sigmaPl(), RULE.thetaTag(), RULE.thetaPro(), RULE.tauP(),
                RULE.tauZ(), RULE.alpha(), RULE.hLtpTarget(), RULE.relaxation(), RULE.zMin(), RULE.zMax(), RULE.hInit(),
                RULE.zInit(), 0, 0.5);
        var net = new Network(List.of(new Population("exc", exc, NeuronKind.EXCITATORY), new Population("inh", inh, NeuronKind.INHIBITORY)),
                List.of(new Projection("ee", "exc", "exc", c, rule, delays[r.nextInt(delays.length)]),
                        new Projection("ei", "exc", "inh", c, new SynapseType.Static(2 * h0), delays[r.nextInt(delays.length)]),
                        new Projection("ie", "inh", "exc", c, new SynapseType.Static(-4 * h0), delays[r.nextInt(delays.length)]),
                        new Projection("ii", "inh", "inh", c, new SynapseType.Static(-4 * h0), delays[r.nextInt(delays.length)])));
        double duration = 0.4;
        double ouStop = r.nextBoolean() ? duration : 0.1 * (2 + r.nextInt(2));
        var stimuli = new ArrayList<Stimulus>(List.of(
                new Stimulus.OuCurrent("bg-e", "exc", NeuronSelection.ALL, 0.15 + 0.1 * r.nextDouble(), 0.5, 5e-3, 0, ouStop),
                new Stimulus.OuCurrent("bg-i", "inh", NeuronSelection.ALL, 0.15, 0.5, 5e-3, 0, duration),
                new Stimulus.ForceFiring("learn", "exc", NeuronSelection.range(0, 60), 0.05 + 0.01 * r.nextInt(10), 0.17)));
        // the kick: 40 Poisson sources (dead time 0, as the synaptic input they replace) onto a range of exc
        // neurons, 5 mV each; 1 ms delay, so that protocols with long delays still run batches
        int kickFirst = r.nextInt(100);
        int[] kickPre = new int[40], kickPost = new int[40];
        for (int j = 0; j < 40; j++) {
            kickPre[j] = j;
            kickPost[j] = kickFirst + j;
        }
        var pops = new ArrayList<>(net.populations());
        pops.add(new Population("kick", 40, NeuronKind.EXCITATORY, new SpikeSource(List.of(
                new SpikeTrain.Poisson("kick", NeuronSelection.ALL, 200, 0.25, 0.3, 1, 0)), 0), List.of()));
        var projections = new ArrayList<>(net.projections());
        projections.add(new Projection("kick", "kick", "exc", new Connector.Explicit(kickPre, kickPost), new SynapseType.Static(5), 1e-3));
        net = new Network(pops, projections);
        var plasticity = List.of(new PlasticityWindow(0.2 + 0.01 * r.nextInt(5), 0.27, false));
        var recordings = List.<Recording>of(
                new Recording.Spikes("spikes", "exc", NeuronSelection.ALL),
                new Recording.Spikes("spikes-inh", "inh", NeuronSelection.ALL),
                new Recording.Trace("h", TraceVariable.H, "", NeuronSelection.ALL, "ee", List.of(), 0.2e-3 * (31 + r.nextInt(70)),
                        0, duration, Reduction.MEAN, NeuronSelection.range(0, 60), NeuronSelection.ALL),
                new Recording.Trace("v", TraceVariable.V, "exc", NeuronSelection.range(0, 8), "", List.of(), 0.2e-3 * (7 + r.nextInt(30)), 0, duration));
        return new Experiment("random-" + seed, "", seed, net, new Protocol(duration, 0, stimuli, plasticity, recordings));
    }

    @Test
    void randomNetworksGiveTheSameBitsOnOneTwoAndThreeThreads() {
        int batched = 0;
        for (long seed = 1; seed <= 8; seed++) {
            Experiment e = random(seed);
            RunResult one = Devices.open("sim:?threads=1").run(e);
            RunResult two = Devices.open("sim:?threads=2").run(e);
            RunResult three = Devices.open("sim:?threads=3").run(e);
            assertTrue(one.spikes().get("spikes").count() > 100, e.name() + " is active");
            assertEquals(one.sha256(), two.sha256(), e.name() + " on 2 threads");
            assertEquals(one.sha256(), three.sha256(), e.name() + " on 3 threads");
            if (two.counters().get("steps_batched") > 0) batched++;
        }
        // a batch needs every delay >= 2 steps: about 40 % of these protocols
        assertTrue(batched >= 2, "some random protocols ran batches on 2 threads: " + batched);
    }
}
