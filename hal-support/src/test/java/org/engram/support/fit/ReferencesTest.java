package org.engram.support.fit;

import org.engram.hal.device.FitReport.Issue;
import org.engram.hal.model.*;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ReferencesTest {
    static Experiment with(List<Projection> projections, List<Recording> recordings) {
        var pops = List.of(new Population("a", 4, NeuronKind.EXCITATORY), new Population("b", 4, NeuronKind.EXCITATORY));
        return new Experiment("refs", "", 1, new Network(pops, projections),
                new Protocol(0.1, 0, List.of(), List.of(), recordings));
    }

    static Projection projection(String name, String pre, String post) {
        return new Projection(name, pre, post, new Connector.AllToAll(false), new SynapseType.Static(1), 1e-3);
    }

    @Test
    void everyNameResolvesInAValidExperiment() {
        var e = with(List.of(projection("ab", "a", "b")), List.of(new Recording.Spikes("s", "a", NeuronSelection.ALL),
                new Recording.Trace("w", TraceVariable.W, "", NeuronSelection.ALL, "ab", List.of(), 0.01, 0, 0.1)));
        assertEquals(List.of(), References.check(e));
    }

    @Test
    void danglingNamesAreNamedWithTheirElement() {
        // the Network record refuses a projection between unknown populations itself; recordings are not checked there
        var e = with(List.of(projection("ab", "a", "b")), List.of(new Recording.Spikes("s", "x", NeuronSelection.ALL),
                new Recording.Trace("w", TraceVariable.W, "", NeuronSelection.ALL, "zz", List.of(), 0.01, 0, 0.1)));
        List<Issue> issues = References.check(e);
        assertEquals(List.of("protocol.recordings[0].spikes.population", "protocol.recordings[1].trace.projection"),
                issues.stream().map(Issue::element).toList());
        assertTrue(issues.get(0).message().contains("no population named 'x' (known: [a, b])"), issues.get(0).message());
        assertTrue(issues.get(1).message().contains("no projection named 'zz' (known: [ab])"), issues.get(1).message());
        assertTrue(issues.stream().allMatch(i -> i.rule().equals(References.RULE)));
    }
}
