package org.engram.brainscales.virtual;

import org.engram.brainscales.mapping.HardwareTime;
import org.engram.brainscales.mapping.WeightQuantisation;
import org.engram.hal.model.Experiment;
import org.engram.hal.model.LifParameters;
import org.engram.hal.model.Network;
import org.engram.hal.model.Population;
import org.engram.hal.model.Projection;
import org.engram.hal.model.SynapseType;
import org.engram.hal.model.TwoPhaseRule;
import org.engram.support.connectivity.Connectivity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An experiment's network on the virtual chip: which neuron circuit each neuron takes (host spike sources
 * take none: their spikes come from the FPGA), which synapse row and label each source's synapses use,
 * the routes of every circuit's spikes (on chip, or through the FPGA loopback after the projection's
 * delay) and the plastic synapses' layout for the processor.
 *
 * <p>Neurons fill hemisphere 0, then 1, in network order, one circuit each (no merged circuits). A
 * source's synapses onto one hemisphere form a stream (a second synapse onto the same neuron starts
 * another); streams go first-fit into rows of their kind (excitatory, inhibitory, or the plastic
 * projection's) with at most 64 labels per row, one synapse per column. Plastic rows keep label 63
 * free for the columns without a synapse, because the processor writes a weight into every column of
 * its rows.
 */
public final class ChipMapping {
    public static final int DEAD_LABEL = 63;

    /** One event a host source's spike becomes: target and offset in cycles after the spike. */
    public record HostRoute(int target, long delay) {}

    /** The plastic synapses: hemisphere, chip rows (hemisphere-local) of the layout rows, column blocks, projection. */
    public record PlasticLayout(int projection, TwoPhaseRule rule, int hemisphere, int[] rows, int columnBlocks, double scale,
                                Map<Long, int[]> synapses) {
        /** (layout row, column) of the synapse pre -> post (population-local), or null. */
        public int[] at(int pre, int post) {
            return synapses.get(((long) pre << 32) | post);
        }
    }

    private final Experiment experiment;
    private final HardwareTime time;
    private final int[] offset;            // per population
    private final int[] circuit;           // per global neuron, -1: host source
    private final Population[] populationOf;
    private final ChipFormat.Row[] rows = new ChipFormat.Row[ChipFormat.ROWS];
    private final List<List<int[]>> routes = new ArrayList<>();       // per circuit: {target, delay}
    private final List<List<HostRoute>> hostRoutes = new ArrayList<>(); // per global neuron
    private final double[] scaleExc = new double[ChipFormat.NEURONS], scaleInh = new double[ChipFormat.NEURONS];
    private PlasticLayout plastic;

    /** A row being filled: its kind, labels used, columns taken. */
    private static final class RowFill {
        final String kind;
        final int[] weights = new int[ChipFormat.COLUMNS], labels = new int[ChipFormat.COLUMNS];
        final boolean[] taken = new boolean[ChipFormat.COLUMNS];
        int used;

        RowFill(String kind) {
            this.kind = kind;
            if (kind.equals("P")) java.util.Arrays.fill(labels, DEAD_LABEL);
        }

        int capacity() { return kind.equals("P") ? ChipFormat.LABELS - 1 : ChipFormat.LABELS; }
    }

    private ChipMapping(Experiment e, HardwareTime time) {
        this.experiment = e;
        this.time = time;
        Network net = e.network();
        int n = net.neuronCount();
        offset = new int[net.populations().size()];
        populationOf = new Population[n];
        circuit = new int[n];
        for (int p = 0, o = 0; p < offset.length; p++) {
            offset[p] = o;
            for (int i = 0; i < net.populations().get(p).size(); i++) populationOf[o + i] = net.populations().get(p);
            o += net.populations().get(p).size();
        }
        for (int c = 0; c < ChipFormat.NEURONS; c++) routes.add(new ArrayList<>());
        for (int i = 0; i < n; i++) hostRoutes.add(new ArrayList<>());
    }

    /** Maps the experiment; {@code hostSources} are the populations driven from the FPGA. */
    public static ChipMapping of(Experiment e, HardwareTime time, List<WeightQuantisation.Entry> quantisation,
                                 java.util.Set<String> hostSources) {
        ChipMapping m = new ChipMapping(e, time);
        m.place(hostSources);
        m.synapses(quantisation);
        return m;
    }

    private void place(java.util.Set<String> hostSources) {
        int next = 0;
        for (int g = 0; g < circuit.length; g++) {
            if (hostSources.contains(populationOf[g].name())) {
                circuit[g] = -1;
                continue;
            }
            if (next >= ChipFormat.NEURONS) throw new MappingException("neuron-circuits", "network", "more than " + ChipFormat.NEURONS + " neurons on chip");
            circuit[g] = next++;
        }
    }

    private int populationIndex(String name) {
        List<Population> ps = experiment.network().populations();
        for (int i = 0; i < ps.size(); i++) if (ps.get(i).name().equals(name)) return i;
        throw new IllegalArgumentException("no population " + name);
    }

    private void synapses(List<WeightQuantisation.Entry> quantisation) {
        Network net = experiment.network();
        List<List<RowFill>> fills = List.of(new ArrayList<>(), new ArrayList<>());
        Map<Long, int[]> plasticAt = new LinkedHashMap<>();
        TreeMap<Integer, Integer> plasticRows = new TreeMap<>();   // hemisphere-local chip row -> layout row
        int plasticHemisphere = -1, maxColumn = 0;
        for (int i = 0; i < net.projections().size(); i++) {
            Projection pr = net.projections().get(i);
            WeightQuantisation.Entry q = quantisation.get(i);
            int pre = populationIndex(pr.pre()), post = populationIndex(pr.post());
            int nPre = net.populations().get(pre).size(), nPost = net.populations().get(post).size();
            int[][] csr = Connectivity.csr(pr.connector(), nPre, nPost, pr.pre().equals(pr.post()), experiment.seed(), i);
            boolean inhibitory = pr.synapse() instanceof SynapseType.Static s && s.weight() < 0;
            String kind = pr.plastic() ? "P" : inhibitory ? "I" : "E";
            String path = "network.projections[" + i + "]";
            if (pr.plastic() && plastic != null) {
                throw new MappingException("plastic-projections", path, "the virtual chip runs one plastic projection's program; "
                        + net.projections().get(plastic.projection()).name() + " is already plastic");
            }
            List<PlasticStream> plasticStreams = new ArrayList<>();
            for (int j = 0; j < nPre; j++) {
                int src = offset[pre] + j;
                // this source's synapses per hemisphere, split where one neuron receives several
                Map<Integer, List<List<int[]>>> streams = new TreeMap<>();   // hemisphere -> streams of {column, post}
                for (int k = csr[0][j]; k < csr[0][j + 1]; k++) {
                    int tgt = offset[post] + csr[1][k];
                    int c = circuit[tgt];
                    if (c < 0) throw new MappingException("host-source-target", path, "population " + pr.post()
                            + " is driven from the FPGA (forced spikes) and cannot also receive synapses");
                    List<List<int[]>> list = streams.computeIfAbsent(c / ChipFormat.COLUMNS, h -> new ArrayList<>());
                    int col = c % ChipFormat.COLUMNS;
                    List<int[]> into = null;
                    for (List<int[]> s : list) if (s.stream().noneMatch(x -> x[0] == col)) { into = s; break; }
                    if (into == null) list.add(into = new ArrayList<>());
                    into.add(new int[]{col, csr[1][k]});
                    double scale = q.scale();
                    if (inhibitory) scaleInh[c] = scale;
                    else scaleExc[c] = scale;
                }
                for (var entry : streams.entrySet()) {
                    int h = entry.getKey();
                    if (pr.plastic()) {
                        if (plasticHemisphere >= 0 && plasticHemisphere != h) {
                            throw new MappingException("plastic-hemisphere", path, "the plastic synapses reach both hemispheres; the virtual chip's processor serves one");
                        }
                        plasticHemisphere = h;
                        for (List<int[]> s : entry.getValue()) plasticStreams.add(new PlasticStream(src, j, s));
                        continue;
                    }
                    for (List<int[]> s : entry.getValue()) {
                        int[] rl = put(fills.get(h), kind, s, q.level(), path);
                        route(src, pr, h * ChipFormat.COLUMNS + rl[0], rl[1]);
                    }
                }
            }
            if (pr.plastic()) {
                // the processor visits every plastic row, so their number is its time: longest streams
                // first, and a stream no row takes whole is split over rows (one more route per part)
                plasticStreams.sort((a, b) -> Integer.compare(b.synapses().size(), a.synapses().size()));
                int h = Math.max(0, plasticHemisphere);
                for (PlasticStream ps : plasticStreams) {
                    for (int[] part : putSplit(fills.get(h), ps.synapses(), q.level())) {
                        route(ps.source(), pr, h * ChipFormat.COLUMNS + part[0], part[1]);
                        int layoutRow = plasticRows.computeIfAbsent(part[0], r -> plasticRows.size());
                        for (int k = 2; k < part.length; k += 2) {
                            plasticAt.put(((long) ps.pre() << 32) | part[k + 1], new int[]{layoutRow, part[k]});
                            maxColumn = Math.max(maxColumn, part[k]);
                        }
                    }
                }
                int[] chipRows = new int[plasticRows.size()];
                plasticRows.forEach((row, layout) -> chipRows[layout] = row);
                plastic = new PlasticLayout(i, (TwoPhaseRule) pr.synapse(), Math.max(0, plasticHemisphere), chipRows,
                        maxColumn / 64 + 1, q.scale(), Map.copyOf(plasticAt));
            }
        }
        for (int h = 0; h < 2; h++) {
            List<RowFill> list = fills.get(h);
            if (list.size() > ChipFormat.COLUMNS) {
                throw new MappingException("synapse-rows", "network", "hemisphere " + h + " needs " + list.size() + " synapse rows, it has 256");
            }
            for (int r = 0; r < list.size(); r++) {
                RowFill f = list.get(r);
                rows[h * ChipFormat.COLUMNS + r] = new ChipFormat.Row(f.kind.equals("I"), f.weights, f.labels);
            }
        }
    }

    /** A plastic source's synapses onto one hemisphere ({column, post}), one per column. */
    private record PlasticStream(int source, int pre, List<int[]> synapses) {}

    /**
     * Places a plastic stream: whole into the first plastic row that takes it, else part by part, each
     * part into the row with the most of the remaining columns free (a new row when none has any).
     * Returns per part {row, label, column, post, column, post, ...}.
     */
    private static List<int[]> putSplit(List<RowFill> fills, List<int[]> stream, int level) {
        for (int r = 0; r < fills.size(); r++) {
            RowFill f = fills.get(r);
            if (f.kind.equals("P") && f.used < f.capacity() && stream.stream().noneMatch(x -> f.taken[x[0]])) {
                return List.of(part(fill(f, r, stream, level), stream));
            }
        }
        List<int[]> parts = new ArrayList<>();
        List<int[]> left = new ArrayList<>(stream);
        while (!left.isEmpty()) {
            int best = -1, most = 0;
            for (int r = 0; r < fills.size(); r++) {
                RowFill f = fills.get(r);
                if (!f.kind.equals("P") || f.used >= f.capacity()) continue;
                int free = (int) left.stream().filter(x -> !f.taken[x[0]]).count();
                if (free > most) { best = r; most = free; }
            }
            if (best < 0) {
                fills.add(new RowFill("P"));
                best = fills.size() - 1;
            }
            RowFill f = fills.get(best);
            List<int[]> here = left.stream().filter(x -> !f.taken[x[0]]).toList();
            parts.add(part(fill(f, best, here, level), here));
            left.removeAll(here);
        }
        return parts;
    }

    private static int[] part(int[] rowLabel, List<int[]> synapses) {
        int[] out = new int[2 + 2 * synapses.size()];
        out[0] = rowLabel[0];
        out[1] = rowLabel[1];
        for (int k = 0; k < synapses.size(); k++) {
            out[2 + 2 * k] = synapses.get(k)[0];
            out[3 + 2 * k] = synapses.get(k)[1];
        }
        return out;
    }

    /** First-fit of a stream into a row of its kind: {row (hemisphere-local), label}. */
    private static int[] put(List<RowFill> fills, String kind, List<int[]> stream, int level, String path) {
        for (int r = 0; r < fills.size(); r++) {
            RowFill f = fills.get(r);
            if (!f.kind.equals(kind) || f.used >= f.capacity()) continue;
            if (stream.stream().anyMatch(x -> f.taken[x[0]])) continue;
            return fill(f, r, stream, level);
        }
        RowFill f = new RowFill(kind);
        fills.add(f);
        return fill(f, fills.size() - 1, stream, level);
    }

    private static int[] fill(RowFill f, int r, List<int[]> stream, int level) {
        int label = f.used++;
        for (int[] x : stream) {
            f.taken[x[0]] = true;
            f.labels[x[0]] = label;
            f.weights[x[0]] = level;
        }
        return new int[]{r, label};
    }

    /** Routes a source's spikes to (row, label): current after the delay, calcium counts after the rule's calcium delay. */
    private void route(int src, Projection pr, int chipRow, int label) {
        long delay = pr.delay() > 0 ? time.cycles(pr.delay()) : 0;
        List<long[]> events = new ArrayList<>();
        if (pr.synapse() instanceof TwoPhaseRule r) {
            long calcium = time.cycles(r.calciumDelay());
            if (calcium == delay) {
                events.add(new long[]{ChipFormat.target(chipRow, label, ChipFormat.MODE_BOTH), delay});
            } else {
                events.add(new long[]{ChipFormat.target(chipRow, label, ChipFormat.MODE_CURRENT), delay});
                events.add(new long[]{ChipFormat.target(chipRow, label, ChipFormat.MODE_COUNT), calcium});
            }
        } else {
            events.add(new long[]{ChipFormat.target(chipRow, label, ChipFormat.MODE_CURRENT), delay});
        }
        for (long[] ev : events) {
            if (circuit[src] < 0) {
                hostRoutes.get(src).add(new HostRoute((int) ev[0], ev[1]));
            } else {
                List<int[]> list = routes.get(circuit[src]);
                if (list.size() >= ChipFormat.MAX_ROUTES) {
                    throw new MappingException("routes", "network.projections", "neuron " + src + " needs more than "
                            + ChipFormat.MAX_ROUTES + " routes (rows it reaches)");
                }
                if (ev[1] > 0xFFFFFFFFL) throw new MappingException("delay", "network.projections", "delay of " + ev[1] + " cycles exceeds 32 bits");
                list.add(new int[]{(int) ev[0], (int) ev[1]});
            }
        }
    }

    /** The neuron circuits' blocks (index = circuit); sampled: circuits whose V is read by the CADC. */
    public ChipFormat.Neuron[] neurons(boolean[] sampled) {
        ChipFormat.Neuron[] out = new ChipFormat.Neuron[ChipFormat.NEURONS];
        double cycle = HardwareTime.CYCLE_SECONDS;
        for (int g = 0; g < circuit.length; g++) {
            int c = circuit[g];
            if (c < 0) continue;
            LifParameters lif = populationOf[g].lif();
            List<int[]> rs = routes.get(c);
            out[c] = new ChipFormat.Neuron(true, time.toHardware(lif.tauMem()) / cycle, time.toHardware(lif.tauSyn()) / cycle,
                    lif.vRest(), lif.vThreshold(), lif.vReset(), (int) time.cycles(lif.tRef()),
                    scaleExc[c] > 0 ? scaleExc[c] : 1, scaleInh[c] > 0 ? scaleInh[c] : 1, sampled[c],
                    rs.stream().mapToInt(x -> x[0]).toArray(), rs.stream().mapToInt(x -> x[1]).toArray());
        }
        return out;
    }

    /** Rows in use (index = chip row), null where unused. */
    public ChipFormat.Row[] rows() { return rows.clone(); }

    /** The circuit of a population-local neuron, or -1 for a host source. */
    public int circuit(String population, int neuron) {
        return circuit[offset[populationIndex(population)] + neuron];
    }

    public int globalIndex(String population, int neuron) {
        return offset[populationIndex(population)] + neuron;
    }

    /** The global neuron of each circuit, -1 for unused circuits. */
    public int[] neuronOfCircuit() {
        int[] out = new int[ChipFormat.NEURONS];
        java.util.Arrays.fill(out, -1);
        for (int g = 0; g < circuit.length; g++) if (circuit[g] >= 0) out[circuit[g]] = g;
        return out;
    }

    public int[] populationOffsets() { return offset.clone(); }

    public List<HostRoute> hostRoutes(int globalNeuron) { return List.copyOf(hostRoutes.get(globalNeuron)); }

    public PlasticLayout plastic() { return plastic; }

    public int neurons() { return circuit.length; }
}
