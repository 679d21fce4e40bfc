package org.engram.hal.analysis;

/**
 * Q = (rateNonStimulated - rateControl) / rateStimulated over [start, stop) (s); rates in Hz per neuron,
 * with the group sizes. {@code q} is NaN when undefined, and {@code reason} then says why (else "").
 */
public record PatternCompletionResult(String name, double start, double stop, double q, double rateStimulated,
                                      double rateNonStimulated, double rateControl, int nStimulated, int nNonStimulated,
                                      int nControl, String reason) implements AnalysisResult {
    public PatternCompletionResult {
        reason = reason == null ? "" : reason;
    }

    public boolean defined() {
        return !Double.isNaN(q);
    }
}
