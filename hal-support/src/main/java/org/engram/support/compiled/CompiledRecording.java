package org.engram.support.compiled;

import org.engram.hal.device.TimeBase;
import org.engram.hal.model.Recording;
import org.engram.hal.model.Reduction;
import org.engram.hal.model.TraceVariable;

import java.util.ArrayList;
import java.util.List;

/** A recording in steps and global element indices. */
public final class CompiledRecording {
    public final String name;
    public final boolean spikes;
    // spikes
    public final String population;
    public final int offset;
    public final boolean[] mask;       // population-local
    // traces
    public final TraceVariable variable;
    public final int[] elements;       // global neuron indices, or synapse indices within the projection
    public final CompiledNetwork.CompiledProjection projection;
    public final List<String> labels;
    public final long start, interval, count;
    /** MEAN traces record one series, the mean over {@link #elements}. */
    public final boolean mean;
    /** Spike recordings keep spikes emitted in [spikeStart, spikeStop) (steps). */
    public final long spikeStart, spikeStop;

    private CompiledRecording(String name, boolean spikes, String population, int offset, boolean[] mask,
                              TraceVariable variable, int[] elements, CompiledNetwork.CompiledProjection projection,
                              List<String> labels, long start, long interval, long count, boolean mean,
                              long spikeStart, long spikeStop) {
        this.name = name;
        this.spikes = spikes;
        this.population = population;
        this.offset = offset;
        this.mask = mask;
        this.variable = variable;
        this.elements = elements;
        this.projection = projection;
        this.labels = labels;
        this.start = start;
        this.interval = interval;
        this.count = count;
        this.mean = mean;
        this.spikeStart = spikeStart;
        this.spikeStop = spikeStop;
    }

    static CompiledRecording of(Recording r, CompiledNetwork net, TimeBase tb) {
        return switch (r) {
            case Recording.Spikes s -> {
                int size = net.popByName.get(s.population()).size();
                boolean[] mask = new boolean[size];
                for (int i : s.select().resolve(size)) mask[i] = true;
                long stop = Double.isInfinite(s.stop()) ? Long.MAX_VALUE : tb.nearestTick(s.stop());
                yield new CompiledRecording(s.name(), true, s.population(), net.popOffset.get(s.population()), mask,
                        null, null, null, List.of(), 0, 0, 0, false, tb.nearestTick(s.start()), stop);
            }
            case Recording.Trace t -> {
                long start = tb.nearestTick(t.start());
                long interval = Math.max(1, tb.nearestTick(t.interval()));
                long stop = Math.min(net.steps, tb.nearestTick(t.stop()));
                long count = stop < start ? 0 : (stop - start) / interval + 1;
                List<String> labels = new ArrayList<>();
                boolean mean = t.reduce() == Reduction.MEAN;
                if (mean) labels.add("mean");
                int[] elements;
                CompiledNetwork.CompiledProjection proj = null;
                if (t.variable().perSynapse()) {
                    proj = net.projection(t.projection());
                    List<Integer> ks = new ArrayList<>();
                    if (t.synapses().isEmpty()) {
                        boolean[] pre = t.preSelect().mask(proj.preSize()), post = t.postSelect().mask(proj.postSize());
                        for (int i = 0; i < proj.preSize(); i++) {
                            if (!pre[i]) continue;
                            for (int k = proj.start()[i]; k < proj.start()[i + 1]; k++) {
                                int j = proj.post()[k] - proj.postOffset();
                                if (!post[j]) continue;
                                ks.add(k);
                                if (!mean) labels.add(i + "->" + j);
                            }
                        }
                    } else {
                        for (Recording.SynapseRef ref : t.synapses()) {
                            int k = proj.find(ref.pre(), ref.post());
                            if (k < 0) throw new IllegalArgumentException("recording " + t.name() + ": projection "
                                    + proj.name() + " has no synapse " + ref.pre() + "->" + ref.post());
                            ks.add(k);
                            if (!mean) labels.add(ref.pre() + "->" + ref.post());
                        }
                    }
                    elements = ks.stream().mapToInt(Integer::intValue).toArray();
                } else {
                    int off = net.popOffset.get(t.population());
                    int[] local = t.select().resolve(net.popByName.get(t.population()).size());
                    elements = new int[local.length];
                    for (int i = 0; i < local.length; i++) {
                        elements[i] = off + local[i];
                        if (!mean) labels.add(t.population() + "[" + local[i] + "]");
                    }
                }
                if (mean && elements.length == 0) {
                    throw new IllegalArgumentException("recording " + t.name() + ": MEAN over no elements");
                }
                yield new CompiledRecording(t.name(), false, t.population(), 0, null, t.variable(), elements, proj,
                        labels, start, interval, count, mean, 0, 0);
            }
        };
    }

    /** The next sample step >= s, or Long.MAX_VALUE. */
    public long nextSample(long s) {
        if (spikes || count == 0) return Long.MAX_VALUE;
        if (s <= start) return start;
        long k = (s - start + interval - 1) / interval;
        return k < count ? start + k * interval : Long.MAX_VALUE;
    }

    public boolean sampleAt(long s) {
        return !spikes && s >= start && (s - start) % interval == 0 && (s - start) / interval < count;
    }
}
