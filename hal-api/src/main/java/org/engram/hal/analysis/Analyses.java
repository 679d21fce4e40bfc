package org.engram.hal.analysis;

import org.engram.hal.device.RunResult;
import org.engram.hal.model.Analysis;
import org.engram.hal.model.Experiment;

import java.util.List;

/**
 * Computes an experiment's analyses from a run's recorded results. Backend-independent: it reads only
 * {@link RunResult} and the experiment, so every device is measured the same way. A finished run is never
 * failed here: what cannot be computed comes back NaN with its reason.
 */
public final class Analyses {
    private Analyses() {}

    /** One result per analysis of the protocol, in its order. */
    public static List<AnalysisResult> compute(Experiment experiment, RunResult result) {
        return experiment.protocol().analyses().stream().map(a -> compute(a, experiment, result)).toList();
    }

    public static AnalysisResult compute(Analysis analysis, Experiment experiment, RunResult result) {
        return switch (analysis) {
            case Analysis.PatternCompletion pc -> PatternCompletionAnalysis.compute(pc, experiment, result);
            case Analysis.AssemblyActivation aa -> AssemblyActivationAnalysis.compute(aa, experiment, result);
        };
    }
}
