package org.engram.hal.model;

import java.util.List;

/** The timeline of an experiment: duration and step (s), stimuli, plasticity windows, recordings. */
public record Protocol(double duration, double dt, List<Stimulus> stimuli, List<PlasticityWindow> plasticity,
                       List<Recording> recordings) {
    /** dt = 0 asks for the device's native step. */
    public Protocol {
        Checks.positive("duration", duration);
        Checks.nonNegative("dt", dt);
        stimuli = List.copyOf(stimuli);
        plasticity = List.copyOf(plasticity);
        recordings = List.copyOf(recordings);
    }

    public boolean plasticityEnabledAt(double t) {
        boolean on = true;
        for (PlasticityWindow w : plasticity) if (t >= w.start() && t < w.stop()) on = w.enabled();
        return on;
    }
}
