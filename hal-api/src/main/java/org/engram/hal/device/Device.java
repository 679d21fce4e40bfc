package org.engram.hal.device;

import org.engram.hal.model.Experiment;

/**
 * One neuromorphic device: the emulator, a chip, a device model or a remote server. Obtain one with
 * {@link Devices#open(String)}.
 */
public interface Device extends AutoCloseable {
    /** The URI this device was opened with, e.g. {@code sim:} or {@code sim:float64}. */
    String uri();

    Capabilities capabilities();

    /** Checks an experiment against this device's rules, before anything runs. */
    FitReport check(Experiment experiment);

    /** Starts a run; the job reports progress and can be cancelled. Fails fast when it does not fit. */
    Job submit(Experiment experiment);

    /** Runs to completion and returns the result. */
    default RunResult run(Experiment experiment) {
        return submit(experiment).await();
    }

    @Override
    default void close() {}
}
