package org.engram.hal.model;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The timeline of an experiment: duration and step (s), stimuli, plasticity windows, recordings,
 * fast-forward windows (sorted by start, inside [0, duration], not overlapping) and analyses.
 */
public record Protocol(double duration, double dt, List<Stimulus> stimuli, List<PlasticityWindow> plasticity,
                       List<Recording> recordings, List<FastForward> fastForward, List<Analysis> analyses) {
    /** dt = 0 asks for the device's native step. */
    public Protocol {
        Checks.positive("duration", duration);
        Checks.nonNegative("dt", dt);
        stimuli = List.copyOf(stimuli);
        plasticity = List.copyOf(plasticity);
        recordings = List.copyOf(recordings);
        fastForward = fastForward.stream().sorted(Comparator.comparingDouble(FastForward::start)).toList();
        analyses = List.copyOf(analyses);
        for (int i = 0; i < fastForward.size(); i++) {
            FastForward f = fastForward.get(i);
            if (f.stop() > duration) {
                throw new IllegalArgumentException("fast_forward [" + f.start() + " s, " + f.stop() + " s) ends after the run (" + duration + " s)");
            }
            if (i > 0 && f.start() < fastForward.get(i - 1).stop()) {
                throw new IllegalArgumentException("fast_forward windows overlap at " + f.start() + " s");
            }
        }
        Set<String> names = new HashSet<>();
        for (Analysis a : analyses) {
            if (!names.add(a.name())) throw new IllegalArgumentException("duplicate analysis name: " + a.name());
            if (!(recording(recordings, a.spikes()) instanceof Recording.Spikes)) {
                throw new IllegalArgumentException("analysis " + a.name() + ": no spike recording named '" + a.spikes() + "'");
            }
        }
    }

    /** Without fast-forward windows and analyses. */
    public Protocol(double duration, double dt, List<Stimulus> stimuli, List<PlasticityWindow> plasticity,
                    List<Recording> recordings) {
        this(duration, dt, stimuli, plasticity, recordings, List.of(), List.of());
    }

    /** The same protocol at full fidelity: every step simulated, spontaneous activity kept. */
    public Protocol withoutFastForward() {
        return new Protocol(duration, dt, stimuli, plasticity, recordings, List.of(), analyses);
    }

    public boolean plasticityEnabledAt(double t) {
        boolean on = true;
        for (PlasticityWindow w : plasticity) if (t >= w.start() && t < w.stop()) on = w.enabled();
        return on;
    }

    /** The fast-forward window containing t, if any. */
    public Optional<FastForward> fastForwardAt(double t) {
        return fastForward.stream().filter(f -> t >= f.start() && t < f.stop()).findFirst();
    }

    public Optional<Recording> recording(String name) {
        return Optional.ofNullable(recording(recordings, name));
    }

    private static Recording recording(List<Recording> recordings, String name) {
        for (Recording r : recordings) if (r.name().equals(name)) return r;
        return null;
    }
}
