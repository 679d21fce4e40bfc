package org.engram.hal.io.data;

import java.util.Arrays;

/**
 * An immutable 1-D or 2-D array of doubles in row-major (C) order: what a {@code .npy} file or a
 * numeric text file holds once read. A 1-D array of length n has {@code rows() == n} and
 * {@code cols() == 1}, so a time series of one dimension and a column vector read alike.
 */
public final class NumericArray {
    private final int[] shape;
    private final double[] data;

    private NumericArray(int[] shape, double[] data) {
        this.shape = shape;
        this.data = data;
    }

    /** A 1-D array holding a copy of {@code values}. */
    public static NumericArray vector(double[] values) {
        return new NumericArray(new int[] {values.length}, values.clone());
    }

    /** A rows x cols array holding a copy of {@code rowMajor}. */
    public static NumericArray matrix(int rows, int cols, double[] rowMajor) {
        if (rows < 0 || cols < 0) throw new IllegalArgumentException("shape (" + rows + ", " + cols + ") is negative");
        if ((long) rows * cols != rowMajor.length) {
            throw new IllegalArgumentException("shape (" + rows + ", " + cols + ") needs " + (long) rows * cols
                    + " values, got " + rowMajor.length);
        }
        return new NumericArray(new int[] {rows, cols}, rowMajor.clone());
    }

    /** Takes ownership of {@code data} (no copy): only for readers in this package that built it. */
    static NumericArray wrap(int[] shape, double[] data) {
        return new NumericArray(shape.clone(), data);
    }

    public int ndim() { return shape.length; }

    public int[] shape() { return shape.clone(); }

    public int rows() { return shape[0]; }

    public int cols() { return shape.length == 2 ? shape[1] : 1; }

    public int size() { return data.length; }

    /** Element i of the row-major data. */
    public double get(int i) { return data[i]; }

    /** Element (row, col); for a 1-D array col must be 0. */
    public double get(int row, int col) {
        if (row < 0 || row >= rows() || col < 0 || col >= cols()) {
            throw new IndexOutOfBoundsException("(" + row + ", " + col + ") outside shape " + shapeString());
        }
        return data[row * cols() + col];
    }

    /** A copy of the row-major data. */
    public double[] toArray() { return data.clone(); }

    /** The shape as NumPy prints it: {@code (3,)} or {@code (3, 4)}. */
    public String shapeString() {
        return shape.length == 1 ? "(" + shape[0] + ",)" : "(" + shape[0] + ", " + shape[1] + ")";
    }

    @Override public boolean equals(Object o) {
        return o instanceof NumericArray a && Arrays.equals(shape, a.shape) && Arrays.equals(data, a.data);
    }

    @Override public int hashCode() { return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data); }

    @Override public String toString() { return "NumericArray" + shapeString(); }
}
