package org.engram.hal.analysis;

import org.engram.hal.device.RunResult;
import org.engram.hal.model.Analysis;
import org.engram.hal.model.Experiment;
import org.engram.hal.model.Population;
import org.engram.hal.model.Recording;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Computes assembly activation from the spikes of one recording (population-local neuron indices), as the
 * reference script assemblyAvalancheStatistics.py does: per bin, the spikes of all recorded neurons and of each
 * assembly are counted, and both must exceed their thresholds (strictly).
 */
final class AssemblyActivationAnalysis {
    private AssemblyActivationAnalysis() {}

    /**
     * A spike this close to a bin edge (in bins) counts as on it: times on the step grid (0.2 ms) that fall on a
     * 10 ms edge then land in the bin they start, whatever the rounding of t / bin.
     */
    static final double EDGE = 1e-9;

    static AssemblyActivationResult compute(Analysis.AssemblyActivation a, Experiment experiment, RunResult result) {
        Recording.Spikes rec = experiment.protocol().recording(a.spikes())
                .filter(Recording.Spikes.class::isInstance).map(Recording.Spikes.class::cast).orElse(null);
        int n = a.binCount();
        if (rec == null) return undefined(a, n, null, "the experiment has no spike recording '" + a.spikes() + "'");
        Population pop = experiment.network().population(rec.population()).orElse(null);
        if (pop == null) return undefined(a, n, null, "the network has no population '" + rec.population() + "'");
        int size = pop.size();
        int m = a.assemblies().size();
        boolean[][] member = new boolean[m][];
        int[] neurons = new int[m];
        for (int j = 0; j < m; j++) {
            member[j] = a.assemblies().get(j).select().mask(size);
            for (boolean b : member[j]) if (b) neurons[j]++;
        }
        RunResult.SpikeData data = result.spikes().get(a.spikes());
        if (data == null) return undefined(a, n, neurons, "the run returned no spikes for recording '" + a.spikes() + "'");

        // the assemblies of each neuron; only recorded neurons count at all
        boolean[] recorded = rec.select().mask(size);
        int[][] memberOf = new int[size][];
        for (int k = 0; k < size; k++) {
            int c = 0;
            for (int j = 0; j < m; j++) if (member[j][k]) c++;
            memberOf[k] = new int[c];
            c = 0;
            for (int j = 0; j < m; j++) if (member[j][k]) memberOf[k][c++] = j;
        }

        // the bin of every counted spike, in bin order
        double[] times = data.times();
        int[] who = data.neurons();
        int[] bin = new int[times.length], neuron = new int[times.length];
        int count = 0;
        boolean sorted = true;
        for (int i = 0; i < times.length; i++) {
            double t = times[i];
            int k = who[i];
            if (!(t >= a.start() && t < a.stop()) || k < 0 || k >= size || !recorded[k]) continue;
            int b = (int) Math.floor((t - a.start()) / a.bin() + EDGE);
            if (b >= n) continue; // the trailing part shorter than a bin
            if (count > 0 && b < bin[count - 1]) sorted = false;
            bin[count] = b;
            neuron[count++] = k;
        }
        if (!sorted) sortByBin(bin, neuron, count);

        int[] activations = new int[m], inBin = new int[m];
        int none = 0, active = 0;
        for (int i = 0; i < count; ) {
            int b = bin[i], total = 0;
            Arrays.fill(inBin, 0);
            for (; i < count && bin[i] == b; i++) {
                total++;
                for (int j : memberOf[neuron[i]]) inBin[j]++;
            }
            if (total <= a.minTotal()) continue;
            active++;
            boolean any = false;
            for (int j = 0; j < m; j++) {
                if (inBin[j] > a.minAssembly()) {
                    activations[j]++;
                    any = true;
                }
            }
            if (!any) none++;
        }
        List<AssemblyActivationResult.Assembly> out = new ArrayList<>(m);
        for (int j = 0; j < m; j++) {
            out.add(new AssemblyActivationResult.Assembly(a.assemblies().get(j).name(), neurons[j], activations[j],
                    (double) activations[j] / n));
        }
        return new AssemblyActivationResult(a.name(), a.start(), a.stop(), a.bin(), a.minTotal(), a.minAssembly(), out, n,
                none, active, "");
    }

    private static void sortByBin(int[] bin, int[] neuron, int count) {
        long[] keys = new long[count];
        for (int i = 0; i < count; i++) keys[i] = ((long) bin[i] << 32) | (neuron[i] & 0xffffffffL);
        Arrays.sort(keys);
        for (int i = 0; i < count; i++) {
            bin[i] = (int) (keys[i] >>> 32);
            neuron[i] = (int) keys[i];
        }
    }

    private static AssemblyActivationResult undefined(Analysis.AssemblyActivation a, int n, int[] neurons, String reason) {
        List<AssemblyActivationResult.Assembly> out = new ArrayList<>();
        for (int j = 0; j < a.assemblies().size(); j++) {
            out.add(new AssemblyActivationResult.Assembly(a.assemblies().get(j).name(), neurons == null ? 0 : neurons[j], 0, Double.NaN));
        }
        return new AssemblyActivationResult(a.name(), a.start(), a.stop(), a.bin(), a.minTotal(), a.minAssembly(), out, n, 0, 0, reason);
    }
}
