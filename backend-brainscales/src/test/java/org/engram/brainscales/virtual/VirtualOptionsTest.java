package org.engram.brainscales.virtual;

import org.engram.hal.model.FastForward;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class VirtualOptionsTest {
    @Test
    void theDefaultStepIsTheEmulatorsStepAtTheSpeedUp() {
        assertEquals(25, VirtualOptions.parse("brainscales2:virtual").stepCycles());
        assertEquals(125, VirtualOptions.parse("brainscales2:virtual?speedup=200").stepCycles());
        assertEquals(50, VirtualOptions.parse("brainscales2:virtual?speedup=500").stepCycles());
        assertEquals(10, VirtualOptions.parse("brainscales2:virtual?speedup=300&step=10").stepCycles(), "an explicit step wins");
        var e = assertThrows(IllegalArgumentException.class, () -> VirtualOptions.parse("brainscales2:virtual?speedup=300"));
        assertTrue(e.getMessage().contains("83.33") && e.getMessage().contains("give step="), e.getMessage());
    }

    @Test
    void poissonTrainsPauseInsideFastForwardWindows() {
        var windows = List.of(new FastForward(2, 3), new FastForward(5, 6));
        assertArrayEquals(new double[][]{{0, 2}, {3, 5}, {6, 10}}, HostSpikes.active(0, 10, windows).toArray(double[][]::new));
        assertArrayEquals(new double[][]{{3, 4}}, HostSpikes.active(2.5, 4, windows).toArray(double[][]::new));
        assertEquals(0, HostSpikes.active(5.2, 5.8, windows).size());
        assertArrayEquals(new double[][]{{0, 10}}, HostSpikes.active(0, 10, List.of()).toArray(double[][]::new));
    }
}
