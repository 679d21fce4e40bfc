package org.engram.hal.io.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class NumericCsvTest {
    @Test void readsNamedColumns() {
        NumericCsv.Table t = NumericCsv.parse("# lorenz, z-scored\nx, y ,z\n0.5,1,-2\n\n3e-1, 0, 7\n", "in.csv");
        assertEquals(List.of("x", "y", "z"), t.names());
        assertArrayEquals(new int[] {2, 3}, t.values().shape());
        assertEquals(0.3, t.values().get(1, 0));
        assertEquals(-2, t.values().get(0, 2));
    }

    @Test void withoutHeaderColumnsAreNumbered() {
        NumericCsv.Table t = NumericCsv.parse("1\n2\n", "u.csv");
        assertEquals(List.of("c0"), t.names());
        assertArrayEquals(new double[] {1, 2}, t.values().toArray());
    }

    @Test void errorsNameFileLineColumnAndRule() {
        assertEquals("in.csv:3: column 'y': 'a' is not a number",
                assertThrows(DataFileException.class, () -> NumericCsv.parse("x,y\n1,2\n3,a\n", "in.csv")).getMessage());
        assertEquals("in.csv:2: column 1: NaN is not finite",
                assertThrows(DataFileException.class, () -> NumericCsv.parse("1,2\n3,NaN\n", "in.csv")).getMessage());
        assertEquals("in.csv:2: 1 fields, but the first line has 2: every row needs the same columns",
                assertThrows(DataFileException.class, () -> NumericCsv.parse("1,2\n3\n", "in.csv")).getMessage());
        assertEquals("in.csv: no data: the file has no rows",
                assertThrows(DataFileException.class, () -> NumericCsv.parse("# nothing\n", "in.csv")).getMessage());
    }
}
