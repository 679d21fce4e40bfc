package org.engram.hal.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ProtocolTest {
    static final Recording.Spikes SPIKES = new Recording.Spikes("s", "e", NeuronSelection.ALL);

    static Analysis.PatternCompletion pc(String spikes) {
        return new Analysis.PatternCompletion("q", spikes, NeuronSelection.range(0, 10), NeuronSelection.range(0, 5), 1, 1.5);
    }

    @Test
    void oldConstructorsKeepTheirMeaning() {
        Protocol p = new Protocol(10, 0, List.of(), List.of(), List.of(SPIKES));
        assertEquals(List.of(), p.fastForward());
        assertEquals(List.of(), p.analyses());
        assertEquals(0, SPIKES.start());
        assertEquals(Double.POSITIVE_INFINITY, SPIKES.stop());
        assertTrue(SPIKES.covers(1e9));
        var t = new Recording.Trace("h", TraceVariable.H, "", NeuronSelection.ALL, "ee", List.of(), 1, 0, 10);
        assertEquals(Reduction.NONE, t.reduce());
        assertEquals(NeuronSelection.ALL, t.preSelect());
        assertEquals(NeuronSelection.ALL, t.postSelect());
    }

    @Test
    void fastForwardWindowsAreSortedAndRemovable() {
        Protocol p = new Protocol(100, 0, List.of(), List.of(), List.of(SPIKES),
                List.of(new FastForward(50, 60), new FastForward(10, 20)), List.of(pc("s")));
        assertEquals(List.of(new FastForward(10, 20), new FastForward(50, 60)), p.fastForward());
        assertEquals(new FastForward(10, 20), p.fastForwardAt(10).orElseThrow());
        assertTrue(p.fastForwardAt(20).isEmpty(), "stop is exclusive");
        Protocol full = p.withoutFastForward();
        assertEquals(List.of(), full.fastForward());
        assertEquals(p.analyses(), full.analyses());
        assertEquals(p.recordings(), full.recordings());
    }

    @Test
    void badFastForwardWindowsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new FastForward(5, 5));
        assertThrows(IllegalArgumentException.class, () -> new FastForward(-1, 5));
        var ex = assertThrows(IllegalArgumentException.class, () -> new Protocol(10, 0, List.of(), List.of(), List.of(),
                List.of(new FastForward(1, 5), new FastForward(4, 6)), List.of()));
        assertTrue(ex.getMessage().contains("overlap"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class, () -> new Protocol(10, 0, List.of(), List.of(), List.of(),
                List.of(new FastForward(1, 11)), List.of()));
        assertTrue(ex.getMessage().contains("ends after the run"), ex.getMessage());
    }

    @Test
    void analysesNeedASpikeRecordingAndUniqueNames() {
        var ex = assertThrows(IllegalArgumentException.class, () -> new Protocol(10, 0, List.of(), List.of(), List.of(SPIKES),
                List.of(), List.of(pc("nope"))));
        assertTrue(ex.getMessage().contains("no spike recording named 'nope'"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Protocol(10, 0, List.of(), List.of(), List.of(SPIKES),
                List.of(), List.of(pc("s"), pc("s"))));
    }

    @Test
    void traceSelectionsMustFitTheVariable() {
        var inside = NeuronSelection.range(0, 3);
        var ex = assertThrows(IllegalArgumentException.class, () -> new Recording.Trace("v", TraceVariable.V, "e", NeuronSelection.ALL,
                "", List.of(), 1, 0, 1, Reduction.MEAN, inside, NeuronSelection.ALL));
        assertTrue(ex.getMessage().contains("synapse variables"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class, () -> new Recording.Trace("h", TraceVariable.H, "", NeuronSelection.ALL,
                "ee", List.of(new Recording.SynapseRef(0, 1)), 1, 0, 1, Reduction.MEAN, inside, NeuronSelection.ALL));
        assertTrue(ex.getMessage().contains("not both"), ex.getMessage());
    }
}
