package org.engram.sim.engine;

import org.engram.hal.device.CancelledException;
import org.engram.hal.model.TraceVariable;
import org.engram.sim.rng.Philox;
import org.engram.sim.rng.Streams;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/**
 * The emulator's scheduler, shared by both arithmetics: the order of updates within a step, spike
 * delays, stimuli, the late-phase clock, recordings, and event-driven skipping of quiet stretches.
 * Subclasses supply the arithmetic (fixed point or float64). docs/fixed-point.md, "Order of updates
 * within a step", is the contract this class implements.
 */
public abstract class Engine {
    /** Neuron-loop flags. */
    protected static final byte NONE = 0, FORCE_SPIKE = 1, FORCE_FIRING = 2;
    /**
     * Neurons per ownership block. With T threads, member t owns the blocks b with b mod T = t: the
     * neurons, their incoming synapses and everything arriving at them. Every state variable thus has
     * one owner that applies its updates in the serial order, so results do not depend on T.
     */
    static final int BLOCK = 64;

    protected final CompiledNetwork net;
    private final StepTeam team;          // null: serial
    private final int members;
    private final byte[] owner;           // member owning each neuron
    private final IntList[] memberSpikes;
    private final boolean[] memberChanged;

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
    /** Per neuron, the Philox block of its OU noise (four steps) and the block's index: see Philox.stepWord. */
    private final int[] ouBlock;

    private boolean plasticityOn = true;
    private int fastForwardIndex = 0;
    private final LatePhase[] latePhase;
    private double[] synthesisEnd;       // per neuron during a fast-forward window, seconds since its start
    private int switchIndex = 0;

    // outputs
    private final List<IntList> spikeNeurons = new ArrayList<>();
    private final List<LongList> spikeSteps = new ArrayList<>();
    private final List<double[][]> traceValues = new ArrayList<>();
    private final int[] traceFill;

    private long stepsExecuted;

    protected Engine(CompiledNetwork net, int threads) {
        this.net = net;
        int t = Math.max(1, Math.min(threads, Math.min(64, (net.neurons + BLOCK - 1) / BLOCK)));
        this.members = t;
        this.team = t > 1 ? new StepTeam(t, "engram-sim") : null;
        this.owner = new byte[net.neurons];
        for (int i = 0; i < net.neurons; i++) owner[i] = (byte) ((i / BLOCK) % t);
        this.memberSpikes = new IntList[t];
        for (int m = 0; m < t; m++) memberSpikes[m] = new IntList();
        this.memberChanged = new boolean[t];
        this.ring = net.maxDelaySteps + 1;
        this.slot = new int[ring][16];
        this.slotLen = new int[ring];
        this.slotStep = new long[ring];
        Arrays.fill(slotStep, -1);
        this.force = new byte[net.neurons];
        this.inputCount = new int[net.stimuli.size()][];
        for (CompiledStimulus st : net.stimuli) inputCount[st.index] = new int[st.neurons.length];
        this.latePhase = net.rules.stream().map(LatePhase::of).toArray(LatePhase[]::new);
        this.ouBlock = new int[6 * net.neurons];
        Arrays.fill(ouBlock, Philox.NO_BLOCK);
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
            traceValues.add(r.spikes ? null : new double[r.mean ? 1 : r.elements.length][(int) r.count]);
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

    // fast-forward (docs/fixed-point.md, "Fast-forward"): the shared algorithm lives here, the engines store

    /** Brings plastic synapse q to step s and anchors it there: h quiet with its value at s, calcium zero. */
    protected abstract void anchorQuiet(int q, long s);
    /** h - h0 (mV) of a quiet-anchored synapse at its anchor. */
    protected abstract double anchorDeviation(int q);
    protected abstract double lateWeight(int q);
    protected abstract void setLateWeight(int q, double z);
    protected abstract double protein(int i);
    protected abstract void setProtein(int i, double p, boolean synthesis);

    protected abstract void freezePlasticity(long s);
    protected abstract void thawPlasticity(long s);

    /** Value of a traced variable at step s (state at the start of the step). */
    protected abstract double read(TraceVariable v, CompiledRecording rec, int element, long s);

    /** The uniform 32-bit draw of neuron i's OU noise at step s. */
    protected final int ouUniform(int i, long s) {
        return Philox.stepWord(net.seed, Streams.OU_NOISE, i, s, ouBlock, 6 * i);
    }

    /** A fresh buffer for {@link Philox#stepWord} draws of one element. */
    protected static int[] noiseBuffer() {
        return new int[]{0, 0, 0, 0, Philox.NO_BLOCK, Philox.NO_BLOCK};
    }

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
                if (fastForwardIndex < net.fastForward.length && net.fastForward[fastForwardIndex][0] == s) {
                    long[] w = net.fastForward[fastForwardIndex++];
                    fastForward(w[0], w[1], progress, cancelled);
                    s = w[1] - 1;
                    continue;
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
                changed |= step(s, spikes);
                record(s, spikes);
                stepsExecuted++;
                if (!changed && spikes.size == 0 && s + 1 - lastSpikeStep > net.maxDelaySteps) {
                    long next = nextEvent(s + 1);
                    if (next > s + 1) s = next - 1;
                }
            }
            sample(steps);
            progress.accept(1.0);
        } finally {
            if (team != null) team.close();
        }
    }

    /**
     * The window [s0, s1) without spiking: neurons keep the state they had at s0, spikes in flight are
     * dropped, every synapse is anchored quiet at s0 with zero calcium, and the late phase advances in
     * closed form from one recording sample to the next. Returns with the state at s1.
     */
    private void fastForward(long s0, long s1, DoubleConsumer progress, BooleanSupplier cancelled) {
        Arrays.fill(slotLen, 0);
        Arrays.fill(slotStep, -1);
        lastSpikeStep = Long.MIN_VALUE / 2;
        synthesisEnd = new double[net.neurons];
        forEachPlasticNeuron(i -> enterFastForward(i, s0));
        sample(s0);
        for (long a = s0; a < s1; ) {
            if (cancelled.getAsBoolean()) throw new CancelledException("cancelled at t = " + a * net.dt + " s");
            long b = s1;
            for (CompiledRecording r : net.recordings) b = Math.min(b, r.nextSample(a + 1));
            final long from = a, to = b;
            forEachPlasticNeuron(i -> advanceLatePhase(i, s0, from, to));
            if (b < s1) sample(b);
            progress.accept((double) b / net.steps);
            a = b;
        }
        synthesisEnd = null;
    }

    private void enterFastForward(int i, long s0) {
        double sigma = 0;
        for (int j = net.inStart[i]; j < net.inStart[i + 1]; j++) {
            int q = net.inSyn[j];
            anchorQuiet(q, s0);
            sigma += Math.abs(anchorDeviation(q));
        }
        synthesisEnd[i] = latePhase[net.plasticRule[net.inSyn[net.inStart[i]]]].synthesisEnd(sigma);
    }

    /** Protein of neuron i and the late weights of its inputs from step a to step b (exact). */
    private void advanceLatePhase(int i, long s0, long a, long b) {
        final int from = net.inStart[i], to = net.inStart[i + 1];
        final LatePhase neuronRule = latePhase[net.plasticRule[net.inSyn[from]]];
        final double ta = (a - s0) * net.dt, tb = (b - s0) * net.dt, end = synthesisEnd[i];
        final double pa = protein(i);
        final double whole = neuronRule.proteinIntegral(pa, ta, end, tb);
        LatePhase r = null;
        double tagAtA = 0, tagAtB = 0;   // |d0| needed to be tagged at ta, at tb
        for (int j = from; j < to; j++) {
            int q = net.inSyn[j];
            if (latePhase[net.plasticRule[q]] != r) {
                r = latePhase[net.plasticRule[q]];
                tagAtA = r.thetaTag() * StrictMath.exp(ta / r.tauRelax());
                tagAtB = r.thetaTag() * StrictMath.exp(tb / r.tauRelax());
            }
            double d0 = anchorDeviation(q), ad = Math.abs(d0);
            if (ad < tagAtA) continue;                       // untagged for the whole segment: z holds
            double integral = ad >= tagAtB ? whole : neuronRule.proteinIntegral(pa, ta, end, r.tagEnd(ad));
            if (integral <= 0) continue;
            double target = d0 > 0 ? r.zMax() : r.zMin();
            setLateWeight(q, target + (lateWeight(q) - target) * StrictMath.exp(-integral / r.tauZ()));
        }
        setProtein(i, neuronRule.protein(pa, ta, end, tb), tb < end);
    }

    private void forEachPlasticNeuron(java.util.function.IntConsumer action) {
        java.util.function.IntConsumer member = m -> {
            for (int b = m * BLOCK; b < net.neurons; b += members * BLOCK) {
                for (int i = b, e = Math.min(net.neurons, b + BLOCK); i < e; i++) {
                    if (net.inStart[i + 1] > net.inStart[i]) action.accept(i);
                }
            }
        };
        if (team == null) member.accept(0);
        else team.run(member);
    }

    private void tick(long s) {
        forEachPlasticNeuron(i -> slowTick(i, s));
    }

    /**
     * Neurons, stimulus input, spike arrivals and calcium of step s, each member on what it owns;
     * then the spikes of step s, in neuron order, into {@code spikes} and the delay ring.
     */
    private boolean step(long s, IntList spikes) {
        boolean changed = false;
        spikes.clear();
        if (team == null) {
            changed = stepMember(0, s);
            IntList own = memberSpikes[0];
            for (int j = 0; j < own.size; j++) spikes.add(own.data[j]);
        } else {
            team.run(m -> stepMember(m, s));
            for (int m = 0; m < members; m++) {
                changed |= memberChanged[m];
                IntList own = memberSpikes[m];
                for (int j = 0; j < own.size; j++) spikes.add(own.data[j]);
            }
            if (spikes.size > 1) Arrays.sort(spikes.data, 0, spikes.size);
        }
        int r = (int) (s % ring);
        if (slot[r].length < spikes.size) slot[r] = new int[spikes.size];
        System.arraycopy(spikes.data, 0, slot[r], 0, spikes.size);
        slotLen[r] = spikes.size;
        slotStep[r] = s;
        if (spikes.size > 0) lastSpikeStep = s;
        return changed;
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

    private boolean stepMember(int m, long s) {
        IntList own = memberSpikes[m];
        own.clear();
        boolean changed = false;
        for (int b = m * BLOCK; b < net.neurons; b += members * BLOCK) {
            int e = Math.min(net.neurons, b + BLOCK);
            changed |= stepNeurons(b, e, s, own);
            Arrays.fill(force, b, e, NONE);
        }
        memberChanged[m] = changed;
        final boolean all = members == 1;
        // stimulus input (after the decay of this step, like synaptic arrivals)
        for (CompiledStimulus st : net.stimuli) {
            int[] counts = inputCount[st.index];
            for (int j = 0; j < counts.length; j++) {
                if (counts[j] > 0 && (all || owner[st.neurons[j]] == m)) {
                    addStimulusInput(st.neurons[j], st, counts[j]);
                    counts[j] = 0;
                }
            }
        }
        // arrivals, in projection order, then spike order, then synapse order
        for (CompiledNetwork.CompiledProjection pr : net.projections) {
            long t = s - pr.delay();
            int[] src = spikesAt(t);
            if (src == null) continue;
            int[] post = pr.post(), start = pr.start();
            for (int j = 0, len = slotLen[(int) (t % ring)]; j < len; j++) {
                int local = src[j] - pr.preOffset();
                if (local < 0 || local >= pr.preSize()) continue;
                for (int k = start[local], e = start[local + 1]; k < e; k++) {
                    if (all || owner[post[k]] == m) deliver(pr, k, s);
                }
            }
        }
        if (!plasticityOn || net.plasticCount == 0) return changed;
        for (CompiledNetwork.CompiledProjection pr : net.projections) {
            if (!pr.plastic()) continue;
            long t = s - net.ruleCaDelaySteps[pr.rule()];
            int[] src = spikesAt(t);
            if (src == null) continue;
            int[] post = pr.post(), start = pr.start(), plasticIndex = pr.plasticIndex();
            for (int j = 0, len = slotLen[(int) (t % ring)]; j < len; j++) {
                int local = src[j] - pr.preOffset();
                if (local < 0 || local >= pr.preSize()) continue;
                for (int k = start[local], e = start[local + 1]; k < e; k++) {
                    if (all || owner[post[k]] == m) calciumPre(plasticIndex[k], s);
                }
            }
        }
        for (int j = 0; j < own.size; j++) {
            int n = own.data[j];
            for (int q = net.inStart[n], e = net.inStart[n + 1]; q < e; q++) calciumPost(net.inSyn[q], s);
        }
        return changed;
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
        if (fastForwardIndex < net.fastForward.length) next = Math.min(next, net.fastForward[fastForwardIndex][0]);
        return Math.max(next, s);
    }

    private void sample(long s) {
        for (int i = 0; i < net.recordings.size(); i++) {
            CompiledRecording r = net.recordings.get(i);
            if (!r.sampleAt(s)) continue;
            double[][] v = traceValues.get(i);
            int col = traceFill[i]++;
            if (r.mean) {
                double sum = 0;
                for (int e : r.elements) sum += read(r.variable, r, e, s);
                v[0][col] = sum / r.elements.length;
            } else {
                for (int k = 0; k < r.elements.length; k++) v[k][col] = read(r.variable, r, r.elements[k], s);
            }
        }
    }

    private void record(long s, IntList spikes) {
        for (int i = 0; i < net.recordings.size(); i++) {
            CompiledRecording r = net.recordings.get(i);
            if (!r.spikes || s < r.spikeStart || s >= r.spikeStop) continue;
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
        return new double[]{read(TraceVariable.H, null, pr.plastic(k), net.steps),
                read(TraceVariable.Z, null, pr.plastic(k), net.steps),
                read(TraceVariable.W, null, pr.plastic(k), net.steps)};
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
