package org.engram.hal.analysis;

import java.util.List;

/**
 * Assembly activation over [start, stop) (s) in {@code binsTotal} bins of {@code bin} s: per assembly the bins that
 * activate it and their fraction p(X); {@code binsNone} bins meet the total threshold (more than {@code minTotal}
 * spikes) but activate no assembly, and {@code binsActive} bins meet the total threshold at all (the reference
 * script's "overall"). When the result is undefined the fractions are NaN and {@code reason} says why (else "").
 */
public record AssemblyActivationResult(String name, double start, double stop, double bin, int minTotal, int minAssembly,
                                       List<Assembly> assemblies, int binsTotal, int binsNone, int binsActive,
                                       String reason) implements AnalysisResult {
    /** One assembly: its neuron count, the bins that activate it and their fraction of all bins. */
    public record Assembly(String name, int neurons, int bins, double fraction) {}

    public AssemblyActivationResult {
        assemblies = List.copyOf(assemblies);
        reason = reason == null ? "" : reason;
    }

    public boolean defined() {
        return reason.isEmpty() && binsTotal > 0;
    }

    /** p(none): the fraction of bins that meet the total threshold but activate no assembly. */
    public double fractionNone() {
        return defined() ? (double) binsNone / binsTotal : Double.NaN;
    }

    /** The fraction of bins that meet the total threshold (1 - the reference script's p(-)). */
    public double fractionActive() {
        return defined() ? (double) binsActive / binsTotal : Double.NaN;
    }

    /** The assembly of this name. */
    public Assembly assembly(String assemblyName) {
        return assemblies.stream().filter(a -> a.name().equals(assemblyName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no assembly '" + assemblyName + "' in " + name));
    }
}
