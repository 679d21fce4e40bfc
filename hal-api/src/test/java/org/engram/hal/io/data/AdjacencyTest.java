package org.engram.hal.io.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class AdjacencyTest {
    static final String M = """
            # 3 x 4, np.savetxt style comment
            0 1 0 1
            1.0 0 0 0

            0\t0 1.000000000000000000e+00 1
            """;

    @Test void readsBinaryText() {
        AdjacencyMatrix m = AdjacencyText.parse(M, "m.txt", false);
        assertEquals(3, m.rows());
        assertEquals(4, m.cols());
        assertEquals(5, m.connections());
        assertFalse(m.weighted());
        assertEquals(1, m.get(0, 3));
        assertEquals(0, m.get(0, 0));
        EdgeList all = m.edges();
        assertArrayEquals(new int[] {0, 0, 1, 2, 2}, all.pre());
        assertArrayEquals(new int[] {1, 3, 0, 2, 3}, all.post());
        assertNull(all.weight());
    }

    @Test void blockTakesRowsAndColumnsWithLocalIndices() {
        AdjacencyMatrix m = AdjacencyText.parse(M, "m.txt", false);
        EdgeList b = m.block(1, 2, 2, 2); // rows 1..2, columns 2..3
        assertArrayEquals(new int[] {1, 1}, b.pre());
        assertArrayEquals(new int[] {0, 1}, b.post());
        EdgeList corner = m.block(0, 1, 0, 2);
        assertArrayEquals(new int[] {0}, corner.pre());
        assertArrayEquals(new int[] {1}, corner.post());
        assertEquals(0, m.block(3, 0, 0, 4).size());
        String rows = assertThrows(DataFileException.class, () -> m.block(2, 2, 0, 1)).getMessage();
        assertEquals("m.txt: block rows [2, 4) lie outside the matrix's 3 rows", rows);
        String cols = assertThrows(DataFileException.class, () -> m.block(0, 1, 3, 2)).getMessage();
        assertEquals("m.txt: block columns [3, 5) lie outside the matrix's 4 columns", cols);
    }

    @Test void weightedKeepsNonzeroValues() {
        AdjacencyMatrix m = AdjacencyText.parse("0 -0.5\n2.25 0.0\n", "w.txt", true);
        assertTrue(m.weighted());
        EdgeList e = m.edges();
        assertArrayEquals(new int[] {0, 1}, e.pre());
        assertArrayEquals(new int[] {1, 0}, e.post());
        assertArrayEquals(new double[] {-0.5, 2.25}, e.weight());
    }

    static String error(String text, boolean weighted) {
        return assertThrows(DataFileException.class, () -> AdjacencyText.parse(text, "a.txt", weighted)).getMessage();
    }

    @Test void errorsNameFileRowColumnAndRule() {
        assertEquals("a.txt:2: row 1, column 2: 2.0 is not 0 or 1 (read the file as weights to allow other values)",
                error("0 0 0\n0 1 2\n", false));
        assertEquals("a.txt:3: row 1 has 2 columns, row 0 has 3: rows must all be the same length", error("0 0 0\n\n0 1\n", false));
        assertEquals("a.txt:2: row 1 has more than the 2 columns of row 0: rows must all be the same length",
                error("0 0\n0 1 1\n", false));
        assertEquals("a.txt:1: row 0, column 1: 'x' is not a number", error("0 x\n", false));
        assertEquals("a.txt:1: row 0, column 0: NaN is not a finite weight", error("NaN 1\n", true));
    }

    @Test void npyMatrixGivesTheSameBlocks(@TempDir Path dir) throws IOException {
        AdjacencyMatrix text = AdjacencyText.parse(M, "m.txt", false);
        double[] dense = new double[12];
        for (int r = 0; r < 3; r++) for (int c = 0; c < 4; c++) dense[r * 4 + c] = text.get(r, c);
        Path npy = dir.resolve("m.npy");
        NpyFile.write(npy, NumericArray.matrix(3, 4, dense));
        AdjacencyMatrix fromNpy = AdjacencyMatrix.read(npy, false);
        assertEquals(text.block(1, 2, 1, 3), fromNpy.block(1, 2, 1, 3));
        dense[5] = 3;
        var ex = assertThrows(DataFileException.class,
                () -> AdjacencyMatrix.fromDense(NumericArray.matrix(3, 4, dense), "m.npy", false));
        assertTrue(ex.getMessage().startsWith("m.npy: row 1, column 1: 3.0 is not 0 or 1"), ex.getMessage());
        assertTrue(assertThrows(DataFileException.class,
                () -> AdjacencyMatrix.fromDense(NumericArray.vector(new double[3]), "v.npy", false)).getMessage()
                .contains("must be 2-D"));
    }

    @Test void writerAndReaderRoundTripBinaryAndWeighted(@TempDir Path dir) throws IOException {
        SplittableRandom rng = new SplittableRandom(7);
        AdjacencyMatrix.Builder b = AdjacencyMatrix.builder(50, 40, false);
        AdjacencyMatrix.Builder bw = AdjacencyMatrix.builder(50, 40, true);
        for (int r = 0; r < 50; r++) {
            for (int c = 0; c < 40; c++) {
                if (rng.nextDouble() < 0.1) {
                    b.add(r, c, 1);
                    bw.add(r, c, rng.nextDouble() - 0.5);
                }
            }
        }
        AdjacencyMatrix m = b.build(), mw = bw.build();
        Path f = dir.resolve("net.txt"), fw = dir.resolve("w.txt");
        AdjacencyText.write(f, m);
        AdjacencyText.write(fw, mw);
        assertEquals(m.edges(), AdjacencyMatrix.read(f, false).edges());
        assertEquals(mw.edges(), AdjacencyMatrix.read(fw, true).edges(), "weights survive Double.toString exactly");
        assertEquals(50, Files.readAllLines(f).size());
        assertEquals(2 * 40, Files.readAllLines(f).get(0).length() + 1);
    }

    @Test void builderPlacesBlocksAndRefusesTwoConnectionsInOneCell() {
        // E = rows/cols 0..2, I = 3..4: E->I edges go at row offset 0, column offset 3
        EdgeList ei = new EdgeList(new int[] {0, 2}, new int[] {1, 0}, null, null);
        AdjacencyMatrix m = AdjacencyMatrix.builder(5, 5, false).addBlock(0, 3, ei).add(4, 4, 1).build();
        assertEquals(ei, m.block(0, 3, 3, 2));
        assertEquals(1, m.get(4, 4));
        var dup = assertThrows(IllegalArgumentException.class,
                () -> AdjacencyMatrix.builder(2, 2, false).add(1, 0, 1).add(1, 0, 1).build());
        assertTrue(dup.getMessage().contains("cell (1, 0) is set twice"));
        assertThrows(IllegalArgumentException.class, () -> AdjacencyMatrix.builder(2, 2, false).add(2, 0, 1));
    }

    /** A 2000 x 2000 exported network (10 % density) must read in well under a second. */
    @Test void reads2000x2000Quickly(@TempDir Path dir) throws IOException {
        int n = 2000;
        SplittableRandom rng = new SplittableRandom(1);
        StringBuilder sb = new StringBuilder(n * n * 2);
        int ones = 0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                boolean one = rng.nextInt(10) == 0;
                ones += one ? 1 : 0;
                sb.append(one ? '1' : '0').append(c + 1 < n ? ' ' : '\n');
            }
        }
        Path f = dir.resolve("big.txt");
        Files.writeString(f, sb, StandardCharsets.US_ASCII);
        long best = Long.MAX_VALUE;
        AdjacencyMatrix m = null;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            m = AdjacencyText.read(f, false);
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf("AdjacencyText: 2000 x 2000 (%d connections) read in %.1f ms (best of 3)%n", ones, best / 1e6);
        assertEquals(n, m.rows());
        assertEquals(ones, m.connections());
        assertTrue(best < 900_000_000L, "read took " + best / 1e6 + " ms"); // 64 ms idle, 264 ms on a loaded machine
        // the four E/I blocks of an 1600 E + 400 I network partition the connections
        int e = 1600, in = 400;
        int total = m.block(0, e, 0, e).size() + m.block(0, e, e, in).size() + m.block(e, in, 0, e).size()
                + m.block(e, in, e, in).size();
        assertEquals(ones, total);
        long t0 = System.nanoTime();
        AdjacencyText.write(dir.resolve("out.txt"), m);
        System.out.printf("AdjacencyText: 2000 x 2000 written in %.1f ms%n", (System.nanoTime() - t0) / 1e6);
        assertEquals(Files.size(f), Files.size(dir.resolve("out.txt")));
    }
}
