package org.engram.hal.device;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class TimeBaseTest {
    final TimeBase sim = new TimeBase(0.2e-3, 1, 1L << 40);

    @Test
    void convertsBiologicalTimeToTicksAndBack() {
        assertEquals(144_000_000L, sim.exactTick("duration", 28800));
        assertEquals(94, sim.nearestTick(18.8e-3));
        assertEquals(3600.0, sim.toSeconds(18_000_000L), 1e-9);
        assertEquals(28.8, new TimeBase(8e-9 * 1000, 1000, 1L << 40).hardwareSeconds(28800), 1e-9);
    }

    @Test
    void rejectsWhatCannotBeRepresented() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> sim.exactTick("protocol.duration", 1.00003))
                .getMessage().contains("protocol.duration = 1.00003 s is not a multiple"));
        assertThrows(IllegalArgumentException.class, () -> sim.nearestTick(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> sim.nearestTick(-1));
        assertThrows(IllegalArgumentException.class, () -> new TimeBase(0.2e-3, 1, 10).nearestTick(1));
        assertFalse(sim.onGrid(1.00003));
        assertTrue(sim.onGrid(3600.2));
    }
}
