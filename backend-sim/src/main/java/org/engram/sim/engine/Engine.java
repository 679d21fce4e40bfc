package org.engram.sim.engine;

import org.engram.hal.device.CancelledException;
import org.engram.hal.model.TraceVariable;
import org.engram.support.rng.Philox;
import org.engram.support.rng.Streams;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import org.engram.support.compiled.CompiledNetwork;
import org.engram.support.compiled.CompiledRecording;
import org.engram.support.compiled.CompiledStimulus;
import org.engram.support.compiled.Results;
import org.engram.support.collect.IntList;
import org.engram.support.collect.LongList;
import org.engram.support.concurrent.StepTeam;

/**
 * The emulator's scheduler, shared by both arithmetics: the order of updates within a step, spike
 * delays, stimuli, the late-phase clock, recordings, and event-driven skipping of quiet stretches.
 * Subclasses supply the arithmetic (fixed point or float64). docs/fixed-point.md, "Order of updates
 * within a step", is the contract this class implements.
 */
public abstract class Engine implements Results.Output {
    /** Neuron-loop flags. */
    protected static final byte NONE = 0, FORCE_SPIKE = 1, FORCE_FIRING = 2;
    /**
     * With T threads a step runs in two parallel phases. (1) Neurons: member m steps the contiguous range
     * [neuronSplit[m], neuronSplit[m + 1]) and adds INPUT stimuli to them (contiguous, so the neuron
     * arrays written every step are shared by two threads only at range edges; dealing small blocks
     * instead was measured 1.5x slower). (2) Inputs: post neurons are cut into chunks that the members
     * claim one at a time; a chunk's owner applies every spike arrival and calcium event of synapses onto
     * it, visiting projections, spikes and synapses in the serial order (each row's part for a chunk is
     * precomputed). Each variable is thus updated by one thread in the serial order, so the bits do not
     * depend on T, and claiming chunks balances hot spots such as a stimulated assembly. Phase 2 is
     * skipped in steps without arrivals or calcium events.
     *
     * <p>Batches: a spike reaches other neurons no earlier than the shortest delay (and calcium no earlier
     * than the shortest calcium delay), so in a stretch of steps that short, with only background noise
     * acting, every member can run its neurons and the inputs onto them for several steps between two
     * barriers; the spikes are published to the ring afterwards. The per-variable order is the serial one.
     */
    static final int ALIGN = 16;

    protected final CompiledNetwork net;
    private StepTeam team;                // the threads of a run (null: serial), started by run()
    private final int members;
    private final int[] neuronSplit;      // member m steps [neuronSplit[m], neuronSplit[m + 1]); moved to balance load
    private final int chunk, chunks;      // phase 2: post neurons in chunks
    private final int[][] segments;       // per projection: start of each row's part per chunk, or null
    private final java.util.concurrent.atomic.AtomicInteger nextChunk = new java.util.concurrent.atomic.AtomicInteger();
    private final IntList[] memberSpikes;
    private final boolean[] memberChanged;
    private final long[] memberBusy;      // nanoseconds each member spent in batches since the last rebalance
    private int batchesSinceRebalance;
    private final int batchLimit;         // steps a batch may span: the shortest delay of spikes and calcium
    private final IntList[][] batchSpikes; // [member][step in batch]

    // spike ring: spikes emitted at step t live in slot t % ring while t is within the longest delay
    private final int ring;
    private final int[][] slot;
    private final int[] slotLen;
    private final long[] slotStep;
    private long lastSpikeStep = Long.MIN_VALUE / 2;

    protected final byte[] force;        // per neuron, this step
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

    private long stepsExecuted, stepsBatched, synapticEvents;
    // LTP gate (rules with ltp_gate_rate): spike histories and per-rule window and threshold
    private final SpikeHistory history;
    private final int[] gateWindow;
    private final double[] gateThreshold;

    protected Engine(CompiledNetwork net, int threads) {
        this.net = net;
        int t = Math.max(1, Math.min(threads, Math.min(64, net.neurons / (8 * ALIGN))));
        this.members = t;
        this.neuronSplit = new int[t + 1];
        for (int m = 1; m < t; m++) neuronSplit[m] = (int) ((long) net.neurons * m / t) / ALIGN * ALIGN;
        neuronSplit[t] = net.neurons;
        this.chunk = t == 1 ? Math.max(1, net.neurons) : Math.max(ALIGN, (net.neurons / (64 * t) + ALIGN - 1) / ALIGN * ALIGN);
        this.chunks = (net.neurons + chunk - 1) / chunk;
        this.segments = new int[net.projections.size()][];
        int[] chunkBounds = new int[chunks + 1];
        for (int c = 0; c <= chunks; c++) chunkBounds[c] = Math.min(net.neurons, c * chunk);
        if (t > 1) for (CompiledNetwork.CompiledProjection pr : net.projections) segments[pr.index()] = segments(pr, chunkBounds);
        this.memberBusy = new long[t];
        this.memberSpikes = new IntList[t];
        for (int m = 0; m < t; m++) memberSpikes[m] = new IntList();
        this.memberChanged = new boolean[t];
        int limit = MAX_BATCH;
        for (CompiledNetwork.CompiledProjection pr : net.projections) {
            limit = Math.min(limit, pr.delay());
            if (pr.plastic()) limit = Math.min(limit, net.ruleCaDelaySteps[pr.rule()]);
        }
        this.batchLimit = t > 1 ? limit : 1;
        this.batchSpikes = new IntList[t][batchLimit];
        for (IntList[] row : batchSpikes) for (int b = 0; b < row.length; b++) row[b] = new IntList();
        this.ring = net.maxDelaySteps + 1;
        this.slot = new int[ring][16];
        this.slotLen = new int[ring];
        this.slotStep = new long[ring];
        Arrays.fill(slotStep, -1);
        this.force = new byte[net.neurons];
        this.latePhase = net.rules.stream().map(LatePhase::of).toArray(LatePhase[]::new);
        this.gateWindow = net.rules.stream().mapToInt(r -> (int) Math.round(r.ltpGateWindow() / net.dt)).toArray();
        this.gateThreshold = net.rules.stream().mapToDouble(r -> r.ltpGateRate() * r.ltpGateWindow()).toArray();
        int widest = -1, minRef = Integer.MAX_VALUE;
        for (int r = 0; r < net.rules.size(); r++) if (net.rules.get(r).ltpGated()) widest = Math.max(widest, gateWindow[r]);
        for (int x : net.refSteps) minRef = Math.min(minRef, x);
        this.history = widest < 0 ? null : new SpikeHistory(net.neurons, widest + 1L + net.slowPeriod + net.maxDelaySteps, minRef + 1);
        this.ouBlock = new int[6 * net.neurons];
        Arrays.fill(ouBlock, Philox.NO_BLOCK);
        this.ouStimulus = net.ouStimulus;
        this.ouOn = new boolean[net.stimuli.size()];
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

    /** For each pre row, where its part for each post range [bounds[c], bounds[c + 1]) starts (rows are sorted by post). */
    private static int[] segments(CompiledNetwork.CompiledProjection pr, int[] bounds) {
        int parts = bounds.length - 1;
        int[] seg = new int[pr.preSize() * (parts + 1)];
        int[] post = pr.post(), start = pr.start();
        for (int i = 0; i < pr.preSize(); i++) {
            int k = start[i];
            for (int c = 0; c < parts; c++) {
                while (k < start[i + 1] && post[k] < bounds[c]) k++;
                seg[i * (parts + 1) + c] = k;
            }
            seg[i * (parts + 1) + parts] = start[i + 1];
        }
        return seg;
    }

    /**
     * The LTP gate of plastic synapse q at step t: true when its rule has none, or when its pre- and its
     * postsynaptic neuron each emitted more than rate x window spikes in [t - window, t].
     */
    protected final boolean ltpAllowed(int q, long t) {
        int rule = net.plasticRule[q];
        if (history == null || gateThreshold[rule] <= 0) return true;
        long from = t - gateWindow[rule];
        return history.count(net.plasticPre[q], from, t) > gateThreshold[rule]
                && history.count(net.plasticPost[q], from, t) > gateThreshold[rule];
    }

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

    /** Steps run inside multi-step batches (threads only). */
    public final long stepsBatched() { return stepsBatched; }

    /** Spikes emitted times their outgoing synapses: the deliveries this run caused. */
    public final long synapticEvents() { return synapticEvents; }

    /** Runs all steps. {@code progress} receives the fraction done; {@code cancelled} is polled. */
    public final void run(DoubleConsumer progress, BooleanSupplier cancelled) {
        final long steps = net.steps;
        final int K = net.slowPeriod;
        long nextReport = 0;
        IntList spikes = new IntList();
        team = members > 1 ? new StepTeam(members, "engram-sim") : null;
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
                long end = batchEnd(s);
                if (end > s + 1) {
                    changed |= batch(s, end, spikes);
                    s = end - 1;
                } else {
                    changed |= step(s, spikes);
                    record(s, spikes);
                    stepsExecuted++;
                }
                // continuous input changes the neurons' drive at any step: no skipping then
                if (!changed && spikes.size == 0 && !net.hasInputs() && s + 1 - lastSpikeStep > net.maxDelaySteps) {
                    long next = nextEvent(s + 1);
                    if (next > s + 1) s = next - 1;
                }
            }
            sample(steps);
            progress.accept(1.0);
        } finally {
            if (team != null) team.close();
            team = null;
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
        if (whole > 0) {
            LatePhase r = null;
            double tagAtA = 0, tagAtB = 0, factorWhole = 0;  // |d0| needed to be tagged at ta and at tb
            for (int j = from; j < to; j++) {
                int q = net.inSyn[j];
                if (latePhase[net.plasticRule[q]] != r) {
                    r = latePhase[net.plasticRule[q]];
                    tagAtA = r.thetaTag() * StrictMath.exp(ta / r.tauRelax());
                    tagAtB = r.thetaTag() * StrictMath.exp(tb / r.tauRelax());
                    factorWhole = StrictMath.exp(-whole / r.tauZ());
                }
                double d0 = anchorDeviation(q), ad = Math.abs(d0);
                if (ad < tagAtA) continue;                   // untagged for the whole segment: z holds
                double factor = ad >= tagAtB ? factorWhole
                        : StrictMath.exp(-neuronRule.proteinIntegral(pa, ta, end, r.tagEnd(ad)) / r.tauZ());
                double target = d0 > 0 ? r.zMax() : r.zMin();
                setLateWeight(q, target + (lateWeight(q) - target) * factor);
            }
        }
        setProtein(i, neuronRule.protein(pa, ta, end, tb), tb < end);
    }

    private void forEachPlasticNeuron(java.util.function.IntConsumer action) {
        forEachChunk(c -> {
            for (int i = c * chunk, e = Math.min(net.neurons, i + chunk); i < e; i++) {
                if (net.inStart[i + 1] > net.inStart[i]) action.accept(i);
            }
        });
    }

    /** Runs the action for every chunk, each on one thread (claimed in turn). */
    private void forEachChunk(java.util.function.IntConsumer action) {
        if (team == null) {
            for (int c = 0; c < chunks; c++) action.accept(c);
            return;
        }
        nextChunk.set(0);
        team.run(m -> {
            for (int c; (c = nextChunk.getAndIncrement()) < chunks; ) action.accept(c);
        });
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
            changed = neuronPhase(0, s);
        } else {
            team.run(m -> memberChanged[m] = neuronPhase(m, s));
            for (int m = 0; m < members; m++) changed |= memberChanged[m];
        }
        for (int m = 0; m < members; m++) publish(memberSpikes[m], s, spikes);
        ring(s, spikes);
        long work = inputWork(s, spikes);
        if (work > 0) {
            // a quiet step's few deliveries cost less than waking the threads: the caller does them
            if (team == null || work < SERIAL_INPUT_WORK) {
                inputPhase(null, 0, 0, net.neurons, s, spikes);
            } else {
                nextChunk.set(0);
                team.run(m -> {
                    for (int c; (c = nextChunk.getAndIncrement()) < chunks; ) {
                        inputPhase(segments, c, c * chunk, Math.min(net.neurons, (c + 1) * chunk), s, spikes);
                    }
                });
            }
        }
        return changed;
    }

    /** Appends a member's spikes of step s to the step's list (members ascend, so neuron order holds). */
    private void publish(IntList own, long s, IntList spikes) {
        for (int j = 0; j < own.size; j++) {
            spikes.add(own.data[j]);
            synapticEvents += net.outDegree[own.data[j]];
            if (history != null) history.add(own.data[j], s);
        }
    }

    /** Puts the spikes of step s into the delay ring. */
    private void ring(long s, IntList spikes) {
        int r = (int) (s % ring);
        if (slot[r].length < spikes.size) slot[r] = new int[spikes.size];
        System.arraycopy(spikes.data, 0, slot[r], 0, spikes.size);
        slotLen[r] = spikes.size;
        slotStep[r] = s;
        if (spikes.size > 0) lastSpikeStep = s;
    }

    /** Longest batch this runtime allows. */
    static final int MAX_BATCH = 64;

    /**
     * The end of the batch that may start at step s (after stimuli(s)), or s + 1 for a single step. A
     * batch needs threads, background noise on (so the serial run would not skip a step either), no other
     * stimulus, tick, sample, switch or fast-forward inside it, and no LTP gate (it reads other neurons'
     * spike counts within the step).
     */
    private long batchEnd(long s) {
        if (batchLimit < 2 || history != null) return s + 1;
        long e = Math.min(net.steps, s + batchLimit);
        boolean noise = false;
        for (CompiledStimulus st : net.stimuli) {
            if (st.kind == CompiledStimulus.Kind.OU) {
                noise |= ouOn[st.index] && st.ouSd > 0;
                e = Math.min(e, st.nextEdge(s + 1));
            } else {
                e = Math.min(e, st.nextActivity(s));
            }
        }
        if (!noise) return s + 1;
        if (plasticityOn && net.plasticCount > 0) e = Math.min(e, (s / net.slowPeriod + 1) * net.slowPeriod);
        for (CompiledRecording r : net.recordings) e = Math.min(e, r.nextSample(s + 1));
        if (switchIndex < net.plasticitySwitches.length) e = Math.min(e, net.plasticitySwitches[switchIndex][0]);
        if (fastForwardIndex < net.fastForward.length) e = Math.min(e, net.fastForward[fastForwardIndex][0]);
        return Math.max(e, s + 1);
    }

    /** Steps [s0, e) as one batch: members run their neurons and inputs, then the spikes are published. */
    private boolean batch(long s0, long e, IntList spikes) {
        final int len = (int) (e - s0);
        team.run(m -> {
            long t0 = System.nanoTime();
            int from = neuronSplit[m], to = neuronSplit[m + 1];
            for (int b = 0; b < len; b++) {
                long s = s0 + b;
                IntList own = batchSpikes[m][b];
                own.clear();
                memberChanged[m] = stepNeurons(from, to, s, own);   // the run loop needs the last step's
                inputPhase(null, 0, from, to, s, own);
            }
            memberBusy[m] += System.nanoTime() - t0;
        });
        if (++batchesSinceRebalance == REBALANCE_BATCHES) rebalance();
        stepsBatched += len;
        for (int b = 0; b < len; b++) {
            long s = s0 + b;
            spikes.clear();
            for (int m = 0; m < members; m++) publish(batchSpikes[m][b], s, spikes);
            ring(s, spikes);
            record(s, spikes);
            stepsExecuted++;
        }
        boolean changed = false;
        for (int m = 0; m < members; m++) changed |= memberChanged[m];
        return changed;
    }

    /** Below this many synapse visits in a step, phase 2 runs on the calling thread. */
    static final long SERIAL_INPUT_WORK = 4096;

    /** Synapse visits of phase 2 at step s: arrivals, presynaptic and postsynaptic calcium events. */
    private long inputWork(long s, IntList spikes) {
        long work = 0;
        for (CompiledNetwork.CompiledProjection pr : net.projections) {
            for (int d = pr.delay(); d <= pr.maxDelay(); d++) work += rowWork(pr, s - d);
            if (pr.plastic() && plasticityOn) work += rowWork(pr, s - net.ruleCaDelaySteps[pr.rule()]);
        }
        if (plasticityOn && net.plasticCount > 0) {
            for (int j = 0; j < spikes.size; j++) work += 1 + net.inStart[spikes.data[j] + 1] - net.inStart[spikes.data[j]];
        }
        return work;
    }

    /** Synapses of the projection leaving the spikes of step t. */
    private long rowWork(CompiledNetwork.CompiledProjection pr, long t) {
        int[] src = spikesAt(t);
        if (src == null) return 0;
        long work = 0;
        for (int j = 0, len = slotLen[(int) (t % ring)]; j < len; j++) {
            int local = src[j] - pr.preOffset();
            if (local >= 0 && local < pr.preSize()) work += 1 + pr.start()[local + 1] - pr.start()[local];
        }
        return work;
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
                    byte bit = st.gated ? FORCE_FIRING : FORCE_SPIKE;   // gated: dropped while refractory (dead time)
                    for (int n : st.neurons) if (poissonSpike(st, n, s)) force[n] |= bit;
                }
                case SPIKES -> {
                    if (st.eventAt(s)) {
                        any = true;
                        byte bit = st.gated ? FORCE_FIRING : FORCE_SPIKE;
                        for (int n : st.neurons) force[n] |= bit;
                    }
                }
            }
        }
        return any;
    }

    /** One Bernoulli draw of source neuron n's Poisson train at step s (the first lane of its Philox block). */
    private boolean poissonSpike(CompiledStimulus st, int n, long s) {
        Philox.block((int) net.seed, (int) (net.seed >>> 32), (int) s, (int) (s >>> 32), n,
                Streams.poisson(st.index, 0), poissonDraw);
        return (poissonDraw[0] & 0xFFFFFFFFL) < st.poissonThreshold;
    }

    /** Phase 1: member m's neurons through step s. */
    private boolean neuronPhase(int m, long s) {
        IntList own = memberSpikes[m];
        own.clear();
        int from = neuronSplit[m], to = neuronSplit[m + 1];
        boolean changed = stepNeurons(from, to, s, own);
        Arrays.fill(force, from, to, NONE);
        return changed;
    }

    /** Batches between two rebalancing moves of the neuron ranges. */
    static final int REBALANCE_BATCHES = 128;

    /**
     * Moves each boundary between two members' neuron ranges toward the one that spent less time in the
     * last batches, by half the estimated imbalance. Excitatory neurons with plastic inputs cost more than
     * inhibitory ones, and activity moves, so no fixed split fits. Ranges only decide who computes what,
     * never the order in which a variable is updated, so this changes no bits.
     */
    private void rebalance() {
        for (int m = 1; m < members; m++) {
            long a = memberBusy[m - 1], b = memberBusy[m];
            int lo = neuronSplit[m - 1], mid = neuronSplit[m], hi = neuronSplit[m + 1];
            if (a + b == 0) continue;
            double perNeuronA = (double) a / Math.max(1, mid - lo), perNeuronB = (double) b / Math.max(1, hi - mid);
            // the boundary x where (x - lo) perNeuronA = (hi - x) perNeuronB, approached halfway
            double x = (lo * perNeuronA + hi * perNeuronB) / (perNeuronA + perNeuronB);
            int next = (int) Math.round((mid + (x - mid) / 2) / ALIGN) * ALIGN;
            neuronSplit[m] = Math.max(lo + ALIGN, Math.min(hi - ALIGN, next));
        }
        Arrays.fill(memberBusy, 0);
        batchesSinceRebalance = 0;
    }

    /**
     * Phase 2 for post neurons [lo, hi), part c of the cut {@code segs} (null: rows are cut by binary
     * search): spike arrivals onto them (projection, spike and synapse order), presynaptic calcium of
     * their incoming synapses, then the postsynaptic calcium of their spikes ({@code spikes}: this step's,
     * in neuron order, at least those in [lo, hi)).
     */
    private void inputPhase(int[][] segs, int c, int lo, int hi, long s, IntList spikes) {
        for (CompiledNetwork.CompiledProjection pr : net.projections) {
            if (pr.delays() != null) {
                arrivalsByDelay(pr, segs, c, lo, hi, s);
                continue;
            }
            long t = s - pr.delay();
            int[] src = spikesAt(t);
            if (src == null) continue;
            int[] seg = segs == null ? null : segs[pr.index()];
            for (int j = 0, len = slotLen[(int) (t % ring)]; j < len; j++) {
                int local = src[j] - pr.preOffset();
                if (local < 0 || local >= pr.preSize()) continue;
                long range = rowPart(pr, local, seg, c, lo, hi);
                int k = (int) (range >>> 32), e = (int) range;
                for (; k < e; k++) deliver(pr, k, s);
            }
        }
        if (!plasticityOn || net.plasticCount == 0) return;
        for (CompiledNetwork.CompiledProjection pr : net.projections) {
            if (!pr.plastic()) continue;
            long t = s - net.ruleCaDelaySteps[pr.rule()];
            int[] src = spikesAt(t);
            if (src == null) continue;
            int[] seg = segs == null ? null : segs[pr.index()], plasticIndex = pr.plasticIndex();
            for (int j = 0, len = slotLen[(int) (t % ring)]; j < len; j++) {
                int local = src[j] - pr.preOffset();
                if (local < 0 || local >= pr.preSize()) continue;
                long range = rowPart(pr, local, seg, c, lo, hi);
                int k = (int) (range >>> 32), e = (int) range;
                for (; k < e; k++) calciumPre(plasticIndex[k], s);
            }
        }
        for (int j = lowerBound(spikes, lo); j < spikes.size && spikes.data[j] < hi; j++) {
            int n = spikes.data[j];
            for (int q = net.inStart[n], e = net.inStart[n + 1]; q < e; q++) calciumPost(net.inSyn[q], s);
        }
    }

    /**
     * Arrivals at step s of a projection with per-synapse delays: by delay d ascending (shortest first),
     * the spikes emitted at s - d in neuron order, then each synapse of the row (CSR order) whose delay is d.
     * The order is fixed by the network, so the bits do not depend on the thread count.
     */
    private void arrivalsByDelay(CompiledNetwork.CompiledProjection pr, int[][] segs, int c, int lo, int hi, long s) {
        int[] delays = pr.delays();
        int[] seg = segs == null ? null : segs[pr.index()];
        for (int d = pr.delay(); d <= pr.maxDelay(); d++) {
            long t = s - d;
            int[] src = spikesAt(t);
            if (src == null) continue;
            for (int j = 0, len = slotLen[(int) (t % ring)]; j < len; j++) {
                int local = src[j] - pr.preOffset();
                if (local < 0 || local >= pr.preSize()) continue;
                long range = rowPart(pr, local, seg, c, lo, hi);
                for (int k = (int) (range >>> 32), e = (int) range; k < e; k++) if (delays[k] == d) deliver(pr, k, s);
            }
        }
    }

    /**
     * The synapses [k, e) of row {@code local} onto posts [lo, hi), as k << 32 | e: the whole row, part c of
     * a precomputed cut {@code seg}, or found by binary search (the row is sorted by post).
     */
    private long rowPart(CompiledNetwork.CompiledProjection pr, int local, int[] seg, int c, int lo, int hi) {
        int[] start = pr.start();
        int k, e;
        if (seg != null) {
            int stride = seg.length / pr.preSize();
            k = seg[local * stride + c];
            e = seg[local * stride + c + 1];
        } else if (lo == 0 && hi == net.neurons) {
            k = start[local];
            e = start[local + 1];
        } else {
            k = lowerBound(pr.post(), start[local], start[local + 1], lo);
            e = lowerBound(pr.post(), k, start[local + 1], hi);
        }
        return (long) k << 32 | (e & 0xFFFFFFFFL);
    }

    private static int lowerBound(IntList sorted, int value) {
        return lowerBound(sorted.data, 0, sorted.size, value);
    }

    /** The first index in [lo, hi) of the ascending {@code a} whose value is >= value (hi if none). */
    private static int lowerBound(int[] a, int lo, int hi, int value) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
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

    /** Elements per chunk of a sample: chunks are read in parallel, and MEAN adds chunk sums in order. */
    static final int SAMPLE_CHUNK = 4096;

    private void sample(long s) {
        for (int i = 0; i < net.recordings.size(); i++) {
            CompiledRecording r = net.recordings.get(i);
            if (!r.sampleAt(s)) continue;
            double[][] v = traceValues.get(i);
            int col = traceFill[i]++;
            int n = r.elements.length, chunks = (n + SAMPLE_CHUNK - 1) / SAMPLE_CHUNK;
            double[] part = r.mean ? new double[chunks] : null;
            java.util.function.IntConsumer work = m -> {
                for (int c = m; c < chunks; c += members) {
                    double sum = 0;
                    for (int k = c * SAMPLE_CHUNK, e = Math.min(n, k + SAMPLE_CHUNK); k < e; k++) {
                        double x = read(r.variable, r, r.elements[k], s);
                        if (part != null) sum += x;
                        else v[k][col] = x;
                    }
                    if (part != null) part[c] = sum;
                }
            };
            // reads bring synapses up to s (catch-up); each element belongs to one chunk, so to one thread
            if (team == null || chunks == 1) work.accept(0);
            else team.run(work);
            if (part != null) {
                double sum = 0;
                for (double x : part) sum += x;
                v[0][col] = sum / n;
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

    @Override public int[] spikeNeurons(int recording) { return spikeNeurons.get(recording).toArray(); }
    @Override public long[] spikeSteps(int recording) { return spikeSteps.get(recording).toArray(); }
    @Override public double[][] traceValues(int recording) { return traceValues.get(recording); }

    /** Final (h, z, w) of a synapse, for result summaries. */
    @Override
    public double[] finalSynapse(CompiledNetwork.CompiledProjection pr, int k) {
        return new double[]{read(TraceVariable.H, null, pr.plastic(k), net.steps),
                read(TraceVariable.Z, null, pr.plastic(k), net.steps),
                read(TraceVariable.W, null, pr.plastic(k), net.steps)};
    }
}
