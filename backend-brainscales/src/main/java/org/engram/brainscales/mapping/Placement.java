package org.engram.brainscales.mapping;

import org.engram.hal.model.Network;
import org.engram.hal.model.Population;
import org.engram.hal.model.Projection;
import org.engram.hal.model.SynapseType;
import org.engram.support.connectivity.Connectivity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Neurons onto neuron circuits and synapses onto synapse rows.
 *
 * <p>Each logical neuron takes {@code merge} neighbouring circuits of one hemisphere, so it owns merge
 * synapse columns: every row offers it merge synapses. The neurons are cut into contiguous, equal blocks,
 * one per hemisphere. A synapse row has one sign (excitatory or inhibitory) and carries the events of up
 * to 64 sources told apart by the synapses' 6-bit labels; a synapse listens to one label, so a source
 * may share a row with others only where no target neuron would need more synapses in that row than it
 * has columns. Sources go to rows first-fit, those with the most targets first; the result is the number
 * of rows and drivers each hemisphere needs, which the fit check compares with the chip.
 */
public final class Placement {
    public enum Sign { EXCITATORY, INHIBITORY }

    /**
     * Rows and drivers one hemisphere needs; {@code plasticRows} of the excitatory rows are needed by the
     * plastic projections' synapses alone (the rows a plasticity program visits when plastic synapses
     * get rows of their own).
     */
    public record HemisphereUse(int index, int neurons, int circuits, int excitatoryRows, int inhibitoryRows,
                                int drivers, int busiestRowSources, int plasticRows) {
        public int rows() {
            return excitatoryRows + inhibitoryRows;
        }
    }

    /** The neuron with the most incoming synapses of one sign. */
    public record FanIn(Sign sign, String population, int neuron, int synapses) {}

    private final ChipGeometry chip;
    private final int merge;
    private final int neurons;
    private final List<HemisphereUse> hemispheres;
    private final List<FanIn> maxFanIn;
    private final long[] synapses;

    private Placement(ChipGeometry chip, int merge, int neurons, List<HemisphereUse> hemispheres, List<FanIn> maxFanIn,
                      long[] synapses) {
        this.synapses = synapses;
        this.chip = chip;
        this.merge = merge;
        this.neurons = neurons;
        this.hemispheres = List.copyOf(hemispheres);
        this.maxFanIn = List.copyOf(maxFanIn);
    }

    public ChipGeometry chip() { return chip; }
    /** Circuits per logical neuron. */
    public int merge() { return merge; }
    public int neurons() { return neurons; }
    public int circuitsNeeded() { return neurons * merge; }
    /** Per hemisphere; empty when the neurons do not fit the circuits (rows are then not placed). */
    public List<HemisphereUse> hemispheres() { return hemispheres; }
    public List<FanIn> maxFanIn() { return maxFanIn; }
    /** Synapses of each projection, in network order. */
    public long[] synapsesPerProjection() { return synapses.clone(); }

    public boolean circuitsFit() {
        return circuitsNeeded() <= chip.circuits() && merge <= chip.circuitsPerHemisphere();
    }

    public boolean fits() {
        return circuitsFit() && !hemispheres.isEmpty() && hemispheres.stream()
                .allMatch(h -> h.rows() <= chip.rowsPerHemisphere() && h.drivers() <= chip.driversPerHemisphere());
    }

    /** The placement with the fewest merged circuits that fits, or the unmerged one when none does. */
    public static Placement best(Network net, long seed, ChipGeometry chip) {
        Placement first = of(net, seed, chip, 1);
        if (first.fits()) return first;
        for (int merge = 2; merge <= chip.circuitsPerHemisphere() && (long) net.neuronCount() * merge <= chip.circuits(); merge *= 2) {
            Placement p = of(net, seed, chip, merge);
            if (p.fits()) return p;
        }
        return first;
    }

    /** Places the network with {@code merge} circuits per neuron. */
    public static Placement of(Network net, long seed, ChipGeometry chip, int merge) {
        if (merge < 1) throw new IllegalArgumentException("merge must be >= 1, got " + merge);
        int n = net.neuronCount();
        Map<String, Integer> offset = new HashMap<>();
        int off = 0;
        for (Population p : net.populations()) {
            offset.put(p.name(), off);
            off += p.size();
        }
        List<Synapses> all = materialise(net, seed, offset);
        List<FanIn> fanIn = maxFanIn(net, all, n, offset);
        long[] counts = all.stream().mapToLong(s -> s.post.length).toArray();
        if ((long) n * merge > chip.circuits() || merge > chip.circuitsPerHemisphere()) {
            return new Placement(chip, merge, n, List.of(), fanIn, counts);
        }
        // contiguous blocks, as even as the hemispheres allow
        int perHemisphere = chip.circuitsPerHemisphere() / merge;
        int[] blockStart = new int[chip.hemispheres() + 1];
        for (int h = 1; h <= chip.hemispheres(); h++) {
            blockStart[h] = Math.min(n, Math.max(blockStart[h - 1], (int) ((long) n * h / chip.hemispheres())));
        }
        for (int h = 0; h < chip.hemispheres(); h++) {
            if (blockStart[h + 1] - blockStart[h] > perHemisphere) {   // uneven split would overflow: fill instead
                for (int k = 1; k <= chip.hemispheres(); k++) blockStart[k] = Math.min(n, k * perHemisphere);
                break;
            }
        }
        List<HemisphereUse> uses = new ArrayList<>();
        for (int h = 0; h < chip.hemispheres(); h++) {
            int lo = blockStart[h], hi = blockStart[h + 1];
            RowUse exc = rows(all, Sign.EXCITATORY, lo, hi, merge, chip.labelsPerRow());
            RowUse inh = rows(all, Sign.INHIBITORY, lo, hi, merge, chip.labelsPerRow());
            RowUse plastic = rows(all.stream().filter(Synapses::plastic).toList(), Sign.EXCITATORY, lo, hi, merge, chip.labelsPerRow());
            int drivers = ceilDiv(exc.rows, chip.rowsPerDriver()) + ceilDiv(inh.rows, chip.rowsPerDriver());
            uses.add(new HemisphereUse(h, hi - lo, (hi - lo) * merge, exc.rows, inh.rows, drivers,
                    Math.max(exc.busiest, inh.busiest), plastic.rows));
        }
        return new Placement(chip, merge, n, uses, fanIn, counts);
    }

    /** Rows of one sign, and the most sources sharing one of them. */
    private record RowUse(int rows, int busiest) {}

    /** One projection's synapses with global indices and the sign of its rows. */
    private record Synapses(Sign sign, boolean plastic, int preOffset, int postOffset, int[] start, int[] post) {}

    private static List<Synapses> materialise(Network net, long seed, Map<String, Integer> offset) {
        List<Synapses> out = new ArrayList<>();
        for (int i = 0; i < net.projections().size(); i++) {
            Projection pr = net.projections().get(i);
            int nPre = net.population(pr.pre()).orElseThrow().size(), nPost = net.population(pr.post()).orElseThrow().size();
            int[][] csr = Connectivity.csr(pr.connector(), nPre, nPost, pr.pre().equals(pr.post()), seed, i);
            Sign sign = pr.synapse() instanceof SynapseType.Static s && s.weight() < 0 ? Sign.INHIBITORY : Sign.EXCITATORY;
            out.add(new Synapses(sign, pr.plastic(), offset.get(pr.pre()), offset.get(pr.post()), csr[0], csr[1]));
        }
        return out;
    }

    private static List<FanIn> maxFanIn(Network net, List<Synapses> all, int n, Map<String, Integer> offset) {
        List<FanIn> out = new ArrayList<>();
        for (Sign sign : Sign.values()) {
            int[] in = new int[n];
            for (Synapses s : all) if (s.sign == sign) for (int p : s.post) in[s.postOffset + p]++;
            int best = 0;
            for (int i = 1; i < n; i++) if (in[i] > in[best]) best = i;
            if (n == 0 || in[best] == 0) continue;
            for (Population p : net.populations()) {
                int o = offset.get(p.name());
                if (best >= o && best < o + p.size()) out.add(new FanIn(sign, p.name(), best - o, in[best]));
            }
        }
        return out;
    }

    /**
     * Rows of one sign for the neurons [lo, hi): first-fit of sources (most targets first) into rows with
     * at most {@code labels} sources each and at most {@code merge} synapses per target neuron.
     */
    private static RowUse rows(List<Synapses> all, Sign sign, int lo, int hi, int merge, int labels) {
        int width = hi - lo;
        Map<Integer, List<Integer>> targets = new HashMap<>();   // source -> local targets (with repeats)
        for (Synapses s : all) {
            if (s.sign != sign) continue;
            for (int i = 0; i + 1 < s.start.length; i++) {
                for (int k = s.start[i]; k < s.start[i + 1]; k++) {
                    int g = s.postOffset + s.post[k];
                    if (g >= lo && g < hi) targets.computeIfAbsent(s.preOffset + i, x -> new ArrayList<>()).add(g - lo);
                }
            }
        }
        // a source that needs more than merge synapses onto one neuron becomes several streams
        List<int[]> streams = new ArrayList<>();
        targets.keySet().stream().sorted().forEach(src -> {
            int[] t = targets.get(src).stream().mapToInt(Integer::intValue).sorted().toArray();
            List<List<Integer>> parts = new ArrayList<>();
            for (int k = 0; k < t.length; ) {
                int e = k;
                while (e < t.length && t[e] == t[k]) e++;
                for (int c = 0; c < e - k; c++) {
                    int part = c / merge;
                    while (parts.size() <= part) parts.add(new ArrayList<>());
                    parts.get(part).add(t[k]);
                }
                k = e;
            }
            for (List<Integer> part : parts) streams.add(part.stream().mapToInt(Integer::intValue).toArray());
        });
        streams.sort((a, b) -> Integer.compare(b.length, a.length));   // stable: ties keep source order
        List<int[]> occupancy = new ArrayList<>();
        List<Integer> sources = new ArrayList<>();
        int most = 0;
        for (int[] t : streams) {
            int row = -1;
            for (int r = 0; r < occupancy.size() && row < 0; r++) {
                if (sources.get(r) >= labels) continue;
                int[] occ = occupancy.get(r);
                boolean ok = true;
                for (int k = 0; k < t.length && ok; k++) {   // t is sorted: repeats of a target are adjacent
                    int e = k;
                    while (e + 1 < t.length && t[e + 1] == t[k]) e++;
                    ok = occ[t[k]] + (e - k + 1) <= merge;
                    k = e;
                }
                if (ok) row = r;
            }
            if (row < 0) {
                occupancy.add(new int[width]);
                sources.add(0);
                row = occupancy.size() - 1;
            }
            int[] occ = occupancy.get(row);
            for (int p : t) occ[p]++;
            sources.set(row, sources.get(row) + 1);
            most = Math.max(most, sources.get(row));
        }
        return new RowUse(occupancy.size(), most);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    @Override
    public String toString() {
        return "Placement{merge=" + merge + ", neurons=" + neurons + ", hemispheres=" + hemispheres + "}";
    }
}
