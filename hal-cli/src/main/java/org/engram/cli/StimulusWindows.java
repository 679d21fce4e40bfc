package org.engram.cli;

import org.engram.hal.model.Experiment;
import org.engram.hal.model.Population;
import org.engram.hal.model.SpikeSource;
import org.engram.hal.model.SpikeTrain;
import org.engram.hal.model.Stimulus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The time windows worth a raster: where a stimulus or a source train drives a subset of a population
 * (learning and recall pulses). Background stimuli (ou_current) and stimuli or trains on whole populations
 * show nothing particular.
 */
final class StimulusWindows {
    /** Windows closer than this are one panel: the three learning pulses of 0.1 s, 0.5 s apart. */
    static final double MERGE_GAP = 2.0;
    static final double BEFORE = 0.5, AFTER = 1.0;
    static final int MAX_PANELS = 4;

    private StimulusWindows() {}

    /** When a stimulus drives its targets. */
    record Pulse(double start, double stop) {}

    /** A panel's time range, the stimuli in it and their pulses. */
    record Window(double start, double stop, List<String> stimuli, List<Pulse> pulses) {}

    /**
     * Merged windows, each widened to [start - 0.5 s, stop + 1 s] inside the run; at most four: the first two
     * and the last two, so a late recall is still shown.
     */
    static List<Window> of(Experiment e) {
        List<Window> raw = new ArrayList<>();
        for (Population pop : e.network().populations()) {
            if (!(pop.model() instanceof SpikeSource src)) continue;
            for (SpikeTrain t : src.trains()) {
                if (t.select().resolve(pop.size()).length >= pop.size()) continue;
                for (Pulse p : active(t)) raw.add(new Window(p.start(), p.stop(), List.of(t.name()), List.of(p)));
            }
        }
        for (Stimulus s : e.protocol().stimuli()) {
            int size = e.network().population(s.target()).map(Population::size).orElse(0);
            if (s.select().resolve(size).length >= size) continue;
            if (s instanceof Stimulus.ForceFiring f) {
                Pulse p = new Pulse(f.start(), f.stop());
                raw.add(new Window(p.start(), p.stop(), List.of(s.name()), List.of(p)));
            }
        }
        raw.sort(Comparator.comparingDouble(Window::start));
        List<Window> merged = new ArrayList<>();
        for (Window w : raw) {
            Window last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && w.start() - last.stop() < MERGE_GAP) {
                List<String> names = new ArrayList<>(last.stimuli());
                if (!names.contains(w.stimuli().getFirst())) names.add(w.stimuli().getFirst());
                List<Pulse> pulses = new ArrayList<>(last.pulses());
                pulses.addAll(w.pulses());
                merged.set(merged.size() - 1, new Window(last.start(), Math.max(last.stop(), w.stop()), names, pulses));
            } else {
                merged.add(w);
            }
        }
        double duration = e.protocol().duration();
        List<Window> out = new ArrayList<>();
        for (Window w : merged) {
            out.add(new Window(Math.max(0, w.start() - BEFORE), Math.min(duration, w.stop() + AFTER), w.stimuli(), w.pulses()));
        }
        if (out.size() <= MAX_PANELS) return out;
        List<Window> kept = new ArrayList<>(out.subList(0, MAX_PANELS / 2));
        kept.addAll(out.subList(out.size() - MAX_PANELS / 2, out.size()));
        return kept;
    }

    private static List<Pulse> active(SpikeTrain s) {
        List<Pulse> out = new ArrayList<>();
        switch (s) {
            case SpikeTrain.Regular r -> out.add(new Pulse(r.start(), r.stop()));
            case SpikeTrain.Poisson p -> {
                for (int k = 0; k < p.repeats(); k++) out.add(new Pulse(p.start() + k * p.period(), p.stop() + k * p.period()));
            }
            case SpikeTrain.SpikeTimes t -> {
                for (double x : t.times()) out.add(new Pulse(x, x));
            }
            case SpikeTrain.Bursts b -> {
                double pattern = (b.count() - 1) * b.period() + (b.spikes() - 1) / b.frequency();
                for (int k = 0; k < b.repeats(); k++) {
                    double t0 = b.start() + k * b.repeatPeriod();
                    out.add(new Pulse(t0, t0 + pattern));
                }
            }
        }
        return out;
    }
}
