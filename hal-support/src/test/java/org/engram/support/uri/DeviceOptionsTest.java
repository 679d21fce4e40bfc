package org.engram.support.uri;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DeviceOptionsTest {
    private static final List<String> KNOWN = List.of("threads", "speedup");

    @Test
    void splitsPathAndTypedOptions() {
        DeviceOptions o = DeviceOptions.parse("sim:float64?threads=4&speedup=2.5", KNOWN);
        assertEquals("float64", o.path());
        assertEquals(4, o.integer("threads", 1, 1));
        assertEquals(2.5, o.number("speedup", 1));
        assertEquals("", DeviceOptions.parse("sim:", KNOWN).path());
        assertEquals(7, DeviceOptions.parse("sim:", KNOWN).integer("threads", 7));
    }

    @Test
    void unknownOptionNamesItAndTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> DeviceOptions.parse("sim:?thread=2", KNOWN));
        assertEquals("unknown option 'thread' in sim:?thread=2 (known: threads, speedup)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DeviceOptions.parse("echo:?x=1", List.of()));
        assertTrue(e.getMessage().contains("takes no options"), e.getMessage());
    }

    @Test
    void badValuesNameTheOption() {
        var e = assertThrows(IllegalArgumentException.class, () -> DeviceOptions.parse("sim:?threads=two", KNOWN).integer("threads", 1));
        assertTrue(e.getMessage().startsWith("option threads in sim:?threads=two: 'two' is not an integer"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DeviceOptions.parse("sim:?threads=0", KNOWN).integer("threads", 1, 1));
        assertTrue(e.getMessage().contains("must be at least 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DeviceOptions.parse("sim:?threads", KNOWN));
        assertTrue(e.getMessage().contains("needs a value"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DeviceOptions.parse("sim:?threads=1&threads=2", KNOWN));
        assertTrue(e.getMessage().contains("given twice"), e.getMessage());
    }
}
