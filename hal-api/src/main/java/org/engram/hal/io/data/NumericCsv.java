package org.engram.hal.io.data;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A numeric table in CSV, as a continuous input read from a file: one row per sample, one column per
 * dimension, an optional header of column names (recognised when its first field is not a number),
 * {@code #} comments and blank lines skipped, fields trimmed. Every value must be finite and every row
 * as long as the first; errors name file:line, the column and the rule.
 */
public final class NumericCsv {
    /** The columns' names (from the header, or {@code c0, c1, ...}) and the values, rows x columns. */
    public record Table(List<String> names, NumericArray values) {
        public Table {
            names = List.copyOf(names);
            if (values.ndim() != 2 || values.cols() != names.size()) {
                throw new IllegalArgumentException(names.size() + " names for an array of shape " + values.shapeString());
            }
        }
    }

    private NumericCsv() {}

    public static Table read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        }
    }

    public static Table parse(String text, String source) {
        try {
            return read(new StringReader(text), source);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public static Table read(Reader reader, String source) throws IOException {
        CsvRecords records = new CsvRecords(reader);
        List<String> names = null;
        int cols = -1, rows = 0;
        double[] data = new double[1024];
        while (records.next()) {
            long lineNo = records.line();
            String[] f = records.fields();
            if (cols < 0) {
                cols = f.length;
                if (!isNumber(f[0])) {
                    names = List.of(f);
                    if (names.stream().distinct().count() != cols) {
                        throw new DataFileException(source, lineNo, "header names a column twice: " + names);
                    }
                    continue;
                }
            }
            if (f.length != cols) {
                throw new DataFileException(source, lineNo, f.length + " fields, but the first line has " + cols
                        + ": every row needs the same columns");
            }
            if ((long) (rows + 1) * cols > Integer.MAX_VALUE - 8) throw new DataFileException(source, lineNo, "too many values");
            if ((rows + 1) * cols > data.length) data = Arrays.copyOf(data, Math.max(2 * data.length, (rows + 1) * cols));
            for (int k = 0; k < cols; k++) {
                double v;
                try {
                    if (f[k].isEmpty()) throw new NumberFormatException();
                    v = Double.parseDouble(f[k]);
                } catch (NumberFormatException e) {
                    throw new DataFileException(source, lineNo, "column " + name(names, k) + ": '" + f[k] + "' is not a number");
                }
                if (!Double.isFinite(v)) throw new DataFileException(source, lineNo, "column " + name(names, k) + ": " + f[k] + " is not finite");
                data[rows * cols + k] = v;
            }
            rows++;
        }
        if (cols < 0) throw new DataFileException(source, "no data: the file has no rows");
        if (names == null) {
            names = new ArrayList<>();
            for (int k = 0; k < cols; k++) names.add("c" + k);
        }
        return new Table(names, NumericArray.wrap(new int[] {rows, cols}, Arrays.copyOf(data, rows * cols)));
    }

    private static String name(List<String> names, int k) {
        return names == null ? Integer.toString(k) : "'" + names.get(k) + "'";
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return !s.isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
