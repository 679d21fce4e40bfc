package org.engram.hal.io.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A connectivity matrix as whitespace-separated text, one row per line (rows = presynaptic, columns =
 * postsynaptic), as other simulators export a whole network ({@code np.savetxt} writes this shape).
 * Blank lines and {@code #} comments are skipped. Binary: every value must equal 0 or 1 ({@code 1},
 * {@code 1.0} and {@code 1.000000000000000000e+00} alike). Weighted: every nonzero finite value is a
 * connection with that weight.
 *
 * <p>The reader streams bytes and parses the common single-digit tokens without building strings,
 * so a 2000 x 2000 file (8 MB) reads in tens of milliseconds.
 */
public final class AdjacencyText {
    private AdjacencyText() {}

    public static AdjacencyMatrix read(Path file, boolean weighted) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), weighted);
        }
    }

    public static AdjacencyMatrix parse(String text, String source, boolean weighted) {
        try {
            return read(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), source, weighted);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public static AdjacencyMatrix read(InputStream in, String source, boolean weighted) throws IOException {
        return new Parser(in, source, weighted).parse();
    }

    /** Writes the matrix as text: 0/1 when binary, the weight ({@link Double#toString}) or 0 when weighted. */
    public static void write(Path file, AdjacencyMatrix m) throws IOException {
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.US_ASCII), 1 << 16)) {
            write(w, m);
        }
    }

    public static void write(Writer out, AdjacencyMatrix m) throws IOException {
        int cols = m.cols();
        if (!m.weighted()) {
            char[] line = new char[Math.max(2 * cols, 1)];
            for (int r = 0; r < m.rows(); r++) {
                for (int c = 0; c < cols; c++) {
                    line[2 * c] = '0';
                    line[2 * c + 1] = ' ';
                }
                for (int k = m.rowStart(r); k < m.rowStart(r + 1); k++) line[2 * m.colAt(k)] = '1';
                line[Math.max(2 * cols - 1, 0)] = '\n';
                out.write(line, 0, Math.max(2 * cols, 1));
            }
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < m.rows(); r++) {
            sb.setLength(0);
            int k = m.rowStart(r), end = m.rowStart(r + 1);
            for (int c = 0; c < cols; c++) {
                if (c > 0) sb.append(' ');
                if (k < end && m.colAt(k) == c) sb.append(m.weightAt(k++));
                else sb.append('0');
            }
            sb.append('\n');
            out.append(sb);
        }
    }

    private static final class Parser {
        private final InputStream in;
        private final String source;
        private final boolean weighted;
        private final byte[] buf = new byte[1 << 16];
        private int pos, limit;
        private final byte[] token = new byte[64];

        private int[] rowStart = new int[1025];
        private int[] col = new int[1 << 14];
        private double[] w;
        private int n, rows, cols = -1;
        private long line = 1;

        Parser(InputStream in, String source, boolean weighted) {
            this.in = in;
            this.source = source;
            this.weighted = weighted;
            this.w = weighted ? new double[col.length] : null;
        }

        private int next() throws IOException {
            if (pos == limit) {
                limit = in.read(buf, 0, buf.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return -1;
                }
            }
            return buf[pos++];
        }

        AdjacencyMatrix parse() throws IOException {
            int c = next();
            int column = 0;
            while (c != -1) {
                if (c == ' ' || c == '\t' || c == '\r') {
                    c = next();
                } else if (c == '\n' || c == '#') {
                    if (c == '#') while (c != '\n' && c != -1) c = next();
                    if (column > 0) endRow(column);
                    column = 0;
                    if (c == '\n') {
                        line++;
                        c = next();
                    }
                } else {
                    int len = 0;
                    while (c != -1 && c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '#') {
                        if (len == token.length) throw new DataFileException(source, line, "row " + rows + ", column "
                                + column + ": a value longer than " + token.length + " characters");
                        token[len++] = (byte) c;
                        c = next();
                    }
                    double v = len == 1 && (token[0] == '0' || token[0] == '1') ? token[0] - '0' : number(len, column);
                    if (cols >= 0 && column >= cols) {
                        throw new DataFileException(source, line, "row " + rows + " has more than the " + cols
                                + " columns of row 0: rows must all be the same length");
                    }
                    if (v != 0) {
                        AdjacencyMatrix.check(v, weighted, source, line, rows, column);
                        add(column, v);
                    }
                    column++;
                }
            }
            if (column > 0) endRow(column);
            if (cols < 0) cols = 0;
            return new AdjacencyMatrix(source, rows, cols, Arrays.copyOf(rowStart, rows + 1), Arrays.copyOf(col, n),
                    w == null ? null : Arrays.copyOf(w, n));
        }

        private double number(int len, int column) {
            String s = new String(token, 0, len, StandardCharsets.ISO_8859_1);
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new DataFileException(source, line, "row " + rows + ", column " + column + ": '" + s + "' is not a number");
            }
        }

        private void add(int column, double v) {
            if (n == col.length) {
                col = Arrays.copyOf(col, 2 * n);
                if (w != null) w = Arrays.copyOf(w, 2 * n);
            }
            col[n] = column;
            if (w != null) w[n] = v;
            n++;
        }

        private void endRow(int columns) {
            if (cols < 0) cols = columns;
            else if (columns != cols) {
                throw new DataFileException(source, line, "row " + rows + " has " + columns + " columns, row 0 has "
                        + cols + ": rows must all be the same length");
            }
            rows++;
            if (rows + 1 > rowStart.length) rowStart = Arrays.copyOf(rowStart, 2 * rowStart.length);
            rowStart[rows] = n;
        }
    }
}
