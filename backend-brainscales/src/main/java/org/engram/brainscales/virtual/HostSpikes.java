package org.engram.brainscales.virtual;

import org.engram.brainscales.mapping.HardwareTime;
import org.engram.hal.model.Experiment;
import org.engram.hal.model.FastForward;
import org.engram.hal.model.Population;
import org.engram.hal.model.SpikeSource;
import org.engram.hal.model.SpikeTrain;
import org.engram.support.sources.Sources;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * The spikes of the source populations, driven from the FPGA, generated on the host reproducibly from
 * the experiment seed and quantised to FPGA cycles: Poisson trains draw exponential intervals from a
 * SplittableRandom seeded by (experiment seed, train index, neuron), the trains numbered as every backend
 * numbers them ({@link Sources#trains}); regular, burst and explicit trains are exact. Two spikes of one
 * neuron in one cycle count once, and a spike within the source's dead time of the previous one is dropped. Poisson trains pause
 * inside fast-forward windows, as the emulator's do (the codec refuses other trains there); being
 * memoryless, a train restarted at a window's end has the same law.
 */
public final class HostSpikes {
    private HostSpikes() {}

    /** Per global neuron, the sorted spike cycles (empty for neurons not driven from the host). */
    public static long[][] of(Experiment e, HardwareTime time, Set<String> hostSources, int[] populationOffsets) {
        int n = e.network().neuronCount();
        long[][] out = new long[n][0];
        for (Sources.Train tr : Sources.trains(e)) {
            if (!hostSources.contains(tr.population())) continue;
            int p = tr.populationIndex();
            Population pop = e.network().populations().get(p);
            for (int local : tr.train().select().resolve(pop.size())) {
                int g = populationOffsets[p] + local;
                long[] add = train(tr.train(), e.seed(), tr.index(), local, time, e.protocol().duration(), e.protocol().fastForward());
                long[] merged = Arrays.copyOf(out[g], out[g].length + add.length);
                System.arraycopy(add, 0, merged, out[g].length, add.length);
                out[g] = LongStream.of(merged).sorted().distinct().toArray();
            }
        }
        // a source's dead time: a spike within it of the neuron's previous (kept) spike is dropped
        for (int p = 0; p < e.network().populations().size(); p++) {
            Population pop = e.network().populations().get(p);
            if (!(pop.model() instanceof SpikeSource src) || src.deadTime() == 0 || !hostSources.contains(pop.name())) continue;
            long dead = time.cycles(src.deadTime());
            for (int local = 0; local < pop.size(); local++) {
                int g = populationOffsets[p] + local;
                LongStream.Builder kept = LongStream.builder();
                long last = Long.MIN_VALUE;
                for (long c : out[g]) {
                    if (last != Long.MIN_VALUE && c - last <= dead) continue;
                    kept.add(c);
                    last = c;
                }
                out[g] = kept.build().toArray();
            }
        }
        return out;
    }

    private static long[] train(SpikeTrain st, long seed, int stimulus, int neuron, HardwareTime time, double duration,
                                List<FastForward> paused) {
        LongStream.Builder b = LongStream.builder();
        switch (st) {
            case SpikeTrain.Poisson p -> {
                SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ (stimulus + 1L) * 0xBF58476D1CE4E5B9L ^ (neuron + 1L) * 0x94D049BB133111EBL);
                double rate = p.rate();
                for (int r = 0; r < p.repeats() && rate > 0; r++) {
                    double start = p.start() + r * p.period(), stop = Math.min(duration, p.stop() + r * p.period());
                    for (double[] span : active(start, stop, paused)) {
                        for (double t = span[0] - Math.log(1 - rng.nextDouble()) / rate; t < span[1]; t -= Math.log(1 - rng.nextDouble()) / rate) {
                            b.add(time.cycles(t));
                        }
                    }
                }
            }
            case SpikeTrain.Regular r -> {
                for (long k = 0; ; k++) {
                    double t = r.start() + k / r.rate();
                    if (t >= r.stop() || t >= duration) break;
                    b.add(time.cycles(t));
                }
            }
            case SpikeTrain.SpikeTimes t -> t.times().stream().filter(x -> x < duration).forEach(x -> b.add(time.cycles(x)));
            case SpikeTrain.Bursts u -> {
                for (int rep = 0; rep < u.repeats(); rep++)
                    for (int k = 0; k < u.count(); k++)
                        for (int j = 0; j < u.spikes(); j++) {
                            double t = u.start() + rep * u.repeatPeriod() + k * u.period() + j / u.frequency();
                            if (t < duration) b.add(time.cycles(t));
                        }
            }
        }
        return b.build().toArray();
    }

    /** [start, stop) without the (sorted, disjoint) fast-forward windows. */
    static List<double[]> active(double start, double stop, List<FastForward> paused) {
        List<double[]> out = new ArrayList<>();
        double from = start;
        for (FastForward f : paused) {
            if (f.stop() <= from || f.start() >= stop) continue;
            if (f.start() > from) out.add(new double[]{from, f.start()});
            from = Math.max(from, f.stop());
        }
        if (from < stop) out.add(new double[]{from, stop});
        return out;
    }
}
