package org.engram.hal.analysis;

import org.engram.hal.device.RunResult;
import org.engram.hal.model.Analysis;
import org.engram.hal.model.Experiment;
import org.engram.hal.model.Recording;

/** Computes pattern completion from the spikes of one recording (population-local neuron indices). */
final class PatternCompletionAnalysis {
    private PatternCompletionAnalysis() {}

    private static final int STIMULATED = 0, NON_STIMULATED = 1, CONTROL = 2, NONE = -1;

    static PatternCompletionResult compute(Analysis.PatternCompletion a, Experiment experiment, RunResult result) {
        Recording.Spikes rec = experiment.protocol().recording(a.spikes())
                .filter(Recording.Spikes.class::isInstance).map(Recording.Spikes.class::cast).orElse(null);
        if (rec == null) return undefined(a, "the experiment has no spike recording '" + a.spikes() + "'");
        RunResult.SpikeData data = result.spikes().get(a.spikes());
        if (data == null) return undefined(a, "the run returned no spikes for recording '" + a.spikes() + "'");
        int size = experiment.network().population(rec.population()).orElseThrow().size();

        int[] group = groups(a, rec, size);
        int[] n = new int[3];
        for (int g : group) if (g != NONE) n[g]++;
        long[] spikes = new long[3];
        double[] times = data.times();
        int[] neurons = data.neurons();
        for (int i = 0; i < times.length; i++) {
            int k = neurons[i];
            if (times[i] >= a.start() && times[i] < a.stop() && k >= 0 && k < size && group[k] != NONE) spikes[group[k]]++;
        }
        double span = a.stop() - a.start();
        double[] rate = new double[3];
        for (int g = 0; g < 3; g++) rate[g] = n[g] == 0 ? Double.NaN : spikes[g] / (n[g] * span);

        String reason = "";
        if (n[STIMULATED] == 0) reason = "no recorded neuron is recalled (stimulated)";
        else if (n[NON_STIMULATED] == 0) reason = "every assembly neuron is recalled: none is left to complete the pattern";
        else if (n[CONTROL] == 0) reason = "every recorded neuron is in the assembly: no control neurons";
        else if (rate[STIMULATED] == 0) reason = "the recalled neurons did not fire in the window (rate 0)";
        double q = reason.isEmpty() ? (rate[NON_STIMULATED] - rate[CONTROL]) / rate[STIMULATED] : Double.NaN;
        return new PatternCompletionResult(a.name(), a.start(), a.stop(), q, rate[STIMULATED], rate[NON_STIMULATED],
                rate[CONTROL], n[STIMULATED], n[NON_STIMULATED], n[CONTROL], reason);
    }

    /** The group of each neuron of the population; only recorded neurons belong to one. */
    private static int[] groups(Analysis.PatternCompletion a, Recording.Spikes rec, int size) {
        boolean[] recorded = rec.select().mask(size), assembly = a.assembly().mask(size), recalled = a.recalled().mask(size);
        int[] group = new int[size];
        for (int i = 0; i < size; i++) {
            if (!recorded[i]) group[i] = NONE;
            else if (assembly[i]) group[i] = recalled[i] ? STIMULATED : NON_STIMULATED;
            else group[i] = recalled[i] ? NONE : CONTROL; // a recalled neuron outside the assembly is neither
        }
        return group;
    }

    private static PatternCompletionResult undefined(Analysis.PatternCompletion a, String reason) {
        return new PatternCompletionResult(a.name(), a.start(), a.stop(), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                0, 0, 0, reason);
    }
}
