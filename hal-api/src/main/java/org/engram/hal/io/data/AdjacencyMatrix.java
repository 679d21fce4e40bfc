package org.engram.hal.io.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * A connectivity matrix (rows = presynaptic, columns = postsynaptic) held sparsely in compressed-row
 * form: a 2000 x 2000 matrix at 10 % density is 400 k column indices, not 4 M cells. Binary matrices
 * carry no weights; weighted ones carry the nonzero value of each cell. Immutable.
 *
 * <p>{@link #block} cuts out the rows [r0, r0 + nPre) and columns [c0, c0 + nPost) as an
 * {@link EdgeList} with indices local to the block, so one exported network file gives the E&rarr;E,
 * E&rarr;I, I&rarr;E and I&rarr;I projections.
 */
public final class AdjacencyMatrix {
    private final String source;
    private final int rows, cols;
    private final int[] rowStart; // rows + 1 entries
    private final int[] col;      // ascending within a row
    private final double[] weight; // null when binary

    AdjacencyMatrix(String source, int rows, int cols, int[] rowStart, int[] col, double[] weight) {
        this.source = source;
        this.rows = rows;
        this.cols = cols;
        this.rowStart = rowStart;
        this.col = col;
        this.weight = weight;
    }

    /**
     * Reads a matrix file: {@code .npy} by its extension (via {@link NpyFile}), anything else as
     * whitespace-separated text (via {@link AdjacencyText}).
     */
    public static AdjacencyMatrix read(Path file, boolean weighted) throws IOException {
        if (file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            return fromDense(NpyFile.read(file), file.toString(), weighted);
        }
        return AdjacencyText.read(file, weighted);
    }

    /**
     * From a 2-D array such as a {@code .npy} file: binary allows only 0 and 1; weighted takes every
     * nonzero finite value as a connection with that weight.
     */
    public static AdjacencyMatrix fromDense(NumericArray a, String source, boolean weighted) {
        if (a.ndim() != 2) {
            throw new DataFileException(source, "an adjacency matrix must be 2-D, shape is " + a.shapeString());
        }
        Builder b = new Builder(source, a.rows(), a.cols(), weighted);
        int cols = a.cols();
        for (int r = 0; r < a.rows(); r++) {
            for (int c = 0; c < cols; c++) {
                double v = a.get(r * cols + c);
                if (v == 0) continue;
                check(v, weighted, source, -1, r, c);
                b.add(r, c, v);
            }
        }
        return b.build();
    }

    static void check(double v, boolean weighted, String source, long line, int r, int c) {
        if (weighted ? !Double.isFinite(v) : v != 1 && v != 0) {
            throw new DataFileException(source, line, "row " + r + ", column " + c + ": " + v
                    + (weighted ? " is not a finite weight" : " is not 0 or 1 (read the file as weights to allow other values)"));
        }
    }

    public static Builder builder(int rows, int cols, boolean weighted) {
        return new Builder(null, rows, cols, weighted);
    }

    public String source() { return source; }

    public int rows() { return rows; }

    public int cols() { return cols; }

    public boolean weighted() { return weight != null; }

    /** The number of connections (nonzero cells). */
    public int connections() { return col.length; }

    /** The value of cell (r, c): 0 when absent, 1 or the weight when present. */
    public double get(int r, int c) {
        if (r < 0 || r >= rows || c < 0 || c >= cols) throw new IndexOutOfBoundsException("(" + r + ", " + c + ")");
        int k = Arrays.binarySearch(col, rowStart[r], rowStart[r + 1], c);
        return k < 0 ? 0 : weight == null ? 1 : weight[k];
    }

    /** The whole matrix as edges (pre = row, post = column), ordered by row then column. */
    public EdgeList edges() { return block(0, rows, 0, cols); }

    /**
     * Rows [r0, r0 + nPre) and columns [c0, c0 + nPost) as edges with local indices (pre = row - r0,
     * post = column - c0), ordered by row then column; weights when the matrix is weighted.
     */
    public EdgeList block(int r0, int nPre, int c0, int nPost) {
        if (r0 < 0 || nPre < 0 || (long) r0 + nPre > rows) {
            throw new DataFileException(source, "block rows [" + r0 + ", " + ((long) r0 + nPre) + ") lie outside the matrix's "
                    + rows + " rows");
        }
        if (c0 < 0 || nPost < 0 || (long) c0 + nPost > cols) {
            throw new DataFileException(source, "block columns [" + c0 + ", " + ((long) c0 + nPost)
                    + ") lie outside the matrix's " + cols + " columns");
        }
        int n = 0;
        int[] lo = new int[nPre], hi = new int[nPre];
        for (int i = 0; i < nPre; i++) {
            int r = r0 + i;
            lo[i] = lowerBound(rowStart[r], rowStart[r + 1], c0);
            hi[i] = lowerBound(lo[i], rowStart[r + 1], c0 + nPost);
            n += hi[i] - lo[i];
        }
        int[] pre = new int[n], post = new int[n];
        double[] w = weight == null ? null : new double[n];
        int k = 0;
        for (int i = 0; i < nPre; i++) {
            for (int j = lo[i]; j < hi[i]; j++, k++) {
                pre[k] = i;
                post[k] = col[j] - c0;
                if (w != null) w[k] = weight[j];
            }
        }
        return new EdgeList(pre, post, w, null);
    }

    private int lowerBound(int from, int to, int c) {
        int k = Arrays.binarySearch(col, from, to, c);
        return k >= 0 ? k : -k - 1;
    }

    /** Row r's columns in ascending order (for writers). */
    int rowStart(int r) { return rowStart[r]; }

    int colAt(int k) { return col[k]; }

    double weightAt(int k) { return weight == null ? 1 : weight[k]; }

    @Override public String toString() {
        return "AdjacencyMatrix[" + rows + " x " + cols + ", " + col.length + " connections" + (weight != null ? ", weighted" : "") + "]";
    }

    /**
     * Collects connections in any order (e.g. each generated projection at its row and column offset)
     * and sorts them into rows. A cell set twice is an error: a matrix cannot hold two synapses there.
     */
    public static final class Builder {
        private final String source;
        private final int rows, cols;
        private final boolean weighted;
        private long[] cell = new long[1024];
        private double[] w;
        private int n;

        Builder(String source, int rows, int cols, boolean weighted) {
            if (rows < 0 || cols < 0) throw new IllegalArgumentException("matrix shape " + rows + " x " + cols + " is negative");
            this.source = source;
            this.rows = rows;
            this.cols = cols;
            this.weighted = weighted;
            this.w = weighted ? new double[1024] : null;
        }

        /** Connection (r, c); {@code value} is the weight when weighted, ignored otherwise. */
        public Builder add(int r, int c, double value) {
            if (r < 0 || r >= rows || c < 0 || c >= cols) {
                throw new IllegalArgumentException("cell (" + r + ", " + c + ") lies outside the " + rows + " x " + cols + " matrix");
            }
            if (weighted && (value == 0 || !Double.isFinite(value))) {
                throw new IllegalArgumentException("cell (" + r + ", " + c + "): weight " + value
                        + " cannot be stored (0 means no connection; it must be finite)");
            }
            if (n == cell.length) {
                cell = Arrays.copyOf(cell, 2 * n);
                if (w != null) w = Arrays.copyOf(w, 2 * n);
            }
            cell[n] = (long) r * cols + c;
            if (w != null) w[n] = value;
            n++;
            return this;
        }

        /** Every edge of {@code e} at rows r0 + pre, columns c0 + post (weights from {@code e} when weighted). */
        public Builder addBlock(int r0, int c0, EdgeList e) {
            if (weighted && !e.hasWeight()) throw new IllegalArgumentException("a weighted matrix needs edges with weights");
            for (int k = 0; k < e.size(); k++) add(r0 + e.pre(k), c0 + e.post(k), weighted ? e.weight(k) : 1);
            return this;
        }

        public AdjacencyMatrix build() {
            Integer[] order = null;
            long[] sorted;
            double[] sw = null;
            if (w == null) {
                sorted = Arrays.copyOf(cell, n);
                Arrays.sort(sorted);
            } else {
                order = new Integer[n];
                for (int k = 0; k < n; k++) order[k] = k;
                Arrays.sort(order, (a, b) -> Long.compare(cell[a], cell[b]));
                sorted = new long[n];
                sw = new double[n];
                for (int k = 0; k < n; k++) {
                    sorted[k] = cell[order[k]];
                    sw[k] = w[order[k]];
                }
            }
            int[] rowStart = new int[rows + 1];
            int[] col = new int[n];
            for (int k = 0; k < n; k++) {
                if (k > 0 && sorted[k] == sorted[k - 1]) {
                    throw new IllegalArgumentException("cell (" + sorted[k] / cols + ", " + sorted[k] % cols
                            + ") is set twice: a matrix holds at most one connection per pair");
                }
                rowStart[(int) (sorted[k] / cols) + 1]++;
                col[k] = (int) (sorted[k] % cols);
            }
            for (int r = 0; r < rows; r++) rowStart[r + 1] += rowStart[r];
            return new AdjacencyMatrix(source, rows, cols, rowStart, col, sw);
        }
    }
}
