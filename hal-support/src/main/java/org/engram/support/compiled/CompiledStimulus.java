package org.engram.support.compiled;

import org.engram.hal.device.TimeBase;
import org.engram.hal.model.Population;
import org.engram.hal.model.SpikeSource;
import org.engram.hal.model.SpikeTrain;
import org.engram.hal.model.Stimulus;
import org.engram.support.sources.Sources;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * A stimulus in steps: what the engines run. Source trains lower to forced spikes of their neurons
 * (Poisson: active in windows [start, stop), one Bernoulli draw per step and neuron; regular, spike times
 * and bursts: a sorted list of event steps): whatever the neuron's state when the source has no dead time,
 * else unless refractory (gated; refractory period = dead time). The protocol's force firing and OU
 * current are windows.
 */
public final class CompiledStimulus {
    public enum Kind { POISSON, SPIKES, FORCE_FIRING, OU }

    public final int index;
    public final String name;
    public final Kind kind;
    public final int[] neurons;           // global indices
    public final long[] windowStart, windowStop;
    public final long[] events;
    public final long poissonThreshold;   // rate*dt*2^32, compared with an unsigned 32-bit draw
    /** A train of a source with a dead time: its spikes fire the neuron unless refractory (else whatever the state). */
    public final boolean gated;
    public final double ouMean, ouSd, ouTau;  // nA, nA, s

    private CompiledStimulus(int index, String name, Kind kind, int[] neurons, long[] ws, long[] we, long[] events,
                             long poissonThreshold, boolean gated, double mean, double sd, double tau) {
        this.index = index;
        this.name = name;
        this.kind = kind;
        this.neurons = neurons;
        this.windowStart = ws;
        this.windowStop = we;
        this.events = events;
        this.poissonThreshold = poissonThreshold;
        this.gated = gated;
        this.ouMean = mean;
        this.ouSd = sd;
        this.ouTau = tau;
    }

    /** A source train: forced spikes of the source's neurons (its dead time is their refractory period). */
    static CompiledStimulus of(Sources.Train train, CompiledNetwork net, TimeBase tb) {
        Population pop = net.popByName.get(train.population());
        int off = net.popOffset.get(train.population());
        SpikeTrain t = train.train();
        int[] neurons = Arrays.stream(t.select().resolve(pop.size())).map(i -> off + i).toArray();
        int index = train.index();
        boolean gated = ((SpikeSource) pop.model()).deadTime() > 0;
        return switch (t) {
            case SpikeTrain.Poisson p -> {
                long[] ws = new long[p.repeats()], we = new long[p.repeats()];
                for (int r = 0; r < p.repeats(); r++) {
                    ws[r] = tb.nearestTick(p.start() + r * p.period());
                    we[r] = tb.nearestTick(p.stop() + r * p.period());
                }
                double prob = p.rate() * tb.tick();
                if (prob > 1) throw new IllegalArgumentException("train " + t.name() + ": rate " + p.rate()
                        + " Hz exceeds one spike per step");
                long thr = (long) StrictMath.floor(prob * 4294967296.0);
                yield new CompiledStimulus(index, t.name(), Kind.POISSON, neurons, ws, we, new long[0], thr, gated, 0, 0, 0);
            }
            case SpikeTrain.Regular r -> {
                TreeSet<Long> ev = new TreeSet<>();
                for (long k = 0; ; k++) {
                    double time = r.start() + k / r.rate();
                    if (time >= r.stop()) break;
                    ev.add(tb.nearestTick(time));
                }
                yield spikes(index, t.name(), neurons, ev, gated);
            }
            case SpikeTrain.SpikeTimes st -> {
                TreeSet<Long> ev = new TreeSet<>();
                for (double time : st.times()) ev.add(tb.nearestTick(time));
                yield spikes(index, t.name(), neurons, ev, gated);
            }
            case SpikeTrain.Bursts b -> {
                TreeSet<Long> ev = new TreeSet<>();
                for (int rep = 0; rep < b.repeats(); rep++)
                    for (int k = 0; k < b.count(); k++)
                        for (int j = 0; j < b.spikes(); j++)
                            ev.add(tb.nearestTick(b.start() + rep * b.repeatPeriod() + k * b.period() + j / b.frequency()));
                yield spikes(index, t.name(), neurons, ev, gated);
            }
        };
    }

    /** A protocol stimulus (current source on lif neurons), numbered after the source trains. */
    static CompiledStimulus of(Stimulus s, int index, CompiledNetwork net, TimeBase tb) {
        Population pop = net.popByName.get(s.target());
        int off = net.popOffset.get(s.target());
        int[] neurons = Arrays.stream(s.select().resolve(pop.size())).map(i -> off + i).toArray();
        long[] none = new long[0];
        return switch (s) {
            case Stimulus.ForceFiring f -> new CompiledStimulus(index, s.name(), Kind.FORCE_FIRING, neurons,
                    new long[]{tb.nearestTick(f.start())}, new long[]{tb.nearestTick(f.stop())}, none, 0, false, 0, 0, 0);
            case Stimulus.OuCurrent o -> new CompiledStimulus(index, s.name(), Kind.OU, neurons,
                    new long[]{tb.nearestTick(o.start())}, new long[]{tb.nearestTick(o.stop())}, none, 0, false, o.mean(), o.sd(), o.tau());
        };
    }

    private static CompiledStimulus spikes(int index, String name, int[] neurons, TreeSet<Long> ev, boolean gated) {
        long[] events = ev.stream().mapToLong(Long::longValue).toArray();
        return new CompiledStimulus(index, name, Kind.SPIKES, neurons, new long[0], new long[0], events, 0, gated, 0, 0, 0);
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
