package org.engram.brainscales.mapping;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class HardwareTimeTest {
    private final HardwareTime t = new HardwareTime(1000);

    @Test
    void biologicalMillisecondsBecomeHardwareMicroseconds() {
        assertEquals(48.8e-6, t.toHardware(48.8e-3), 1e-18);
        assertEquals(28.8, t.toHardware(8 * 3600), 1e-9);
        assertEquals(8e-6, t.resolution(), 1e-18);        // one 8 ns cycle is 8 µs of biology
        assertEquals(375, t.cycles(3e-3));                 // a 3 ms delay: 3 µs = 375 cycles
        assertEquals(3e-3, t.biological(375), 1e-15);
        assertEquals(4e-6, t.quantisationError(1.004e-3 - 8e-6), 1e-12);  // 996 µs lies halfway between cycles
    }

    @Test
    void protocolsLongerThanOneRunAreSplitIntoConsecutiveRuns() {
        double oneRun = t.maxRunBiological();
        assertEquals(34.36e3, oneRun, 10);                 // 2^32 x 8 ns x 1000 = 9.54 h
        assertEquals(1, t.runs(8 * 3600).size());
        var runs = t.runs(15 * 3600);
        assertEquals(2, runs.size());
        assertEquals(0, runs.get(0).start());
        assertEquals(runs.get(0).stop(), runs.get(1).start(), 0);
        assertEquals(15 * 3600, runs.get(1).stop(), 1e-6);
        assertEquals(HardwareTime.MAX_RUN_CYCLES, runs.get(0).cycles());
        assertEquals(t.cycles(15 * 3600), runs.get(0).cycles() + runs.get(1).cycles());
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new HardwareTime(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new HardwareTime(0.5));
        assertThrows(IllegalArgumentException.class, () -> t.cycles(-1));
        assertThrows(IllegalArgumentException.class, () -> t.cycles(Double.POSITIVE_INFINITY));
    }

    @Test
    void rangesAreTheCalibratableOnes() {
        assertTrue(HardwareTime.TAU_MEM.contains(t.toHardware(10e-3)));
        assertFalse(HardwareTime.TAU_MEM.contains(t.toHardware(100e-3)));
        assertTrue(HardwareTime.TAU_SYN.contains(t.toHardware(5e-3)));
        assertFalse(HardwareTime.CORRELATION.contains(t.toHardware(48.8e-3)));
        assertTrue(HardwareTime.REFRACTORY.contains(t.toHardware(2e-3)));
    }
}
