package org.engram.cli;

import org.engram.hal.io.data.AdjacencyMatrix;
import org.engram.hal.io.data.AdjacencyText;
import org.engram.hal.io.data.NpyFile;
import org.engram.hal.io.data.NumericArray;
import org.engram.hal.model.Experiment;
import org.engram.hal.model.Population;
import org.engram.hal.model.Projection;
import org.engram.support.connectivity.Connectivity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code engram connectivity}: the synapses an experiment's connectors draw for its seed, as one
 * whole-network matrix (rows = presynaptic, columns = postsynaptic neurons, populations in file order),
 * the form other simulators export; projections read it back with {@code from_file} and their offsets.
 */
@Command(name = "connectivity", mixinStandardHelpOptions = true, version = "engram " + EngramCli.VERSION, sortOptions = false,
        description = "Write the synapses an experiment's connectors draw (for its seed) as one whole-network matrix.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:failure", "2:bad experiment file or usage"})
final class ConnectivityCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Experiment file (.yaml, .yml or .json).")
    Path file;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "MATRIX",
            description = "Matrix file: .npy (NumPy, float64) or anything else (whitespace-separated 0/1 text).")
    Path out;

    @Override
    public Integer call() {
        return Errors.run(spec, this::execute);
    }

    private int execute() throws IOException {
        Experiment e = Inputs.read(file);
        Map<String, Integer> offset = new HashMap<>();
        int n = 0;
        for (Population p : e.network().populations()) {
            offset.put(p.name(), n);
            n += p.size();
        }
        List<Projection> projs = e.network().projections();
        // one matrix holds one synapse per (pre, post): two projections between the same populations would merge
        for (int i = 0; i < projs.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (projs.get(i).pre().equals(projs.get(j).pre()) && projs.get(i).post().equals(projs.get(j).post())) {
                    throw new CliException(ExitCodes.BAD_INPUT, "projections '" + projs.get(j).name() + "' and '" + projs.get(i).name()
                            + "' connect the same populations: one matrix cannot tell their synapses apart");
                }
            }
        }
        var builder = AdjacencyMatrix.builder(n, n, false);
        long synapses = 0;
        for (int i = 0; i < projs.size(); i++) {
            Projection pr = projs.get(i);
            int nPre = e.network().population(pr.pre()).orElseThrow().size();
            int nPost = e.network().population(pr.post()).orElseThrow().size();
            int[][] csr = Connectivity.csr(pr.connector(), nPre, nPost, pr.pre().equals(pr.post()), e.seed(), i);
            int r0 = offset.get(pr.pre()), c0 = offset.get(pr.post());
            for (int a = 0; a < nPre; a++) {
                for (int k = csr[0][a]; k < csr[0][a + 1]; k++) builder.add(r0 + a, c0 + csr[1][k], 1);
            }
            synapses += csr[1].length;
        }
        AdjacencyMatrix m = builder.build();
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        if (out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".npy")) {
            double[] dense = new double[Math.multiplyExact(n, n)];
            for (int r = 0; r < n; r++) for (int c = 0; c < n; c++) dense[r * n + c] = m.get(r, c);
            NpyFile.write(out, NumericArray.matrix(n, n, dense));
        } else {
            AdjacencyText.write(out, m);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf("%s: %d x %d, %d synapses (seed %d)%n", out, n, n, synapses, e.seed());
        o.println("connectors that read it back:");
        for (Projection pr : projs) {
            o.printf("  %s: connector: {from_file: {file: %s, row_offset: %d, column_offset: %d}}%n", pr.name(), out.getFileName(),
                    offset.get(pr.pre()), offset.get(pr.post()));
        }
        o.flush();
        return ExitCodes.OK;
    }
}
