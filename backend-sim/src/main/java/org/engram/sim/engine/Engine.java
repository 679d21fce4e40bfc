package org.engram.sim.engine;

import org.engram.hal.device.CancelledException;
import org.engram.hal.model.TraceVariable;
import org.engram.sim.rng.Philox;
import org.engram.sim.rng.Streams;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import java.util.stream.IntStream;

/**
 * The emulator's scheduler, shared by both arithmetics: the order of updates within a step, spike
 * delays, stimuli, the late-phase clock, recordings, and event-driven skipping of quiet stretches.
 * Subclasses supply the arithmetic (fixed point or float64). docs/fixed-point.md, "Order of updates
 * within a step", is the contract this class implements.
 */
public abstract class Engine {
    /** Neuron-loop flags. */
    protected static final byte NONE = 0, FORCE_SPIKE = 1, FORCE_FIRING = 2;
    /** Neurons per parallel chunk; smaller networks run on the calling thread. */
    static final int CHUNK = 1024;

    protected final CompiledNetwork net;
    private final int threads;
    private final ForkJoinPool pool;

    // spike ring: spikes emitted at step t live in slot t % ring while t is within the longest delay
    private final int ring;
    private final int[][] slot;
    private final int[] slotLen;
    private final long[] slotStep;
    private long lastSpikeStep = Long.MIN_VALUE / 2;

    protected final byte[] force;        // per neuron, this step
    /** INPUT-delivered spikes this step, per stimulus and position in its neuron list (weights differ per stimulus). */
    private final int[][] inputCount;
    protected final int[] ouStimulus;    // the OU stimulus driving each neuron, or -1
    protected final boolean[] ouOn;      // per stimulus, this step
    private final int[] poissonDraw = new int[4];

    private boolean plasticityOn = true;
    private int switchIndex = 0;

    // outputs
    private final List<IntList> spikeNeurons = new ArrayList<>();
    private final List<LongList> spikeSteps = new ArrayList<>();
    private final List<double[][]> traceValues = new ArrayList<>();
    private final int[] traceFill;

    private long stepsExecuted;

    protected Engine(CompiledNetwork net, int threads) {
        this.net = net;
        this.threads = Math.max(1, threads);
        this.pool = this.threads > 1 && net.neurons >= 2 * CHUNK ? new ForkJoinPool(this.threads) : null;
        this.ring = net.maxDelaySteps + 1;
        this.slot = new int[ring][16];
        this.slotLen = new int[ring];
        this.slotStep = new long[ring];
        Arrays.fill(slotStep, -1);
        this.force = new byte[net.neurons];
        this.inputCount = new int[net.stimuli.size()][];
        for (CompiledStimulus st : net.stimuli) inputCount[st.index] = new int[st.neurons.length];
        this.ouStimulus = new int[net.neurons];
        Arrays.fill(ouStimulus, -1);
        this.ouOn = new boolean[net.stimuli.size()];
        for (CompiledStimulus st : net.stimuli) {
            if (st.kind != CompiledStimulus.Kind.OU) continue;
            for (int n : st.neurons) {
                if (ouStimulus[n] >= 0) throw new IllegalArgumentException("neuron " + n + " has two OU currents ("
                        + net.stimuli.get(ouStimulus[n]).name + ", " + st.name + "): at most one per neuron");
                ouStimulus[n] = st.index;
            }
        }
        for (CompiledRecording r : net.recordings) {
            spikeNeurons.add(r.spikes ? new IntList() : null);
            spikeSteps.add(r.spikes ? new LongList() : null);
            traceValues.add(r.spikes ? null : new double[r.elements.length][(int) r.count]);
        }
        traceFill = new int[net.recordings.size()];
    }

    // ------------------------------------------------------------------ arithmetic hooks

    /** Steps neurons [from, to) through step s; returns spikes in {@code spikes}, true when any state changed. */
    protected abstract boolean stepNeurons(int from, int to, long s, IntList spikes);

    /** Adds the stimulus weight to neuron i's synaptic input (INPUT delivery), {@code count} times. */
    protected abstract void addStimulusInput(int i, CompiledStimulus st, int count);

    /** A spike of synapse k of projection pr arrives at its post neuron at step s. */
    protected abstract void deliver(CompiledNetwork.CompiledProjection pr, int k, long s);

    /** Calcium events of plastic synapse k at step s. */
    protected abstract void calciumPre(int k, long s);
    protected abstract void calciumPost(int k, long s);

    /** Late-phase update of neuron i (protein) and its incoming plastic synapses (z) at step s. */
    protected abstract void slowTick(int i, long s);

    protected abstract void freezePlasticity(long s);
    protected abstract void thawPlasticity(long s);

    /** Value of a traced variable at step s (state at the start of the step). */
    protected abstract double read(TraceVariable v, CompiledRecording rec, int element, long s);

    // ------------------------------------------------------------------ the run

    public final long stepsExecuted() { return stepsExecuted; }

    /** Runs all steps. {@code progress} receives the fraction done; {@code cancelled} is polled. */
    public final void run(DoubleConsumer progress, BooleanSupplier cancelled) {
        final long steps = net.steps;
        final int K = net.slowPeriod;
        long nextReport = 0;
        IntList spikes = new IntList();
        try {
            for (long s = 0; s < steps; s++) {
                if (s >= nextReport) {
                    if (cancelled.getAsBoolean()) throw new CancelledException("cancelled at t = " + s * net.dt + " s");
                    progress.accept((double) s / steps);
                    nextReport = s + (1 << 16);
                }
                while (switchIndex < net.plasticitySwitches.length && net.plasticitySwitches[switchIndex][0] <= s) {
                    boolean on = net.plasticitySwitches[switchIndex++][1] == 1;
                    if (on && !plasticityOn) thawPlasticity(s);
                    if (!on && plasticityOn) freezePlasticity(s);
                    plasticityOn = on;
                }
                if (s > 0 && s % K == 0 && plasticityOn && net.plasticCount > 0) tick(s);
                sample(s);
                boolean changed = stimuli(s);
                spikes.clear();
                changed |= neurons(s, spikes);
                record(s, spikes);
                synapses(s, spikes);
                stepsExecuted++;
                if (!changed && spikes.size == 0 && s + 1 - lastSpikeStep > net.maxDelaySteps) {
                    long next = nextEvent(s + 1);
                    if (next > s + 1) s = next - 1;
                }
            }
            sample(steps);
            progress.accept(1.0);
        } finally {
            if (pool != null) pool.shutdownNow();
        }
    }

    private void tick(long s) {
        if (pool == null) {
            for (int i = 0; i < net.neurons; i++) if (net.inStart[i + 1] > net.inStart[i]) slowTick(i, s);
        } else {
            int chunks = (net.neurons + CHUNK - 1) / CHUNK;
            pool.submit(() -> IntStream.range(0, chunks).parallel().forEach(c -> {
                for (int i = c * CHUNK, e = Math.min(net.neurons, i + CHUNK); i < e; i++) {
                    if (net.inStart[i + 1] > net.inStart[i]) slowTick(i, s);
                }
            })).join();
        }
    }

    /** Sets this step's stimulus flags; returns true when a stimulus acts at s. */
    private boolean stimuli(long s) {
        boolean any = false;
        for (CompiledStimulus st : net.stimuli) {
            switch (st.kind) {
                case OU -> {
                    ouOn[st.index] = st.activeAt(s);
                    any |= ouOn[st.index];
                }
                case FORCE_FIRING -> {
                    if (st.activeAt(s)) {
                        any = true;
                        for (int n : st.neurons) force[n] |= FORCE_FIRING;
                    }
                }
                case POISSON -> {
                    if (!st.activeAt(s)) break;
                    any = true;
                    for (int j = 0; j < st.neurons.length; j++) {
                        int count = poissonCount(st, st.neurons[j], s);
                        if (count > 0) fire(st, j, count);
                    }
                }
                case SPIKES -> {
                    if (st.eventAt(s)) {
                        any = true;
                        for (int j = 0; j < st.neurons.length; j++) fire(st, j, 1);
                    }
                }
            }
        }
        return any;
    }

    private int poissonCount(CompiledStimulus st, int n, long s) {
        int count = 0;
        for (int b = 0; b * 4 < st.sources; b++) {
            Philox.block((int) net.seed, (int) (net.seed >>> 32), (int) s, (int) (s >>> 32), n,
                    Streams.poisson(st.index, b), poissonDraw);
            for (int j = 0; j < 4 && b * 4 + j < st.sources; j++) {
                if ((poissonDraw[j] & 0xFFFFFFFFL) < st.poissonThreshold) count++;
            }
        }
        return count;
    }

    /** A stimulus spike (count of them) for the j-th neuron of the stimulus. */
    private void fire(CompiledStimulus st, int j, int count) {
        if (st.delivery.mode() == org.engram.hal.model.SpikeDelivery.Mode.FORCE) force[st.neurons[j]] |= FORCE_SPIKE;
        else inputCount[st.index][j] += count;
    }

    private boolean neurons(long s, IntList spikes) {
        boolean changed;
        if (pool == null) {
            changed = stepNeurons(0, net.neurons, s, spikes);
        } else {
            int chunks = (net.neurons + CHUNK - 1) / CHUNK;
            IntList[] parts = new IntList[chunks];
            boolean[] ch = new boolean[chunks];
            pool.submit(() -> IntStream.range(0, chunks).parallel().forEach(c -> {
                parts[c] = new IntList();
                ch[c] = stepNeurons(c * CHUNK, Math.min(net.neurons, (c + 1) * CHUNK), s, parts[c]);
            })).join();
            changed = false;
            for (int c = 0; c < chunks; c++) {
                changed |= ch[c];
                for (int j = 0; j < parts[c].size; j++) spikes.add(parts[c].data[j]);
            }
        }
        Arrays.fill(force, NONE);
        return changed;
    }

    private void synapses(long s, IntList spikes) {
        int r = (int) (s % ring);
        if (slot[r].length < spikes.size) slot[r] = new int[spikes.size];
        System.arraycopy(spikes.data, 0, slot[r], 0, spikes.size);
        slotLen[r] = spikes.size;
        slotStep[r] = s;
        if (spikes.size > 0) lastSpikeStep = s;

        // stimulus input (after the decay of this step, like synaptic arrivals)
        for (CompiledStimulus st : net.stimuli) {
            int[] counts = inputCount[st.index];
            for (int j = 0; j < counts.length; j++) {
                if (counts[j] > 0) {
                    addStimulusInput(st.neurons[j], st, counts[j]);
                    counts[j] = 0;
                }
            }
        }
        // arrivals, in projection order, then spike order, then synapse order
        for (CompiledNetwork.CompiledProjection pr : net.projections) {
            int[] src = spikesAt(s - pr.delay());
            if (src == null) continue;
            for (int j = 0, len = slotLen[(int) ((s - pr.delay()) % ring)]; j < len; j++) {
                int local = src[j] - pr.preOffset();
                if (local < 0 || local >= pr.preSize()) continue;
                for (int k = pr.start()[local], e = pr.start()[local + 1]; k < e; k++) deliver(pr, k, s);
            }
        }
        if (!plasticityOn || net.plasticCount == 0) return;
        for (CompiledNetwork.CompiledProjection pr : net.projections) {
            if (!pr.plastic()) continue;
            long t = s - net.ruleCaDelaySteps[pr.rule()];
            int[] src = spikesAt(t);
            if (src == null) continue;
            for (int j = 0, len = slotLen[(int) (t % ring)]; j < len; j++) {
                int local = src[j] - pr.preOffset();
                if (local < 0 || local >= pr.preSize()) continue;
                for (int k = pr.start()[local], e = pr.start()[local + 1]; k < e; k++) calciumPre(pr.plasticBase() + k, s);
            }
        }
        for (int j = 0; j < spikes.size; j++) {
            int n = spikes.data[j];
            for (int q = net.inStart[n], e = net.inStart[n + 1]; q < e; q++) calciumPost(net.inSyn[q], s);
        }
    }

    private int[] spikesAt(long t) {
        if (t < 0) return null;
        int r = (int) (t % ring);
        return slotStep[r] == t && slotLen[r] > 0 ? slot[r] : null;
    }

    private long nextEvent(long s) {
        long next = net.steps;
        for (CompiledStimulus st : net.stimuli) next = Math.min(next, st.nextActivity(s));
        long K = net.slowPeriod;
        if (net.plasticCount > 0) next = Math.min(next, ((s + K - 1) / K) * K);
        for (CompiledRecording r : net.recordings) next = Math.min(next, r.nextSample(s));
        if (switchIndex < net.plasticitySwitches.length) next = Math.min(next, net.plasticitySwitches[switchIndex][0]);
        return Math.max(next, s);
    }

    private void sample(long s) {
        for (int i = 0; i < net.recordings.size(); i++) {
            CompiledRecording r = net.recordings.get(i);
            if (!r.sampleAt(s)) continue;
            double[][] v = traceValues.get(i);
            int col = traceFill[i]++;
            for (int k = 0; k < r.elements.length; k++) v[k][col] = read(r.variable, r, r.elements[k], s);
        }
    }

    private void record(long s, IntList spikes) {
        for (int i = 0; i < net.recordings.size(); i++) {
            CompiledRecording r = net.recordings.get(i);
            if (!r.spikes) continue;
            for (int j = 0; j < spikes.size; j++) {
                int local = spikes.data[j] - r.offset;
                if (local >= 0 && local < r.mask.length && r.mask[local]) {
                    spikeNeurons.get(i).add(local);
                    spikeSteps.get(i).add(s);
                }
            }
        }
    }

    // ------------------------------------------------------------------ results

    public int[] spikeNeurons(int recording) { return spikeNeurons.get(recording).toArray(); }
    public long[] spikeSteps(int recording) { return spikeSteps.get(recording).toArray(); }
    public double[][] traceValues(int recording) { return traceValues.get(recording); }

    /** Final (h, z, w) of a synapse, for result summaries. */
    public double[] finalSynapse(CompiledNetwork.CompiledProjection pr, int k) {
        return new double[]{read(TraceVariable.H, null, pr.plasticBase() + k, net.steps),
                read(TraceVariable.Z, null, pr.plasticBase() + k, net.steps),
                read(TraceVariable.W, null, pr.plasticBase() + k, net.steps)};
    }

    /** A growable int array (no boxing on the hot path). */
    public static final class IntList {
        int[] data = new int[16];
        int size;

        public void add(int v) {
            if (size == data.length) data = Arrays.copyOf(data, size * 2);
            data[size++] = v;
        }

        void clear() { size = 0; }
        int[] toArray() { return Arrays.copyOf(data, size); }
    }

    static final class LongList {
        long[] data = new long[16];
        int size;

        void add(long v) {
            if (size == data.length) data = Arrays.copyOf(data, size * 2);
            data[size++] = v;
        }

        long[] toArray() { return Arrays.copyOf(data, size); }
    }
}
