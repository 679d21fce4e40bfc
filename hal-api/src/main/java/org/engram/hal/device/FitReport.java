package org.engram.hal.device;

import java.util.List;

/**
 * The answer to "does this experiment fit this device?", given before anything runs. Every violated
 * rule is listed with the element it concerns, the amount (needed vs available) and a remedy.
 * Warnings (e.g. a quantised value) do not stop a run; errors do.
 */
public record FitReport(String deviceUri, List<Issue> issues) {
    public enum Severity { ERROR, WARNING }

    /**
     * @param rule     a stable rule name, e.g. "time-grid" or "max-neurons"
     * @param element  the element concerned, as a path (e.g. "protocol.stimuli[0].poisson.start")
     * @param message  what is wrong, with the amount
     * @param remedy   what the user can do about it
     */
    public record Issue(Severity severity, String rule, String element, String message, String remedy) {
        @Override public String toString() {
            return severity + " [" + rule + "] " + element + ": " + message + (remedy.isEmpty() ? "" : " (remedy: " + remedy + ")");
        }
    }

    public FitReport {
        issues = List.copyOf(issues);
    }

    public boolean fits() {
        return issues.stream().noneMatch(i -> i.severity() == Severity.ERROR);
    }

    public List<Issue> errors() {
        return issues.stream().filter(i -> i.severity() == Severity.ERROR).toList();
    }

    /** Throws {@link DoesNotFitException} when the experiment does not fit. */
    public FitReport orThrow() {
        if (!fits()) throw new DoesNotFitException(this);
        return this;
    }

    @Override public String toString() {
        if (issues.isEmpty()) return "fits " + deviceUri;
        StringBuilder sb = new StringBuilder(fits() ? "fits " + deviceUri + " with warnings:" : "does not fit " + deviceUri + ":");
        for (Issue i : issues) sb.append("\n  ").append(i);
        return sb.toString();
    }
}
