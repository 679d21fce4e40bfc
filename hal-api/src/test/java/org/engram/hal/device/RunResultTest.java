package org.engram.hal.device;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A result cannot change once made: neither through the arrays it was built from nor through what it returns. */
class RunResultTest {
    private static final Provenance PROV = new Provenance("test:", "test", "0", 1, "r", "", Instant.EPOCH, 0, 0, 1);

    private final double[] times = {0.1, 0.2, 0.3};
    private final int[] neurons = {4, 5, 6};
    private final double[] sampleTimes = {0, 1};
    private final double[][] values = {{1, 2}, {3, 4}};
    private final List<String> labels = new ArrayList<>(List.of("a", "b"));

    private RunResult result() {
        return new RunResult(Map.of("s", new RunResult.SpikeData("p", times, neurons)),
                List.of(new RunResult.TraceData("t", "V", "mV", sampleTimes, labels, values)), List.of(), PROV);
    }

    @Test
    void mutatingWhatAccessorsReturnChangesNothing() {
        RunResult r = result();
        String digest = r.sha256();
        RunResult.SpikeData s = r.spikes().get("s");
        RunResult.TraceData t = r.trace("t").orElseThrow();
        s.times()[0] = 99;
        s.neurons()[0] = 99;
        t.times()[1] = 99;
        t.values()[0][0] = 99;
        t.series(1)[1] = 99;
        assertThrows(UnsupportedOperationException.class, () -> t.labels().set(0, "x"));
        assertEquals(digest, r.sha256());
        assertEquals(0.1, s.time(0));
        assertEquals(4, s.neuron(0));
        assertArrayEquals(new double[] {0.1, 0.2, 0.3}, s.times());
        assertArrayEquals(new double[] {0, 1}, t.times());
        assertEquals(1, t.value(0, 0));
        assertArrayEquals(new double[] {3, 4}, t.series(1));
    }

    @Test
    void mutatingTheArraysItWasBuiltFromChangesNothing() {
        RunResult r = result();
        String digest = r.sha256();
        times[0] = 99;
        neurons[0] = 99;
        sampleTimes[1] = 99;
        values[0][0] = 99;
        labels.set(0, "x");
        assertEquals(digest, r.sha256());
        RunResult.TraceData t = r.trace("t").orElseThrow();
        assertEquals(0.1, r.spikes().get("s").time(0));
        assertEquals(1, t.value(0, 0));
        assertEquals("a", t.labels().get(0));
        assertEquals(2, t.seriesCount());
        assertEquals(2, t.sampleCount());
    }

    @Test
    void spikeTimesAndNeuronsMustPair() {
        var e = assertThrows(IllegalArgumentException.class, () -> new RunResult.SpikeData("p", new double[2], new int[1]));
        assertTrue(e.getMessage().contains("2 times but 1 neurons"), e.getMessage());
    }
}
