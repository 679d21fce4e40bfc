package org.engram.brainscales.virtual;

import org.engram.brainscales.mapping.HardwareTime;
import org.engram.brainscales.ppu.CostModel;
import org.engram.brainscales.ppu.Fixed;
import org.engram.brainscales.ppu.Formats;
import org.engram.brainscales.ppu.LoweredRule;
import org.engram.brainscales.ppu.PlasticityLowering;
import org.engram.brainscales.ppu.ProgramEncoding;
import org.engram.brainscales.ppu.SynapseLayout;
import org.engram.brainscales.ppu.UpdatePeriods;
import org.engram.hal.device.RunResult;
import org.engram.hal.model.Experiment;
import org.engram.hal.model.Population;
import org.engram.hal.model.Projection;
import org.engram.hal.model.Recording;
import org.engram.hal.model.Reduction;
import org.engram.hal.model.TraceVariable;
import org.engram.nativelib.chip.ChipDriver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.DoubleConsumer;

/**
 * One experiment on the virtual chip, through the driver ABI only: configure the circuits and rows, load
 * the plasticity program and its initial state, send the host sources' events, run in chunks (each at
 * most 2^32 cycles and at most the driver's events, cut where processor memory must be read for traces),
 * read spikes, CADC samples and processor memory back, and convert them to biological time.
 */
final class VirtualRun {
    /** CADC window margin around the populations' reset..threshold range, mV. */
    static final double CADC_MARGIN = 5;

    private final Experiment e;
    private final VirtualOptions o;
    private final HardwareTime time;
    private final ChipMapping map;
    private final VirtualFit.Result fit;
    private final Calibration calibration;
    private long runs, events;

    VirtualRun(Experiment e, VirtualOptions o, VirtualFit.Result fit, Calibration calibration) {
        this.e = e;
        this.o = o;
        this.time = o.time();
        this.fit = fit;
        this.calibration = calibration;
        this.map = ChipMapping.of(e, time, fit.base().quantisation(), fit.hostSources());
    }

    /** A plastic trace: synapse (layout row, column) per series, or the columns of a P trace. */
    private record PlasticTrace(Recording.Trace rec, List<String> labels, List<int[]> elements, boolean mean, double[] times,
                                double[][] values) {}

    private record VTrace(Recording.Trace rec, List<String> labels, int[] circuits, boolean mean, List<Double> times,
                          List<double[]> samples) {}

    Result execute(ChipDriver chip, DoubleConsumer progress, java.util.function.BooleanSupplier cancelled) {
        List<Recording> recs = e.protocol().recordings();
        // which circuits the CADC samples
        boolean[] sampled = new boolean[ChipFormat.NEURONS];
        long samplePeriod = 0;
        List<VTrace> vTraces = new ArrayList<>();
        for (Recording r : recs) {
            if (r instanceof Recording.Trace t && t.variable() == TraceVariable.V) {
                Population p = population(t.population());
                int[] local = t.select().resolve(p.size());
                int[] circuits = new int[local.length];
                List<String> labels = new ArrayList<>();
                for (int i = 0; i < local.length; i++) {
                    circuits[i] = map.circuit(t.population(), local[i]);
                    if (circuits[i] < 0) throw new IllegalArgumentException("recording " + t.name() + ": " + t.population()
                            + " is driven from the FPGA and has no membrane");
                    sampled[circuits[i]] = true;
                    labels.add(t.population() + "[" + local[i] + "]");
                }
                boolean mean = t.reduce() == Reduction.MEAN;
                vTraces.add(new VTrace(t, mean ? List.of("mean") : labels, circuits, mean, new ArrayList<>(), new ArrayList<>()));
                samplePeriod = time.cycles(t.interval());
            }
        }
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Population p : e.network().populations()) {
            // sources count as the forced lif neurons they lower to (every backend's one lowering)
            var lif = org.engram.support.sources.Sources.neuron(p);
            lo = Math.min(lo, Math.min(lif.vReset(), lif.vRest()));
            hi = Math.max(hi, lif.vThreshold());
        }
        chip.writeConfig(ChipFormat.BLOCK_GLOBAL, new ChipFormat.Global(o.stepCycles(), o.chipSeed(), o.spread(), o.trialNoise(),
                (int) samplePeriod, lo - CADC_MARGIN, hi + CADC_MARGIN, calibration != null).words());
        if (calibration != null) chip.writeMemory(ChipFormat.MEM_TRIMS, calibration.words());
        ChipFormat.Neuron[] neurons = map.neurons(sampled);
        for (int c = 0; c < neurons.length; c++) if (neurons[c] != null) chip.writeConfig(ChipFormat.BLOCK_NEURON + c, neurons[c].words());
        ChipFormat.Row[] rows = map.rows();
        for (int r = 0; r < rows.length; r++) if (rows[r] != null) chip.writeConfig(ChipFormat.BLOCK_ROW + r, rows[r].words());

        // plasticity
        ChipMapping.PlasticLayout pl = map.plastic();
        LoweredRule rule = null;
        Map<String, Integer> base = null;
        long fastCycles = 0;
        if (pl != null) {
            UpdatePeriods periods = UpdatePeriods.DEFAULT;
            rule = PlasticityLowering.lower(pl.rule(), periods, new SynapseLayout(pl.rows().length, pl.columnBlocks()), pl.scale(),
                    CostModel.ASSUMED);
            fastCycles = time.cycles(periods.fast());
            if (!VirtualFit.wholeSteps(time, periods.fast(), o.stepCycles())) {   // the fit check reports it; a run never starts wrong
                throw new IllegalArgumentException("the processor period " + periods.fast() + " s is " + time.toHardware(periods.fast()) / HardwareTime.CYCLE_SECONDS
                        + " cycles at " + o.speedUp() + "x: it must be a whole number of cycles and of " + o.stepCycles() + "-cycle steps");
            }
            chip.loadProgram(ProgramEncoding.container(rule, pl.hemisphere(), pl.rows(), fastCycles, e.seed()));
            base = ProgramEncoding.place(rule.memory());
            initialise(chip, rule, base, pl);
        }
        List<PlasticTrace> pTraces = plasticTraces(recs, pl, rule);

        // events of the host sources
        int[] popOffsets = map.populationOffsets();
        long[][] hostSpikes = HostSpikes.of(e, time, fit.hostSources(), popOffsets);
        long total = time.cycles(e.protocol().duration());
        long[][] ev = events(hostSpikes, total);
        long[] evTimes = ev[0];
        int[] evTargets = Arrays.stream(ev[1]).mapToInt(x -> (int) x).toArray();

        // chunks
        long unit = lcm(o.stepCycles(), Math.max(1, fastCycles));
        if (samplePeriod > 0) unit = lcm(unit, samplePeriod);
        long maxChunk = HardwareTime.MAX_RUN_CYCLES / unit * unit;
        TreeSet<Long> reads = new TreeSet<>();
        for (PlasticTrace t : pTraces) for (double x : t.times()) reads.add(time.cycles(x));
        for (long r : reads) if (r % unit != 0) {
            throw new IllegalArgumentException("processor memory is read at cycle " + r + ", not a multiple of " + unit
                    + " cycles (step, processor period and CADC interval)");
        }
        int maxEvents = chip.query().maxEvents();
        List<long[]> spikes = new ArrayList<>();   // {cycle, circuit}
        int[] vCircuits = sampledCircuits(sampled);
        if (reads.contains(0L)) readPlastic(chip, rule, base, pTraces, 0, pl);
        long t = 0;
        int ei = 0;
        while (t < total) {
            if (cancelled.getAsBoolean()) throw new org.engram.hal.device.CancelledException("cancelled at " + time.biological(t) + " s");
            long end = Math.min(total, t + maxChunk);
            Long nextRead = reads.higher(t);
            if (nextRead != null && nextRead < end) end = nextRead;
            int from = ei, to = from;
            while (to < evTimes.length && evTimes[to] < end) to++;
            if (to - from > maxEvents) {
                end = Math.max(t + unit, t + (evTimes[from + maxEvents] - t) / unit * unit);
                to = from;
                while (to < evTimes.length && evTimes[to] < end) to++;
            }
            long[] times = new long[to - from];
            for (int i = 0; i < times.length; i++) times[i] = evTimes[from + i] - t;
            chip.run(times, Arrays.copyOfRange(evTargets, from, to), end - t);
            runs++;
            events += to - from;
            ei = to;
            ChipDriver.Spikes s = chip.readSpikes();
            for (int i = 0; i < s.times().length; i++) spikes.add(new long[]{s.times()[i] + t, s.sources()[i]});
            if (samplePeriod > 0) {
                int[] codes = chip.readSamples();
                int perSample = vCircuits.length;
                for (int k = 0; perSample > 0 && (k + 1) * perSample <= codes.length; k++) {
                    double at = time.biological(t + k * samplePeriod);
                    for (VTrace v : vTraces) {
                        if (at < v.rec().start() - 1e-12 || at > v.rec().stop() + 1e-12) continue;
                        double[] values = new double[v.circuits().length];
                        for (int i = 0; i < values.length; i++) {
                            int pos = Arrays.binarySearch(vCircuits, v.circuits()[i]);
                            values[i] = lo - CADC_MARGIN + codes[k * perSample + pos] / 255.0 * (hi - lo + 2 * CADC_MARGIN);
                        }
                        v.times().add(at);
                        v.samples().add(v.mean() ? new double[]{Arrays.stream(values).average().orElse(Double.NaN)} : values);
                    }
                }
            }
            t = end;
            if (reads.contains(t)) readPlastic(chip, rule, base, pTraces, t, pl);
            progress.accept((double) t / total);
        }
        if (samplePeriod > 0 && total % samplePeriod == 0) {
            // the sample at the end of the protocol: the chip state after the last run
            chip.run(new long[0], new int[0], o.stepCycles());
            int[] codes = chip.readSamples();
            double at = time.biological(total);
            for (VTrace v : vTraces) {
                if (at > v.rec().stop() + 1e-12 || codes.length < vCircuits.length) continue;
                double[] values = new double[v.circuits().length];
                for (int i = 0; i < values.length; i++) {
                    int pos = Arrays.binarySearch(vCircuits, v.circuits()[i]);
                    values[i] = lo - CADC_MARGIN + codes[pos] / 255.0 * (hi - lo + 2 * CADC_MARGIN);
                }
                v.times().add(at);
                v.samples().add(v.mean() ? new double[]{Arrays.stream(values).average().orElse(Double.NaN)} : values);
            }
        }
        return collect(spikes, hostSpikes, vTraces, pTraces, total);
    }

    /** What a run produced, before provenance. */
    record Result(Map<String, RunResult.SpikeData> spikes, List<RunResult.TraceData> traces, List<RunResult.SynapseState> finals,
                  Map<String, Long> counters) {}

    private Population population(String name) {
        return e.network().population(name).orElseThrow(() -> new IllegalArgumentException("no population " + name));
    }

    private static int[] sampledCircuits(boolean[] sampled) {
        return java.util.stream.IntStream.range(0, sampled.length).filter(c -> sampled[c]).toArray();
    }

    static long lcm(long a, long b) {
        long x = a, y = b;
        while (y != 0) {
            long r = x % y;
            x = y;
            y = r;
        }
        return a / x * b;
    }

    /** h = h_init and z = z_init in every lane of the layout (processor memory starts at zero otherwise), DEAD marks the empty slots. */
    private static void initialise(ChipDriver chip, LoweredRule rule, Map<String, Integer> base, ChipMapping.PlasticLayout pl) {
        int h = Fixed.word("h_init", rule.rule().hInit(), Formats.H_FRAC), z = Fixed.word("z_init", rule.rule().zInit(), Formats.Z_FRAC);
        int words = rule.layout().blocks() * ProgramEncoding.WORDS_PER_VECTOR;
        int[] hw = new int[words], zw = new int[words];
        Arrays.fill(hw, (h & 0xFFFF) | (h << 16));
        Arrays.fill(zw, (z & 0xFFFF) | (z << 16));
        chip.writeMemory(ChipFormat.MEM_PPU + base.get(LoweredRule.H), hw);
        chip.writeMemory(ChipFormat.MEM_PPU + base.get(LoweredRule.Z), zw);
        // slots of the plastic rows without a synapse: -1 in DEAD (lane = column % 64, two lanes per word)
        int[] dead = new int[words];
        Arrays.fill(dead, -1);
        for (int[] at : pl.synapses().values()) {
            int vec = at[0] * pl.columnBlocks() + at[1] / 64, lane = at[1] % 64, word = vec * ProgramEncoding.WORDS_PER_VECTOR + lane / 2;
            dead[word] &= (lane & 1) == 0 ? 0xFFFF0000 : 0x0000FFFF;
        }
        chip.writeMemory(ChipFormat.MEM_PPU + base.get(LoweredRule.DEAD), dead);
    }

    /** Events of the host sources' spikes through their routes, in time order, inside the protocol. */
    private long[][] events(long[][] hostSpikes, long total) {
        List<long[]> out = new ArrayList<>();
        for (int g = 0; g < hostSpikes.length; g++) {
            if (hostSpikes[g].length == 0) continue;
            for (ChipMapping.HostRoute r : map.hostRoutes(g)) {
                for (long s : hostSpikes[g]) if (s + r.delay() < total) out.add(new long[]{s + r.delay(), r.target()});
            }
        }
        out.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        long[] times = new long[out.size()], targets = new long[out.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = out.get(i)[0];
            targets[i] = out.get(i)[1];
        }
        return new long[][]{times, targets};
    }

    private List<PlasticTrace> plasticTraces(List<Recording> recs, ChipMapping.PlasticLayout pl, LoweredRule rule) {
        List<PlasticTrace> out = new ArrayList<>();
        double duration = e.protocol().duration();
        for (Recording r : recs) {
            if (!(r instanceof Recording.Trace t) || t.variable() == TraceVariable.V) continue;
            List<String> labels = new ArrayList<>();
            List<int[]> elements = new ArrayList<>();
            boolean mean = t.reduce() == Reduction.MEAN;
            if (t.variable() == TraceVariable.P) {
                Population p = population(t.population());
                for (int i : t.select().resolve(p.size())) {
                    int c = map.circuit(t.population(), i);
                    int col = c % ChipFormat.COLUMNS;
                    boolean served = c >= 0 && c / ChipFormat.COLUMNS == pl.hemisphere() && col < pl.columnBlocks() * 64;
                    elements.add(served ? new int[]{-1, col} : null);
                    labels.add(t.population() + "[" + i + "]");
                }
            } else {
                Projection pr = e.network().projections().get(pl.projection());
                if (!pr.name().equals(t.projection())) {
                    throw new IllegalArgumentException("recording " + t.name() + ": " + t.projection() + " is not the plastic projection " + pr.name());
                }
                int nPre = population(pr.pre()).size(), nPost = population(pr.post()).size();
                if (t.synapses().isEmpty()) {
                    boolean[] pre = t.preSelect().mask(nPre), post = t.postSelect().mask(nPost);
                    for (int i = 0; i < nPre; i++) {
                        if (!pre[i]) continue;
                        for (int j = 0; j < nPost; j++) {
                            int[] at = pl.at(i, j);
                            if (at == null || !post[j]) continue;
                            elements.add(at);
                            labels.add(i + "->" + j);
                        }
                    }
                } else {
                    for (Recording.SynapseRef ref : t.synapses()) {
                        int[] at = pl.at(ref.pre(), ref.post());
                        if (at == null) throw new IllegalArgumentException("recording " + t.name() + ": projection " + pr.name()
                                + " has no synapse " + ref.pre() + "->" + ref.post());
                        elements.add(at);
                        labels.add(ref.pre() + "->" + ref.post());
                    }
                }
            }
            if (mean && elements.isEmpty()) throw new IllegalArgumentException("recording " + t.name() + ": MEAN over no elements");
            double stop = Math.min(duration, t.stop());
            int count = stop < t.start() ? 0 : (int) Math.floor((stop - t.start()) / t.interval() + 1e-9) + 1;
            double[] times = new double[count];
            for (int k = 0; k < count; k++) times[k] = t.start() + k * t.interval();
            out.add(new PlasticTrace(t, mean ? List.of("mean") : labels, elements, mean, times,
                    new double[mean ? 1 : elements.size()][count]));
        }
        return out;
    }

    private final Map<String, int[]> lastRegions = new LinkedHashMap<>();

    /** Reads processor memory at run time {@code cycle} into every plastic trace sampled then. */
    private void readPlastic(ChipDriver chip, LoweredRule rule, Map<String, Integer> base, List<PlasticTrace> traces, long cycle,
                             ChipMapping.PlasticLayout pl) {
        if (rule == null || traces.isEmpty()) return;
        Map<String, int[]> mem = new LinkedHashMap<>();
        for (String region : List.of(LoweredRule.H, LoweredRule.Z, LoweredRule.C, LoweredRule.P)) {
            int vectors = rule.memory().region(region).vectors();
            mem.put(region, chip.readMemory(ChipFormat.MEM_PPU + base.get(region), vectors * ProgramEncoding.WORDS_PER_VECTOR));
        }
        lastRegions.clear();
        lastRegions.putAll(mem);
        int cb = pl.columnBlocks();
        double h0 = pl.rule().h0();
        for (PlasticTrace t : traces) {
            int k = (int) Math.round((time.biological(cycle) - t.rec().start()) / t.rec().interval());
            if (k < 0 || k >= t.times().length || time.cycles(t.times()[k]) != cycle) continue;
            double sum = 0;
            for (int s = 0; s < t.elements().size(); s++) {
                int[] el = t.elements().get(s);
                double v;
                if (el == null) v = 0;
                else if (el[0] < 0) v = Formats.p(lane(mem.get(LoweredRule.P), el[1] / 64, el[1] % 64));
                else {
                    int vec = el[0] * cb + el[1] / 64, lane = el[1] % 64;
                    double h = Formats.h(lane(mem.get(LoweredRule.H), vec, lane)), z = Formats.z(lane(mem.get(LoweredRule.Z), vec, lane));
                    v = switch (t.rec().variable()) {
                        case H -> h;
                        case Z -> z;
                        case W -> h + h0 * z;
                        case C -> Formats.c(lane(mem.get(LoweredRule.C), vec, lane));
                        default -> throw new IllegalStateException("unreachable: " + t.rec().variable());
                    };
                }
                if (t.mean()) sum += v;
                else t.values()[s][k] = v;
            }
            if (t.mean()) t.values()[0][k] = sum / t.elements().size();
        }
    }

    static int lane(int[] words, int vector, int lane) {
        int w = words[vector * ProgramEncoding.WORDS_PER_VECTOR + lane / 2];
        return (short) (w >> (16 * (lane & 1)));
    }

    private Result collect(List<long[]> spikes, long[][] hostSpikes, List<VTrace> vTraces, List<PlasticTrace> pTraces, long total) {
        int[] neuronOf = map.neuronOfCircuit();
        int[] offsets = map.populationOffsets();
        List<Population> pops = e.network().populations();
        Map<String, RunResult.SpikeData> out = new LinkedHashMap<>();
        long spikeCount = 0;
        for (Recording r : e.protocol().recordings()) {
            if (!(r instanceof Recording.Spikes s)) continue;
            int p = 0;
            while (!pops.get(p).name().equals(s.population())) p++;
            boolean[] mask = s.select().mask(pops.get(p).size());
            List<double[]> list = new ArrayList<>();
            int lo = offsets[p], hi = lo + pops.get(p).size();
            for (long[] x : spikes) {
                int g = neuronOf[(int) x[1]];
                if (g < lo || g >= hi || !mask[g - lo]) continue;
                double t = time.biological(x[0]);
                if (s.covers(t)) list.add(new double[]{t, g - lo});
            }
            for (int g = lo; g < hi; g++) {
                if (!mask[g - lo]) continue;
                for (long c : hostSpikes[g]) {
                    double t = time.biological(c);
                    if (s.covers(t)) list.add(new double[]{t, g - lo});
                }
            }
            list.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
            double[] times = new double[list.size()];
            int[] neurons = new int[list.size()];
            for (int i = 0; i < times.length; i++) {
                times[i] = list.get(i)[0];
                neurons[i] = (int) list.get(i)[1];
            }
            spikeCount += times.length;
            out.put(s.name(), new RunResult.SpikeData(s.population(), times, neurons));
        }
        List<RunResult.TraceData> traces = new ArrayList<>();
        List<RunResult.SynapseState> finals = new ArrayList<>();
        for (Recording r : e.protocol().recordings()) {
            if (!(r instanceof Recording.Trace t)) continue;
            if (t.variable() == TraceVariable.V) {
                VTrace v = vTraces.stream().filter(x -> x.rec() == t).findFirst().orElseThrow();
                int n = v.times().size();
                double[] times = v.times().stream().mapToDouble(Double::doubleValue).toArray();
                double[][] values = new double[v.labels().size()][n];
                for (int k = 0; k < n; k++) for (int i = 0; i < values.length; i++) values[i][k] = v.samples().get(k)[i];
                traces.add(new RunResult.TraceData(t.name(), "V", "mV", times, v.labels(), values));
            } else {
                PlasticTrace p = pTraces.stream().filter(x -> x.rec() == t).findFirst().orElseThrow();
                traces.add(new RunResult.TraceData(t.name(), t.variable().name(), t.variable().unit(), p.times(), p.labels(), p.values()));
            }
        }
        finals(finals, pTraces);
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("hardware_cycles", total);
        counters.put("chip_runs", runs);
        counters.put("input_events", events);
        counters.put("recorded_spikes", spikeCount);
        return new Result(out, traces, finals, counters);
    }

    private void finals(List<RunResult.SynapseState> finals, List<PlasticTrace> pTraces) {
        ChipMapping.PlasticLayout pl = map.plastic();
        if (pl == null || lastRegions.isEmpty()) return;
        String name = e.network().projections().get(pl.projection()).name();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (PlasticTrace t : pTraces) {
            if (t.mean() || t.rec().variable() == TraceVariable.P) continue;
            for (int s = 0; s < t.elements().size(); s++) {
                String label = t.labels().get(s);
                if (!seen.add(label)) continue;
                int[] el = t.elements().get(s);
                int vec = el[0] * pl.columnBlocks() + el[1] / 64, lane = el[1] % 64;
                double h = Formats.h(lane(lastRegions.get(LoweredRule.H), vec, lane)), z = Formats.z(lane(lastRegions.get(LoweredRule.Z), vec, lane));
                String[] pp = label.split("->");
                finals.add(new RunResult.SynapseState(name, Integer.parseInt(pp[0]), Integer.parseInt(pp[1]), h, z, h + pl.rule().h0() * z));
            }
        }
    }
}
