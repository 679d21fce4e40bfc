package org.engram.hal.io.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class EdgeListCsvTest {

    @Test void readsPrePostWeightDelayWithCommentsBlankLinesAndSpaces() {
        EdgeList e = EdgeListCsv.parse("""
                # exported network
                0, 1, 0.5, 1.5

                  2 ,0,-1.25,0
                # done
                1,1,3e-1,2
                """, "e.csv");
        assertEquals(3, e.size());
        assertArrayEquals(new int[] {0, 2, 1}, e.pre());
        assertArrayEquals(new int[] {1, 0, 1}, e.post());
        assertArrayEquals(new double[] {0.5, -1.25, 0.3}, e.weight());
        assertArrayEquals(new double[] {1.5, 0, 2}, e.delay());
        assertEquals(3, e.preExtent());
        assertEquals(2, e.postExtent());
    }

    @Test void twoColumnsHaveNoWeightsOrDelays() {
        EdgeList e = EdgeListCsv.parse("3,4\n5,6\n", "e.csv");
        assertFalse(e.hasWeight());
        assertFalse(e.hasDelay());
        assertNull(e.weight());
        assertEquals(6, e.post(1));
    }

    @Test void headerIsDetectedAndItsNamesOrderTheColumns() {
        EdgeList e = EdgeListCsv.parse("target,source,weight (mV)\n1,0,2.5\n0,3,1\n", "e.csv");
        assertArrayEquals(new int[] {0, 3}, e.pre());
        assertArrayEquals(new int[] {1, 0}, e.post());
        assertArrayEquals(new double[] {2.5, 1}, e.weight());
        assertFalse(e.hasDelay());
        // an empty file with a header is an empty projection with its columns
        EdgeList empty = EdgeListCsv.parse("pre,post,weight\n", "e.csv");
        assertEquals(0, empty.size());
        assertTrue(empty.hasWeight());
    }

    @Test void acceptsNumpySavetxtWholeNumbers() {
        EdgeList e = EdgeListCsv.parse("1.000000000000000000e+00,2.000000000000000000e+00\n", "e.csv");
        assertArrayEquals(new int[] {1}, e.pre());
        assertArrayEquals(new int[] {2}, e.post());
    }

    static String error(String text) {
        return assertThrows(DataFileException.class, () -> EdgeListCsv.parse(text, "net.csv")).getMessage();
    }

    @Test void errorsNameFileLineAndRule() {
        assertEquals("net.csv:2: pre index -1 is negative", error("0,1\n-1,2\n"));
        assertEquals("net.csv:1: post index 1.5 is not a whole number below 2^31", error("0,1.5\n"));
        assertEquals("net.csv:3: weight nan is not finite", error("# c\n0,1,1\n0,2,nan\n"));
        assertEquals("net.csv:1: weight inf is not finite", error("0,1,inf\n"));
        assertEquals("net.csv:1: delay -0.5 is not a finite number >= 0", error("0,1,1,-0.5\n"));
        assertEquals("net.csv:1: 5 fields: an edge is pre,post[,weight[,delay]]", error("0,1,1,1,1\n"));
        assertEquals("net.csv:1: 1 fields: an edge is pre,post[,weight[,delay]]", error("7\n"));
        assertEquals("net.csv:2: 3 fields, but the first line has 2: every line needs the same columns", error("0,1\n0,1,2\n"));
        assertEquals("net.csv:1: weight 'x' is not a number", error("0,1,x\n"));
        assertEquals("net.csv:1: header column 3 'strength' is not pre, post, weight or delay", error("pre,post,strength\n"));
        assertEquals("net.csv:1: header names pre twice", error("pre,source\n"));
    }

    @Test void populationSizesAreCheckedWhenGiven(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("e.csv");
        Files.writeString(f, "0,1\n4,0\n");
        assertEquals(2, EdgeListCsv.read(f).size());
        var ex = assertThrows(DataFileException.class, () -> EdgeListCsv.read(f, 4, 2));
        assertEquals(f + ":2: pre index 4 is outside the population of 4", ex.getMessage());
        assertEquals(2, ex.line());
        assertEquals(f.toString(), ex.source());
    }

    @Test void edgeListIsImmutable() {
        int[] pre = {1, 2};
        EdgeList e = new EdgeList(pre, new int[] {0, 0}, null, null);
        pre[0] = 9;
        e.pre()[1] = 9;
        assertArrayEquals(new int[] {1, 2}, e.pre());
        assertThrows(IllegalArgumentException.class, () -> new EdgeList(new int[1], new int[2], null, null));
    }
}
