package org.engram.support.compiled;

import org.engram.hal.device.TimeBase;
import org.engram.hal.model.NeuronSelection;
import org.engram.hal.model.Population;
import org.engram.hal.model.SpikeDelivery;
import org.engram.hal.model.Stimulus;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * A stimulus in steps. Continuous kinds (Poisson, force firing, OU) are active in windows
 * [start, stop); spike trains (regular, spike times, bursts) are a sorted list of event steps.
 */
public final class CompiledStimulus {
    public enum Kind { POISSON, SPIKES, FORCE_FIRING, OU }

    public final int index;
    public final String name;
    public final Kind kind;
    public final int[] neurons;           // global indices
    public final long[] windowStart, windowStop;
    public final long[] events;
    public final SpikeDelivery delivery;
    public final long poissonThreshold;   // rate*dt*2^32, compared with an unsigned 32-bit draw
    public final int sources;
    public final double ouMean, ouSd, ouTau;  // nA, nA, s

    private CompiledStimulus(int index, String name, Kind kind, int[] neurons, long[] ws, long[] we, long[] events,
                             SpikeDelivery delivery, long poissonThreshold, int sources, double mean, double sd, double tau) {
        this.index = index;
        this.name = name;
        this.kind = kind;
        this.neurons = neurons;
        this.windowStart = ws;
        this.windowStop = we;
        this.events = events;
        this.delivery = delivery;
        this.poissonThreshold = poissonThreshold;
        this.sources = sources;
        this.ouMean = mean;
        this.ouSd = sd;
        this.ouTau = tau;
    }

    static CompiledStimulus of(Stimulus s, int index, CompiledNetwork net, TimeBase tb) {
        Population pop = net.popByName.get(s.target());
        int off = net.popOffset.get(s.target());
        int[] neurons = Arrays.stream(s.select().resolve(pop.size())).map(i -> off + i).toArray();
        long[] none = new long[0];
        return switch (s) {
            case Stimulus.Poisson p -> {
                long[] ws = new long[p.repeats()], we = new long[p.repeats()];
                for (int r = 0; r < p.repeats(); r++) {
                    ws[r] = tb.nearestTick(p.start() + r * p.period());
                    we[r] = tb.nearestTick(p.stop() + r * p.period());
                }
                double prob = p.rate() * tb.tick();
                if (prob > 1) throw new IllegalArgumentException("stimulus " + s.name() + ": rate " + p.rate()
                        + " Hz exceeds one spike per step");
                long thr = (long) StrictMath.floor(prob * 4294967296.0);
                yield new CompiledStimulus(index, s.name(), Kind.POISSON, neurons, ws, we, none, p.delivery(), thr,
                        p.sources(), 0, 0, 0);
            }
            case Stimulus.ForceFiring f -> new CompiledStimulus(index, s.name(), Kind.FORCE_FIRING, neurons,
                    new long[]{tb.nearestTick(f.start())}, new long[]{tb.nearestTick(f.stop())}, none, SpikeDelivery.FORCE,
                    0, 1, 0, 0, 0);
            case Stimulus.OuCurrent o -> new CompiledStimulus(index, s.name(), Kind.OU, neurons,
                    new long[]{tb.nearestTick(o.start())}, new long[]{tb.nearestTick(o.stop())}, none, SpikeDelivery.FORCE,
                    0, 1, o.mean(), o.sd(), o.tau());
            case Stimulus.Regular r -> {
                TreeSet<Long> ev = new TreeSet<>();
                for (long k = 0; ; k++) {
                    double t = r.start() + k / r.rate();
                    if (t >= r.stop()) break;
                    ev.add(tb.nearestTick(t));
                }
                yield spikes(index, s, neurons, ev, r.delivery());
            }
            case Stimulus.SpikeTimes st -> {
                TreeSet<Long> ev = new TreeSet<>();
                for (double t : st.times()) ev.add(tb.nearestTick(t));
                yield spikes(index, s, neurons, ev, st.delivery());
            }
            case Stimulus.Bursts b -> {
                TreeSet<Long> ev = new TreeSet<>();
                for (int rep = 0; rep < b.repeats(); rep++)
                    for (int k = 0; k < b.count(); k++)
                        for (int j = 0; j < b.spikes(); j++)
                            ev.add(tb.nearestTick(b.start() + rep * b.repeatPeriod() + k * b.period() + j / b.frequency()));
                yield spikes(index, s, neurons, ev, b.delivery());
            }
        };
    }

    private static CompiledStimulus spikes(int index, Stimulus s, int[] neurons, TreeSet<Long> ev, SpikeDelivery d) {
        long[] events = ev.stream().mapToLong(Long::longValue).toArray();
        return new CompiledStimulus(index, s.name(), Kind.SPIKES, neurons, new long[0], new long[0], events, d, 0, 1, 0, 0, 0);
    }

    /** Whether a window of this stimulus covers step s. */
    public boolean activeAt(long s) {
        for (int i = 0; i < windowStart.length; i++) if (s >= windowStart[i] && s < windowStop[i]) return true;
        return false;
    }

    /** Whether a spike event falls on step s. */
    public boolean eventAt(long s) {
        return events.length > 0 && Arrays.binarySearch(events, s) >= 0;
    }

    /** The first step >= s at which a window opens or closes, or Long.MAX_VALUE. */
    public long nextEdge(long s) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < windowStart.length; i++) {
            if (windowStart[i] >= s) best = Math.min(best, windowStart[i]);
            if (windowStop[i] >= s) best = Math.min(best, windowStop[i]);
        }
        return best;
    }

    /** The first step >= s at which this stimulus does anything, or Long.MAX_VALUE. */
    public long nextActivity(long s) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < windowStart.length; i++) {
            if (s < windowStop[i] && windowStart[i] < windowStop[i]) best = Math.min(best, Math.max(s, windowStart[i]));
        }
        int k = Arrays.binarySearch(events, s);
        if (k < 0) k = -k - 1;
        if (k < events.length) best = Math.min(best, events[k]);
        return best;
    }
}
