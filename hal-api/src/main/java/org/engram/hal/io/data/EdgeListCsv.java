package org.engram.hal.io.data;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * An edge list in CSV: {@code pre,post[,weight[,delay]]} per line. Blank lines and lines starting with
 * {@code #} are skipped, fields are trimmed. An optional header line is recognised when its first field
 * is not a number; its names ({@code pre}/{@code source}, {@code post}/{@code target}, {@code weight},
 * {@code delay}, each optionally followed by a unit in brackets such as {@code weight (mV)}) then say which
 * column is which, in any order. Weight and delay are plain numbers in the unit the caller states.
 *
 * <p>Rules, each reported as file:line: indices are whole numbers &ge; 0 (and below the population
 * sizes when given); weights are finite; delays are finite and &ge; 0; every line has 2 to 4 fields and
 * the same count as the first.
 */
public final class EdgeListCsv {
    private static final int PRE = 0, POST = 1, WEIGHT = 2, DELAY = 3;
    private static final String[] NAMES = {"pre", "post", "weight", "delay"};

    private EdgeListCsv() {}

    public static EdgeList read(Path file) throws IOException {
        return read(file, -1, -1);
    }

    /** As {@link #read(Path)}, also checking pre &lt; preSize and post &lt; postSize (a negative size: unchecked). */
    public static EdgeList read(Path file, int preSize, int postSize) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString(), preSize, postSize);
        }
    }

    public static EdgeList parse(String text, String source) {
        try {
            return read(new StringReader(text), source, -1, -1);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public static EdgeList read(Reader reader, String source, int preSize, int postSize) throws IOException {
        CsvRecords records = new CsvRecords(reader);
        int[] columns = null; // columns[field] = PRE/POST/WEIGHT/DELAY
        int n = 0;
        int[] pre = new int[1024], post = new int[1024];
        double[] weight = null, delay = null;
        while (records.next()) {
            long lineNo = records.line();
            String[] f = records.fields();
            if (columns == null) {
                if (f.length < 2 || f.length > 4) {
                    throw new DataFileException(source, lineNo, f.length + " fields: an edge is pre,post[,weight[,delay]]");
                }
                if (!isNumber(f[0])) {
                    columns = header(f, source, lineNo);
                    continue;
                }
                columns = new int[f.length];
                for (int k = 0; k < f.length; k++) columns[k] = k;
            }
            if (f.length != columns.length) {
                throw new DataFileException(source, lineNo, f.length + " fields, but the first line has "
                        + columns.length + ": every line needs the same columns");
            }
            if (n == pre.length) {
                pre = Arrays.copyOf(pre, 2 * n);
                post = Arrays.copyOf(post, 2 * n);
                if (weight != null) weight = Arrays.copyOf(weight, 2 * n);
                if (delay != null) delay = Arrays.copyOf(delay, 2 * n);
            }
            if (n == 0) {
                for (int c : columns) {
                    if (c == WEIGHT) weight = new double[pre.length];
                    if (c == DELAY) delay = new double[pre.length];
                }
            }
            for (int k = 0; k < f.length; k++) {
                double v = number(f[k], NAMES[columns[k]], source, lineNo);
                switch (columns[k]) {
                    case PRE -> pre[n] = index(v, f[k], "pre", preSize, source, lineNo);
                    case POST -> post[n] = index(v, f[k], "post", postSize, source, lineNo);
                    case WEIGHT -> {
                        if (!Double.isFinite(v)) throw new DataFileException(source, lineNo, "weight " + f[k] + " is not finite");
                        weight[n] = v;
                    }
                    default -> {
                        if (!Double.isFinite(v) || v < 0) {
                            throw new DataFileException(source, lineNo, "delay " + f[k] + " is not a finite number >= 0");
                        }
                        delay[n] = v;
                    }
                }
            }
            n++;
        }
        return new EdgeList(Arrays.copyOf(pre, n), Arrays.copyOf(post, n),
                weight == null ? (hasColumn(columns, WEIGHT) ? new double[0] : null) : Arrays.copyOf(weight, n),
                delay == null ? (hasColumn(columns, DELAY) ? new double[0] : null) : Arrays.copyOf(delay, n));
    }

    private static boolean hasColumn(int[] columns, int c) {
        if (columns == null) return false;
        for (int k : columns) if (k == c) return true;
        return false;
    }

    private static int[] header(String[] f, String source, long lineNo) {
        int[] columns = new int[f.length];
        boolean[] seen = new boolean[4];
        for (int k = 0; k < f.length; k++) {
            String name = f[k].toLowerCase(Locale.ROOT).replaceAll("[\\[(].*$", "").strip();
            int c = switch (name) {
                case "pre", "source", "src", "from" -> PRE;
                case "post", "target", "tgt", "to" -> POST;
                case "weight", "w" -> WEIGHT;
                case "delay", "d" -> DELAY;
                default -> throw new DataFileException(source, lineNo, "header column " + (k + 1) + " '" + f[k]
                        + "' is not pre, post, weight or delay");
            };
            if (seen[c]) throw new DataFileException(source, lineNo, "header names " + NAMES[c] + " twice");
            seen[c] = true;
            columns[k] = c;
        }
        if (!seen[PRE] || !seen[POST]) throw new DataFileException(source, lineNo, "header needs both pre and post columns");
        return columns;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return !s.isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double number(String s, String column, String source, long lineNo) {
        try {
            if (s.isEmpty()) throw new NumberFormatException();
            // NumPy and Python spell them nan and inf; let the column's rule name the problem
            switch (s.toLowerCase(Locale.ROOT)) {
                case "nan", "+nan", "-nan": return Double.NaN;
                case "inf", "+inf", "infinity", "+infinity": return Double.POSITIVE_INFINITY;
                case "-inf", "-infinity": return Double.NEGATIVE_INFINITY;
                default: return Double.parseDouble(s);
            }
        } catch (NumberFormatException e) {
            throw new DataFileException(source, lineNo, column + " '" + s + "' is not a number");
        }
    }

    private static int index(double v, String text, String column, int size, String source, long lineNo) {
        // np.savetxt writes whole numbers as 3.000000000000000000e+00: accept any exact whole number
        if (v < 0) throw new DataFileException(source, lineNo, column + " index " + text + " is negative");
        if (!(v == Math.rint(v)) || v > Integer.MAX_VALUE) {
            throw new DataFileException(source, lineNo, column + " index " + text + " is not a whole number below 2^31");
        }
        if (size >= 0 && v >= size) {
            throw new DataFileException(source, lineNo, column + " index " + text + " is outside the population of " + size);
        }
        return (int) v;
    }
}
