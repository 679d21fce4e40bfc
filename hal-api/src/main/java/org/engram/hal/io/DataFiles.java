package org.engram.hal.io;

import org.engram.hal.io.data.AdjacencyMatrix;
import org.engram.hal.io.data.DataPaths;
import org.engram.hal.io.data.EdgeList;
import org.engram.hal.io.data.EdgeListCsv;
import org.engram.hal.io.data.NpyFile;
import org.engram.hal.io.data.NumericArray;
import org.engram.hal.io.data.NumericCsv;
import org.engram.proto.v1.Connection;
import org.engram.proto.v1.ExplicitConnector;
import org.engram.proto.v1.FromFileConnector;
import org.engram.proto.v1.TimeSeriesData;
import org.engram.proto.v1.Values;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the data files an experiment file names (a projection's {@code from_file} connections, an
 * input's samples) into the message itself, so that the experiment a device receives is self-contained:
 * a server never opens a client's path, and the experiment's SHA-256 covers the data, not its file name.
 * Paths resolve against the experiment file. Every problem is reported with its field path.
 */
final class DataFiles {
    private final Path experimentFile;
    private final List<ExperimentFormatException.Problem> problems = new ArrayList<>();
    /** Matrix files read once, whatever number of projections take blocks of them. */
    private final Map<String, AdjacencyMatrix> matrices = new HashMap<>();

    private DataFiles(Path experimentFile) {
        this.experimentFile = experimentFile;
    }

    /** The message with every data file read in, or the problems of every file that could not be. */
    static org.engram.proto.v1.Experiment inline(org.engram.proto.v1.Experiment m, Path experimentFile, String source) {
        if (!mentionsFiles(m)) return m;
        DataFiles d = new DataFiles(experimentFile);
        var b = m.toBuilder();
        var net = b.getNetworkBuilder();
        Map<String, org.engram.proto.v1.Population> pops = new HashMap<>();
        for (int i = 0; i < net.getPopulationsCount(); i++) {
            pops.put(net.getPopulations(i).getName(), net.getPopulations(i));
            var p = net.getPopulationsBuilder(i);
            if (p.hasInput() && p.getInput().hasFile()) d.input("network.populations[" + i + "].input", p.getInputBuilder(), p.getSize());
            if (p.hasSource()) d.spikeFiles("network.populations[" + i + "].source", p.getSourceBuilder(), p.getName(), p.getSize());
        }
        for (int i = 0; i < net.getProjectionsCount(); i++) {
            var pr = net.getProjectionsBuilder(i);
            if (pr.getConnector().hasFromFile()) d.connections("network.projections[" + i + "]", pr, pops);
        }
        if (!d.problems.isEmpty()) throw new ExperimentFormatException(source, d.problems);
        return b.build();
    }

    private static boolean mentionsFiles(org.engram.proto.v1.Experiment m) {
        return m.getNetwork().getPopulationsList().stream().anyMatch(p -> p.hasInput() && p.getInput().hasFile()
                        || p.getSource().getTrainsList().stream().anyMatch(org.engram.proto.v1.SpikeTrain::hasFile))
                || m.getNetwork().getProjectionsList().stream().anyMatch(p -> p.getConnector().hasFromFile());
    }

    private void fail(String path, String message) {
        problems.add(new ExperimentFormatException.Problem(path, message));
    }

    private Path resolve(String path, String file) {
        try {
            return DataPaths.resolve(experimentFile, file);
        } catch (IllegalArgumentException e) {
            fail(path, e.getMessage());
            return null;
        }
    }

    /** Samples from a CSV table (rows = samples) or a .npy matrix; one column per dimension. */
    private void input(String path, org.engram.proto.v1.InputSource.Builder in, int dims) {
        Path file = resolve(path + ".file", in.getFile());
        if (file == null) return;
        try {
            NumericArray a = isNpy(file.toString()) ? NpyFile.read(file) : NumericCsv.read(file).values();
            int cols = a.ndim() == 1 ? 1 : a.cols();
            if (cols != dims) {
                fail(path + ".file", file + " has " + cols + " column(s), the population has " + dims + " (one per dimension)");
                return;
            }
            double[] v = a.toArray();
            var data = TimeSeriesData.newBuilder();
            for (double x : v) data.addValues(x);
            in.setData(data);
        } catch (IOException | IllegalArgumentException e) {
            fail(path + ".file", message(file, e));
        }
    }

    /**
     * A spike file `neuron,time` becomes one spike_times train per neuron with spikes (in neuron order,
     * in place of the file's train), so the message carries the spikes themselves.
     */
    private void spikeFiles(String path, org.engram.proto.v1.SpikeSource.Builder src, String popName, int size) {
        List<org.engram.proto.v1.SpikeTrain> out = new ArrayList<>();
        for (int k = 0; k < src.getTrainsCount(); k++) {
            var t = src.getTrains(k);
            if (!t.hasFile()) {
                out.add(t);
                continue;
            }
            String fp = path + ".trains[" + k + "].file";
            String name = t.getName().isBlank() ? popName + ".trains[" + k + "]" : t.getName();
            Path file = resolve(fp + ".file", t.getFile().getFile());
            if (file == null) continue;
            String unit = t.getFile().getTimeUnit().isBlank() ? "ms" : t.getFile().getTimeUnit();
            try {
                NumericArray a = NumericCsv.read(file).values();
                if (a.ndim() != 2 || a.cols() != 2) {
                    fail(fp + ".file", file + " has " + (a.ndim() == 2 ? a.cols() : 1) + " column(s): a spike file is `neuron,time`");
                    continue;
                }
                java.util.TreeMap<Integer, List<Double>> byNeuron = new java.util.TreeMap<>();
                for (int r = 0; r < a.rows(); r++) {
                    double n = a.get(r, 0), time = a.get(r, 1);
                    if (n != Math.rint(n) || n < 0 || n >= size) {
                        fail(fp + ".file", file + " row " + (r + 1) + ": neuron " + n + " is not an index of population '" + popName
                                + "' (size " + size + ")");
                        continue;
                    }
                    if (time < 0) {
                        fail(fp + ".file", file + " row " + (r + 1) + ": negative time " + time);
                        continue;
                    }
                    byNeuron.computeIfAbsent((int) n, x -> new ArrayList<>()).add(time);
                }
                byNeuron.forEach((n, times) -> {
                    var st = org.engram.proto.v1.SpikeTimesTrain.newBuilder();
                    times.stream().sorted().forEach(x -> st.addTimes(x + " " + unit));
                    out.add(org.engram.proto.v1.SpikeTrain.newBuilder().setName(name + "[" + n + "]")
                            .setSelect(org.engram.proto.v1.NeuronSelection.newBuilder().addNeurons(n)).setSpikeTimes(st).build());
                });
            } catch (IOException | IllegalArgumentException e) {
                fail(fp + ".file", message(file, e));
            }
        }
        src.clearTrains().addAllTrains(out);
    }

    private void connections(String path, org.engram.proto.v1.Projection.Builder pr, Map<String, org.engram.proto.v1.Population> pops) {
        String cp = path + ".connector.from_file";
        FromFileConnector f = pr.getConnector().getFromFile();
        var pre = pops.get(pr.getPre());
        var post = pops.get(pr.getPost());
        if (pre == null || post == null) return;   // the codec names the dangling population
        Path file = resolve(cp + ".file", f.getFile());
        if (file == null) return;
        String format = f.getFormat().isBlank() ? formatOf(file.toString()) : f.getFormat().toLowerCase(Locale.ROOT);
        EdgeList edges;
        try {
            edges = switch (format) {
                case "csv" -> {
                    if (f.getRowOffset() != 0 || f.getColumnOffset() != 0) {
                        fail(cp, "row_offset and column_offset take blocks of a matrix; an edge list's indices are local already");
                    }
                    yield EdgeListCsv.read(file, pre.getSize(), post.getSize());
                }
                case "npy", "adjacency" -> matrix(file, f.getMatrixWeights())
                        .block(f.getRowOffset(), pre.getSize(), f.getColumnOffset(), post.getSize());
                default -> {
                    fail(cp + ".format", "unknown format '" + f.getFormat() + "': csv, npy or adjacency");
                    yield null;
                }
            };
        } catch (IOException | IllegalArgumentException e) {
            fail(cp + ".file", message(file, e));
            return;
        }
        if (edges == null) return;
        var explicit = ExplicitConnector.newBuilder();
        for (int k = 0; k < edges.size(); k++) explicit.addConnections(Connection.newBuilder().setPre(edges.pre(k)).setPost(edges.post(k)));
        pr.getConnectorBuilder().setExplicit(explicit);
        if (edges.hasWeight()) {
            if (pr.hasWeights()) fail(path + ".weights", "the connection file gives the weights already: give them in one place");
            // weights onto rate neurons are dimensionless, onto lif neurons mV unless the file says otherwise
            String unit = !f.getWeightUnit().isBlank() ? f.getWeightUnit() : post.hasRate() ? "" : "mV";
            pr.getWeightsBuilder().setValues(values(edges.weight(), unit));
        }
        if (edges.hasDelay()) {
            if (pr.hasDelays()) fail(path + ".delays", "the connection file gives the delays already: give them in one place");
            pr.getDelaysBuilder().setValues(values(edges.delay(), f.getDelayUnit().isBlank() ? "ms" : f.getDelayUnit()));
        }
    }

    private AdjacencyMatrix matrix(Path file, boolean weighted) throws IOException {
        String key = file + (weighted ? "#weighted" : "");
        AdjacencyMatrix m = matrices.get(key);
        if (m == null) {
            m = AdjacencyMatrix.read(file, weighted);
            matrices.put(key, m);
        }
        return m;
    }

    private static Values values(double[] v, String unit) {
        var b = Values.newBuilder().setUnit(unit);
        for (double x : v) b.addValues(x);
        return b.build();
    }

    private static boolean isNpy(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".npy");
    }

    private static String formatOf(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") ? "csv" : n.endsWith(".npy") ? "npy" : "adjacency";
    }

    private static String message(Path file, Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e instanceof java.nio.file.NoSuchFileException ? "no such file: " + file : m;
    }
}
