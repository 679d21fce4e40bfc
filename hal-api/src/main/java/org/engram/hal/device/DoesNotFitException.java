package org.engram.hal.device;

/** Thrown when an experiment is run on a device it does not fit; carries the full report. */
public final class DoesNotFitException extends IllegalArgumentException {
    private final FitReport report;

    public DoesNotFitException(FitReport report) {
        super(report.toString());
        this.report = report;
    }

    public FitReport report() { return report; }
}
