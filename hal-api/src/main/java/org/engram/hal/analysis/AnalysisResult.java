package org.engram.hal.analysis;

/** The outcome of one {@link org.engram.hal.model.Analysis} of a run. */
public sealed interface AnalysisResult permits PatternCompletionResult, AssemblyActivationResult {
    String name();
}
