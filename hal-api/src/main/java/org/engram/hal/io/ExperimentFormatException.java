package org.engram.hal.io;

import java.util.List;

/**
 * An experiment file or message that cannot be accepted. Each problem names the field path
 * (e.g. {@code network.populations[0].lif.tau_mem}) and the rule it breaks.
 */
public final class ExperimentFormatException extends IllegalArgumentException {
    private final List<Problem> problems;

    public record Problem(String path, String message) {
        @Override public String toString() { return path.isEmpty() ? message : path + ": " + message; }
    }

    public ExperimentFormatException(String source, List<Problem> problems) {
        super(render(source, problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() { return problems; }

    private static String render(String source, List<Problem> problems) {
        StringBuilder sb = new StringBuilder(source == null ? "invalid experiment" : source + ": invalid experiment");
        for (Problem p : problems) sb.append("\n  ").append(p);
        return sb.toString();
    }
}
