package org.engram.cli;

import org.engram.hal.device.Devices;
import org.engram.hal.io.ExperimentFiles;
import org.engram.hal.model.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * P1's whole connectivity written as one adjacency matrix and read back by block: the same synapses,
 * so the same result bits as the generated network.
 */
class ConnectivityCommandTest {
    @TempDir Path tmp;

    @Test
    void p1ReadFromItsOwnMatrixGivesTheSameBits() throws IOException {
        CliRun run = CliRun.of("connectivity", "../examples/p1-consolidation-10s.yaml", "-o", tmp.resolve("p1-network.txt").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("2000 x 2000"), run.out());
        Path copy = tmp.resolve("p1-consolidation-10s-matrix.yaml");
        Files.copy(Path.of("../examples/p1-consolidation-10s-matrix.yaml"), copy);

        Experiment generated = ExperimentFiles.read(Path.of("../examples/p1-consolidation-10s.yaml"));
        Experiment fromFile = ExperimentFiles.read(copy);
        long synapses = 0;
        for (Projection p : fromFile.network().projections()) {
            assertInstanceOf(Connector.Explicit.class, p.connector(), p.name() + " is read into explicit connections");
            synapses += ((Connector.Explicit) p.connector()).size();
        }
        assertTrue(synapses > 350_000 && synapses < 450_000, "about 400 k synapses at p = 0.1: " + synapses);
        assertTrue(run.out().contains(synapses + " synapses"), run.out());

        // one second of background activity on both: every synapse takes part
        assertEquals(Devices.open("sim:").run(shortened(generated)).sha256(), Devices.open("sim:").run(shortened(fromFile)).sha256());
    }

    @Test
    void projectionsBetweenTheSamePopulationsCannotShareAMatrix() throws IOException {
        Path yaml = tmp.resolve("twice.yaml");
        Files.writeString(yaml, """
                name: twice
                network:
                  populations: [{name: a, size: 3}]
                  projections:
                    - {name: one, pre: a, post: a, connector: {all_to_all: {}}, synapse: {static: {weight: 1 mV}}}
                    - {name: two, pre: a, post: a, connector: {one_to_one: {}}, synapse: {static: {weight: 1 mV}}}
                protocol: {duration: 1 s}
                """);
        CliRun run = CliRun.of("connectivity", yaml.toString(), "-o", tmp.resolve("m.txt").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("'one' and 'two' connect the same populations"), run.err());
    }

    private static Experiment shortened(Experiment e) {
        Protocol p = e.protocol();
        List<Stimulus> background = p.stimuli().stream().filter(s -> s instanceof Stimulus.OuCurrent).toList();
        var spikes = new Recording.Spikes("spikes", "exc", NeuronSelection.ALL, 0, Double.POSITIVE_INFINITY);
        return e.withProtocol(new Protocol(1.0, p.dt(), background, List.of(), List.of(spikes), List.of(), List.of()));
    }
}
