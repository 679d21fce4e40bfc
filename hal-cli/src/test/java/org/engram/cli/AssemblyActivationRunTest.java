package org.engram.cli;

import com.google.protobuf.util.JsonFormat;
import org.engram.proto.v1.AssemblyActivationSummary;
import org.engram.proto.v1.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A small network with spike recordings only and an assembly-activation read-out: the report line, summary.json
 * and analyses.csv, and the fractions recounted from spikes-exc.csv the way the reference script counts.
 */
class AssemblyActivationRunTest {
    @TempDir Path tmp;

    /** 40 excitatory, 10 inhibitory neurons, 2 s; neurons 0-15 are driven at 0.5 s for 0.1 s. */
    static final String EXPERIMENT = """
            schema: engram.v1
            name: tiny-priming
            seed: 5
            network:
              populations:
                - {name: exc, size: 40}
                - {name: inh, size: 10, kind: INHIBITORY}
              projections:
                - {name: ee, pre: exc, post: exc, connector: {fixed_probability: {p: 0.2}}, synapse: {two_phase: {}}}
                - {name: ei, pre: exc, post: inh, connector: {fixed_probability: {p: 0.2}}, synapse: {static: {weight: 8.4 mV}}}
                - {name: ie, pre: inh, post: exc, connector: {fixed_probability: {p: 0.2}}, synapse: {static: {weight: -16.8 mV}}}
            protocol:
              duration: 2 s
              stimuli:
                - {name: bg-e, target: exc, ou_current: {}}
                - {name: bg-i, target: inh, ou_current: {}}
                - {name: learn, target: exc, select: {first: 0, count: 16}, force_firing: {start: 0.5 s, stop: 0.6 s}}
              recordings:
                - {name: spikes-exc, spikes: {population: exc}}
                - {name: inh, spikes: {population: inh}}
              analyses:
                - name: spontaneous
                  assembly_activation:
                    spikes: spikes-exc
                    assemblies:
                      - {name: A, select: {first: 0, count: 16}}
                      - {name: AB, select: {first: 8, count: 16}}
                      - {name: C, select: {first: 24, count: 16}}
                - name: low
                  assembly_activation:
                    spikes: spikes-exc
                    assemblies: [{name: A, select: {first: 0, count: 16}}, {name: C, select: {first: 24, count: 16}}]
                    start: 1 s
                    bin: 20 ms
                    min_total: 1
                    min_assembly: 0
            """;

    /**
     * The reference script's count over [start, start + bins * bin) of spikes-exc.csv: per assembly (given as
     * ranges [from, to)) the active bins, then the bins with no assembly and the bins over the total threshold.
     */
    static int[] recount(List<String> lines, double start, double bin, int bins, int minTotal, int minAssembly, int[][] ranges) {
        int[] total = new int[bins];
        int[][] in = new int[ranges.length][bins];
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            double t = Double.parseDouble(f[0]);
            int n = Integer.parseInt(f[1]);
            int k = (int) Math.floor((t - start) / bin + 1e-9);
            if (t < start || k >= bins) continue;
            total[k]++;
            for (int j = 0; j < ranges.length; j++) if (n >= ranges[j][0] && n < ranges[j][1]) in[j][k]++;
        }
        int[] out = new int[ranges.length + 2];
        for (int k = 0; k < bins; k++) {
            if (total[k] <= minTotal) continue;
            out[ranges.length + 1]++;
            boolean any = false;
            for (int j = 0; j < ranges.length; j++) {
                if (in[j][k] > minAssembly) {
                    out[j]++;
                    any = true;
                }
            }
            if (!any) out[ranges.length]++;
        }
        return out;
    }

    @Test
    void fractionsAreReportedAndWritten() throws IOException {
        Path file = Experiments.write(tmp, "priming.yaml", EXPERIMENT);
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("run", file.toString(), "--out", out.toString(), "-q");
        assertEquals(0, run.exitCode(), run.err());

        RunSummary.Builder sb = RunSummary.newBuilder();
        JsonFormat.parser().merge(Files.readString(out.resolve("summary.json")), sb);
        assertEquals(2, sb.getAnalysesCount());
        assertEquals("spontaneous", sb.getAnalyses(0).getName());
        AssemblyActivationSummary s = sb.getAnalyses(0).getAssemblyActivation();
        assertEquals("", s.getReason());
        assertEquals(0.0, s.getStartS());
        assertEquals(2.0, s.getStopS());
        assertEquals(0.01, s.getBinS());
        assertEquals(10, s.getMinTotal());
        assertEquals(10, s.getMinAssembly());
        assertEquals(200, s.getBinsTotal());
        assertEquals(List.of("A", "AB", "C"), s.getAssembliesList().stream().map(AssemblyActivationSummary.Assembly::getName).toList());

        // recount from the written spikes: bins of 10 ms, more than 10 spikes in all and in the assembly
        List<String> spikes = Files.readAllLines(out.resolve("spikes-exc.csv"));
        int[] n = recount(spikes, 0, 0.01, 200, 10, 10, new int[][] {{0, 16}, {8, 24}, {24, 40}});
        int nA = n[0], nAB = n[1], nC = n[2], none = n[3], active = n[4];
        assertTrue(nA >= 9, "the 0.1 s drive of 0-15 activates A in about 10 bins: " + nA);
        assertTrue(nAB >= 1, "AB shares 8-15 with A: " + nAB);
        assertEquals(nA, s.getAssemblies(0).getBins());
        assertEquals(nA / 200.0, s.getAssemblies(0).getFraction(), 1e-15);
        assertEquals(16, s.getAssemblies(0).getNeurons());
        assertEquals(nAB, s.getAssemblies(1).getBins());
        assertEquals(nC, s.getAssemblies(2).getBins());
        assertEquals(none, s.getBinsNone());
        assertEquals(none / 200.0, s.getFractionNone(), 1e-15);
        assertEquals(active, s.getBinsActive());

        assertTrue(run.out().contains("analyses   spontaneous      p(A) = " + Durations.number(nA / 200.0) + " (" + nA + "), p(AB) = "
                + Durations.number(nAB / 200.0) + " (" + nAB + "), p(C) = " + Durations.number(nC / 200.0) + " (" + nC + "), p(none) = "
                + Durations.number(none / 200.0) + " (" + none + ")  of 200 bins of 10 ms in [0 s, 2 s)"), run.out());

        // low thresholds over [1 s, 2 s) in bins of 20 ms: more than 1 spike in all, at least one of the assembly
        AssemblyActivationSummary low = sb.getAnalyses(1).getAssemblyActivation();
        assertEquals(1.0, low.getStartS());
        assertEquals(50, low.getBinsTotal());
        assertEquals(1, low.getMinTotal());
        assertEquals(0, low.getMinAssembly());
        n = recount(spikes, 1, 0.02, 50, 1, 0, new int[][] {{0, 16}, {24, 40}});
        assertTrue(n[3] > 0, "some spontaneous activity after the drive: " + java.util.Arrays.toString(n));
        assertEquals(n[0], low.getAssemblies(0).getBins());
        assertEquals(n[1], low.getAssemblies(1).getBins());
        assertEquals(n[2], low.getBinsNone());
        assertEquals(n[3], low.getBinsActive());
        assertEquals(n[1] / 50.0, low.getAssemblies(1).getFraction(), 1e-15);

        List<String> csv = Files.readAllLines(out.resolve("analyses.csv"));
        assertEquals("name,kind,start_s,stop_s,q,rate_stimulated_hz,rate_non_stimulated_hz,rate_control_hz,"
                + "n_stimulated,n_non_stimulated,n_control,reason,assembly,bin_s,fraction,bins,bins_total", csv.get(0));
        assertEquals(List.of(
                "spontaneous,assembly_activation,0.0,2.0,,,,,,,,,A,0.01," + nA / 200.0 + "," + nA + ",200",
                "spontaneous,assembly_activation,0.0,2.0,,,,,,,,,AB,0.01," + nAB / 200.0 + "," + nAB + ",200",
                "spontaneous,assembly_activation,0.0,2.0,,,,,,,,,C,0.01," + nC / 200.0 + "," + nC + ",200",
                "spontaneous,assembly_activation,0.0,2.0,,,,,,,,,,0.01," + none / 200.0 + "," + none + ",200"),
                csv.subList(1, 5));
        assertEquals(8, csv.size(), "2 + 1 rows of 'low'");
        assertTrue(csv.get(7).startsWith("low,assembly_activation,1.0,2.0,,,,,,,,,,0.02,"), csv.get(7));
    }
}
