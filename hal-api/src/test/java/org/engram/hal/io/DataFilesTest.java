package org.engram.hal.io;

import org.engram.hal.model.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Data files named by an experiment file are read into the experiment, relative to it, with errors by element. */
class DataFilesTest {
    @TempDir Path dir;

    private Experiment read(String yaml) throws IOException {
        Path file = dir.resolve("sub/experiment.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        return ExperimentFiles.read(file);
    }

    @Test
    void anEdgeListGivesConnectionsWeightsAndDelaysInItsOrder() throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/edges.csv"), "pre,post,weight,delay\n2,0,1.5,2\n0,1,0.5,1\n");
        Experiment e = read("""
                name: edges
                network:
                  populations: [{name: a, size: 3}, {name: b, size: 2}]
                  projections: [{name: ab, pre: a, post: b, connector: {from_file: {file: edges.csv}}, synapse: {static: {}}}]
                protocol: {duration: 1 s}
                """);
        Projection p = e.network().projections().get(0);
        var c = (Connector.Explicit) p.connector();
        assertArrayEquals(new int[] {2, 0}, c.pre());
        assertArrayEquals(new int[] {0, 1}, c.post());
        assertArrayEquals(new double[] {1.5, 0.5}, ((SynapseValues.PerSynapse) p.weights()).values(), "mV");
        assertArrayEquals(new double[] {2e-3, 1e-3}, ((SynapseValues.PerSynapse) p.delays()).values(), "ms -> s");
        // the model and its message carry the data, not the path: encode and decode without the file
        assertEquals(e, ExperimentCodec.toModel(ExperimentEncoder.encode(e), "again"));
    }

    @Test
    void aWholeNetworkMatrixGivesEachProjectionItsBlock() throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        // populations x (2) then y (1): rows = pre, columns = post
        Files.writeString(dir.resolve("sub/net.txt"), "0 1 1\n1 0 0\n0 1 0\n");
        Experiment e = read("""
                name: blocks
                network:
                  populations: [{name: x, size: 2}, {name: y, size: 1}]
                  projections:
                    - {name: xx, pre: x, post: x, connector: {from_file: {file: net.txt}}, synapse: {static: {weight: 1 mV}}}
                    - {name: xy, pre: x, post: y, connector: {from_file: {file: net.txt, column_offset: 2}}, synapse: {static: {weight: 1 mV}}}
                    - {name: yx, pre: y, post: x, connector: {from_file: {file: net.txt, row_offset: 2}}, synapse: {static: {weight: 1 mV}}}
                protocol: {duration: 1 s}
                """);
        var xx = (Connector.Explicit) e.network().projection("xx").orElseThrow().connector();
        var xy = (Connector.Explicit) e.network().projection("xy").orElseThrow().connector();
        var yx = (Connector.Explicit) e.network().projection("yx").orElseThrow().connector();
        assertArrayEquals(new int[] {0, 1}, xx.pre());
        assertArrayEquals(new int[] {1, 0}, xx.post());
        assertArrayEquals(new int[] {0}, xy.pre());
        assertArrayEquals(new int[] {0}, xy.post());
        assertArrayEquals(new int[] {0}, yx.pre());
        assertArrayEquals(new int[] {1}, yx.post());
    }

    @Test
    void inputSamplesComeFromACsvTable() throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/u.csv"), "x,y\n1,2\n3,4\n5,6\n");
        Experiment e = read("""
                name: in
                network:
                  populations: [{name: u, size: 2, input: {file: u.csv, sample_interval: 10 ms}}, {name: r, size: 1, rate: {}}]
                  projections: [{name: ur, pre: u, post: r, connector: {all_to_all: {}}, synapse: {static: {weight: "1"}}}]
                protocol: {duration: 30 ms}
                """);
        var in = (InputSource) e.network().population("u").orElseThrow().model();
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, ((InputSource.Data) in.series()).values());
    }

    @Test
    void problemsNameTheElementAndTheFile() throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/net.txt"), "0 1\n1 0\n");
        var ex = assertThrows(ExperimentFormatException.class, () -> read("""
                name: bad
                network:
                  populations: [{name: a, size: 2}, {name: u, size: 3, input: {file: missing.csv}}]
                  projections:
                    - {name: aa, pre: a, post: a, connector: {from_file: {file: net.txt, row_offset: 1}}, synapse: {static: {weight: 1 mV}}}
                protocol: {duration: 1 s}
                """));
        String m = ex.getMessage();
        assertTrue(m.contains("network.projections[0].connector.from_file.file") && m.contains("outside the matrix"), m);
        assertTrue(m.contains("network.populations[1].input.file") && m.contains("missing.csv"), m);
    }
}
