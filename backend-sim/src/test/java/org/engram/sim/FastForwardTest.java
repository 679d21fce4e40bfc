package org.engram.sim;

import org.engram.hal.device.Devices;
import org.engram.hal.device.FitReport;
import org.engram.hal.device.RunResult;
import org.engram.hal.model.*;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The closed-form consolidation phase (docs/fixed-point.md, "Fast-forward"). */
class FastForwardTest {
    /** STET on one synapse, fast-forwarded from 10 s after the last tetanus to the end. */
    static Experiment stet(boolean fastForward, double interval) {
        Experiment e = Examples.load("single-synapse-stet.yaml");
        Protocol p = e.protocol();
        List<Recording> recs = new ArrayList<>();
        for (Recording r : p.recordings()) {
            recs.add(r instanceof Recording.Trace t ? new Recording.Trace(t.name(), t.variable(), t.population(), t.select(),
                    t.projection(), t.synapses(), interval, t.start(), t.stop()) : r);
        }
        List<FastForward> ff = fastForward ? List.of(new FastForward(4811, p.duration())) : List.of();
        return e.withProtocol(new Protocol(p.duration(), p.dt(), p.stimuli(), p.plasticity(), recs, ff, p.analyses()));
    }

    static double valueAt(RunResult r, String trace, double t) {
        var d = r.trace(trace).orElseThrow();
        for (int i = 0; i < d.sampleCount(); i++) if (Math.abs(d.time(i) - t) < 1e-6) return d.value(0, i);
        throw new AssertionError("no sample of " + trace + " at " + t);
    }

    @Test
    void matchesTheStepByStepLatePhase() {
        for (String device : List.of("sim:", "sim:float64")) {
            RunResult full = Devices.open(device).run(stet(false, 60));
            RunResult fast = Devices.open(device).run(stet(true, 60));
            for (double t : new double[]{7200, 14400, 28800}) {
                // the stepped engine updates z and p on a 0.1 s clock with a first-order step; fast-forward is exact
                assertEquals(valueAt(full, "z", t), valueAt(fast, "z", t), 2e-3, device + " z at " + t);
                assertEquals(valueAt(full, "p", t), valueAt(fast, "p", t), 2e-3, device + " p at " + t);
                assertEquals(valueAt(full, "h", t), valueAt(fast, "h", t), 0.02, device + " h at " + t);
            }
            assertTrue(valueAt(fast, "z", 28800) > 0.6, "late-phase LTP: " + valueAt(fast, "z", 28800));
            assertTrue(fast.spikes().get("spikes-post").count() <= full.spikes().get("spikes-post").count());
        }
    }

    @Test
    void samplingDoesNotChangeTheTrajectory() {
        RunResult coarse = Devices.open("sim:float64").run(stet(true, 600));
        RunResult fine = Devices.open("sim:float64").run(stet(true, 10));
        for (double t : new double[]{6000, 12000, 28800}) {
            assertEquals(valueAt(fine, "z", t), valueAt(coarse, "z", t), 1e-9, "z at " + t);
            assertEquals(valueAt(fine, "p", t), valueAt(coarse, "p", t), 1e-9, "p at " + t);
        }
        RunResult coarseFixed = Devices.open("sim:").run(stet(true, 600));
        RunResult fineFixed = Devices.open("sim:").run(stet(true, 10));
        assertEquals(valueAt(fineFixed, "z", 28800), valueAt(coarseFixed, "z", 28800), 1e-6, "fixed point: rounding per segment only");
    }

    @Test
    void proteinSynthesisEndsAtTheAnalyticTime() {
        RunResult r = Devices.open("sim:float64").run(stet(true, 10));
        Experiment e = stet(true, 10);
        TwoPhaseRule rule = (TwoPhaseRule) e.network().projections().getFirst().synapse();
        double t0 = 4811, d0 = Math.abs(valueAt(r, "h", 4810) - rule.h0());  // h relaxes by 1e-4 in that second
        double end = t0 + rule.tauH() / rule.relaxation() * Math.log(d0 / rule.thetaPro());
        // p rises while synthesis runs, then decays: its maximum sits at the synthesis end
        var p = r.trace("p").orElseThrow();
        double best = 0, when = 0;
        for (int i = 0; i < p.sampleCount(); i++) if (p.value(0, i) > best) { best = p.value(0, i); when = p.time(i); }
        assertEquals(end, when, 10.0, "synthesis end " + end + " s, p peaks at " + when + " s");
    }

    @Test
    void fitCheckRefusesPlasticitySwitchedOffInside() {
        Experiment e = stet(true, 60);
        Protocol p = e.protocol();
        Experiment off = e.withProtocol(new Protocol(p.duration(), p.dt(), p.stimuli(),
                List.of(new PlasticityWindow(10000, 11000, false)), p.recordings(), p.fastForward(), p.analyses()));
        FitReport report = Devices.open("sim:").check(off);
        assertTrue(report.issues().stream().anyMatch(i -> i.rule().equals("fast-forward-plasticity")
                && i.element().equals("protocol.fast_forward[0]")), report.toString());
        assertTrue(Devices.open("sim:").check(e).fits(), "without the switch it fits");
    }
}
