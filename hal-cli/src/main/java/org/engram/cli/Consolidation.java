package org.engram.cli;

import org.engram.hal.model.Experiment;
import org.engram.hal.model.FastForward;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.List;
import java.util.Optional;

/**
 * {@code --consolidation}: how the quiet hours of a run are simulated. FAST_FORWARD keeps the file's
 * fast_forward windows (neurons silent, h, p and z in closed form); FULL drops them, so every step is
 * simulated with spontaneous activity. Without the option the file decides.
 */
enum Consolidation {
    FAST_FORWARD("fast-forward"), FULL("full");

    static final String FULL_FIDELITY = "full fidelity";

    final String option;

    Consolidation(String option) {
        this.option = option;
    }

    /** The experiment to run, and a line for the report when the choice changed or confirmed something. */
    record Applied(Experiment experiment, Optional<String> note) {}

    static Applied apply(Consolidation choice, Experiment e) {
        List<FastForward> windows = e.protocol().fastForward();
        if (choice == FULL && !windows.isEmpty()) {
            return new Applied(e.withoutFastForward(), Optional.of(FULL_FIDELITY + " (--consolidation=full: the file's "
                    + windows.size() + " fast-forward window" + (windows.size() == 1 ? "" : "s") + " not used)"));
        }
        if (choice == FAST_FORWARD && windows.isEmpty()) {
            return new Applied(e, Optional.of(FULL_FIDELITY + " (--consolidation=fast-forward, but the file has no fast_forward windows)"));
        }
        if (!windows.isEmpty()) return new Applied(e, Optional.of("fast-forward " + describe(windows)));
        return new Applied(e, choice == FULL ? Optional.of(FULL_FIDELITY) : Optional.empty());
    }

    /** "fast-forward" when the experiment skips spiking somewhere, else "full fidelity" (summary.json). */
    static String label(Experiment e) {
        return e.protocol().fastForward().isEmpty() ? FULL_FIDELITY : FAST_FORWARD.option;
    }

    static String describe(List<FastForward> windows) {
        StringBuilder sb = new StringBuilder();
        for (FastForward f : windows) {
            if (!sb.isEmpty()) sb.append(", ");
            sb.append('[').append(Durations.bio(f.start())).append(", ").append(Durations.bio(f.stop())).append(')');
        }
        return sb.toString();
    }

    /** picocli: the option's spelling, "fast-forward" or "full". */
    static final class Converter implements ITypeConverter<Consolidation> {
        @Override
        public Consolidation convert(String value) {
            for (Consolidation c : values()) if (c.option.equalsIgnoreCase(value.trim())) return c;
            throw new TypeConversionException("expected fast-forward or full, got '" + value + "'");
        }
    }

    /** The values picocli lists in the help text. */
    static final class Candidates implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of(FAST_FORWARD.option, FULL.option).iterator();
        }
    }
}
