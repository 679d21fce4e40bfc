package org.engram.hal.io.data;

/**
 * A data file (edge list, adjacency matrix, {@code .npy} array, time series) that cannot be accepted.
 * The message starts with the file, and the line when there is one, then names the rule broken.
 * Unchecked, like {@link org.engram.hal.io.ExperimentFormatException}, so a decoder can turn it into a
 * problem of the experiment element that named the file.
 */
public final class DataFileException extends IllegalArgumentException {
    private final String source;
    private final long line;
    private final String rule;

    /** A problem with the file as a whole (bad magic, truncated data, block outside the matrix...). */
    public DataFileException(String source, String rule) {
        this(source, -1, rule);
    }

    /** A problem on one line (1-based) of a text file. */
    public DataFileException(String source, long line, String rule) {
        super((source == null ? "<data>" : source) + (line > 0 ? ":" + line : "") + ": " + rule);
        this.source = source;
        this.line = line;
        this.rule = rule;
    }

    /** The file (or the name a caller gave an in-memory source). */
    public String source() { return source; }

    /** The 1-based line, or -1 when the problem is not on one line. */
    public long line() { return line; }

    /** What is wrong, without the file and line. */
    public String rule() { return rule; }
}
