package org.engram.support.compiled;

import org.engram.support.connectivity.Connectivity;
import org.engram.support.connectivity.SynapseDraws;
import org.engram.support.input.StepSeries;
import org.engram.support.rng.Seeds;
import org.engram.support.sources.Sources;

import org.engram.hal.device.TimeBase;
import org.engram.hal.model.*;
import org.engram.support.rng.NormalTable;
import org.engram.support.rng.Philox;
import org.engram.support.rng.Streams;
import org.engram.support.rng.Sampler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment lowered to the emulator's form: global neuron indices, per-neuron parameters,
 * synapses in compact CSR arrays (never one object per synapse), stimuli and recordings in steps.
 * Shared by both arithmetic engines, so they see exactly the same network and schedule.
 */
public final class CompiledNetwork {
    public final Experiment experiment;
    public final double dt;
    public final long steps;
    public final long seed;
    /** Late-phase period (p, z updates) in steps: 0.1 s. */
    public final int slowPeriod;

    public final int neurons;
    public final Map<String, Integer> popOffset = new HashMap<>();
    public final Map<String, Population> popByName = new HashMap<>();

    // per-neuron parameters (model units)
    public final double[] tauMem, vRest, vTh, vReset, tauSyn, resistance;
    public final int[] refSteps;

    public final List<CompiledProjection> projections = new ArrayList<>();
    /** Plastic synapses numbered globally; incoming plastic synapses per post neuron (CSR). */
    public final int plasticCount;
    public final int[] plasticRule;
    /** Global pre and post neuron of each plastic synapse; only when a rule has an LTP gate (else null). */
    public final int[] plasticPre, plasticPost;
    public final int[] inStart, inSyn;
    public final List<TwoPhaseRule> rules = new ArrayList<>();
    public final int[] ruleCaDelaySteps;

    /**
     * Continuous inputs (populations of model input): their series on the step grid. Their neurons keep
     * global indices (for recordings of R) but are inert LIF slots: V = 0, never spike, nothing arrives.
     */
    public final List<CompiledInput> inputs = new ArrayList<>();
    /** Per neuron: whether it is a slot of an input population. */
    public final boolean[] isInput;
    /**
     * Input synapses onto lif neurons by post (CSR): neuron i's are [inputStart[i], inputStart[i + 1]), in
     * projection order, then input dimension; each names its input, dimension, weight (mV) and delay (steps).
     * Null arrays when the network has no input projections.
     */
    public final int[] inputStart, inputSource, inputDim, inputDelay;
    public final double[] inputWeight;

    public final List<CompiledStimulus> stimuli = new ArrayList<>();
    /** The OU stimulus driving each neuron, or -1 (at most one per neuron). */
    public final int[] ouStimulus;
    public final List<CompiledRecording> recordings = new ArrayList<>();
    /** Steps where plasticity switches: [step, enabled ? 1 : 0] pairs in time order. */
    public final long[][] plasticitySwitches;
    /** Fast-forward windows [start, stop) in steps, in time order. */
    public final long[][] fastForward;
    public final int maxDelaySteps;
    /** Outgoing synapses of each neuron over all projections (for the synaptic-event count). */
    public final int[] outDegree;

    public static final double SLOW_PERIOD_SECONDS = 0.1;

    public CompiledNetwork(Experiment e, TimeBase tb) {
        this.experiment = e;
        this.dt = tb.tick();
        this.steps = tb.exactTick("protocol.duration", e.protocol().duration());
        this.seed = e.seed();
        this.slowPeriod = (int) Math.max(1, Math.round(SLOW_PERIOD_SECONDS / dt));

        int n = 0;
        for (Population p : e.network().populations()) {
            popOffset.put(p.name(), n);
            popByName.put(p.name(), p);
            n += p.size();
        }
        neurons = n;
        tauMem = new double[n];
        vRest = new double[n];
        vTh = new double[n];
        vReset = new double[n];
        tauSyn = new double[n];
        resistance = new double[n];
        refSteps = new int[n];
        isInput = new boolean[n];
        for (Population p : e.network().populations()) {
            if (p.model() instanceof InputSource in) inputPopulation(p, in, tb);
            else neuronParameters(p);
        }
        List<double[]> inputSynapses = new ArrayList<>();   // {post, input, dim, weight, delay} in projection, pre, post order

        // synapses: CSR by pre straight from the connector, never one object per synapse
        int maxDelay = 1;
        int projIndex = 0, plasticTotal = 0;
        for (Projection pr : e.network().projections()) {
            int preOff = popOffset.get(pr.pre()), postOff = popOffset.get(pr.post());
            Population prePop = popByName.get(pr.pre());
            int nPre = prePop.size(), nPost = popByName.get(pr.post()).size();
            boolean same = pr.pre().equals(pr.post());
            int[][] csr = Connectivity.csr(pr.connector(), nPre, nPost, same, seed, projIndex);
            int[] start = csr[0], post = csr[1];
            for (int k = 0; k < post.length; k++) post[k] += postOff;
            double constant = pr.synapse() instanceof SynapseType.Static st ? st.weight() : 0;
            // per-synapse values: the same draws (and order) as every other backend's, SynapseDraws
            double[] weights = pr.weights() == null ? null : SynapseDraws.values(pr, pr.weights(), post.length, constant,
                    prePop.kind(), seed, projIndex, Streams.SYNAPSE_WEIGHT);
            int[] delays = null;
            int delay = (int) tb.nearestTick(pr.delay()), longest = delay;
            if (pr.delays() != null) {
                double[] d = SynapseDraws.values(pr, pr.delays(), post.length, pr.delay(), null, seed, projIndex, Streams.SYNAPSE_DELAY);
                delays = new int[d.length];
                delay = Integer.MAX_VALUE;
                longest = 0;
                for (int k = 0; k < d.length; k++) {
                    if (!(d[k] >= 0)) throw new IllegalArgumentException("projection " + pr.name() + ": synapse " + k
                            + " has delay " + d[k] + " s (delays are not negative)");
                    delays[k] = (int) tb.nearestTick(d[k]);
                    delay = Math.min(delay, delays[k]);
                    longest = Math.max(longest, delays[k]);
                }
                if (d.length == 0) delay = longest = (int) tb.nearestTick(pr.delay());
            }
            maxDelay = Math.max(maxDelay, longest);
            if (prePop.model() instanceof InputSource) {
                int input = inputIndex(pr.pre());
                for (int i = 0; i < nPre; i++) {
                    for (int k = start[i]; k < start[i + 1]; k++) {
                        inputSynapses.add(new double[]{post[k], input, i, weights != null ? weights[k] : constant,
                                delays != null ? delays[k] : delay});
                    }
                }
                projIndex++;
                continue;
            }
            int rule = -1, plasticBase = -1;
            int[] plasticIndex = null;
            if (pr.synapse() instanceof TwoPhaseRule r) {
                rule = rules.size();
                rules.add(r);
                maxDelay = Math.max(maxDelay, (int) tb.nearestTick(r.calciumDelay()));
                plasticBase = plasticTotal;
                if ((long) plasticTotal + post.length > Integer.MAX_VALUE - 8) {
                    throw new IllegalArgumentException("more than 2^31 plastic synapses");
                }
                plasticIndex = postMajor(start, post, postOff, nPost, plasticBase);
                plasticTotal += post.length;
            }
            projections.add(new CompiledProjection(pr.name(), preOff, nPre, postOff, nPost, delay, start, post,
                    constant, rule, plasticBase, plasticIndex, projections.size(), weights, delays, longest));
            projIndex++;
        }
        maxDelaySteps = maxDelay;
        if (inputSynapses.isEmpty()) {
            inputStart = inputSource = inputDim = inputDelay = null;
            inputWeight = null;
        } else {
            // stable counting sort by post: within a neuron, projection order then dimension
            int m = inputSynapses.size();
            inputStart = new int[n + 1];
            for (double[] x : inputSynapses) inputStart[(int) x[0] + 1]++;
            for (int i = 0; i < n; i++) inputStart[i + 1] += inputStart[i];
            inputSource = new int[m];
            inputDim = new int[m];
            inputDelay = new int[m];
            inputWeight = new double[m];
            int[] fill = Arrays.copyOf(inputStart, n);
            for (double[] x : inputSynapses) {
                int j = fill[(int) x[0]]++;
                inputSource[j] = (int) x[1];
                inputDim[j] = (int) x[2];
                inputWeight[j] = x[3];
                inputDelay[j] = (int) x[4];
            }
        }
        outDegree = new int[neurons];
        for (CompiledProjection pr : projections) {
            for (int i = 0; i < pr.preSize(); i++) outDegree[pr.preOffset() + i] += pr.start()[i + 1] - pr.start()[i];
        }
        plasticCount = plasticTotal;
        plasticRule = new int[plasticCount];
        inStart = new int[neurons + 1];
        for (CompiledProjection pr : projections) {
            if (!pr.plastic()) continue;
            Arrays.fill(plasticRule, pr.plasticBase(), pr.plasticBase() + pr.size(), pr.rule());
            for (int post : pr.post()) inStart[post + 1]++;
        }
        for (int i = 0; i < neurons; i++) inStart[i + 1] += inStart[i];
        boolean gated = rules.stream().anyMatch(TwoPhaseRule::ltpGated);
        plasticPre = gated ? new int[plasticCount] : null;
        plasticPost = gated ? new int[plasticCount] : null;
        if (gated) {
            for (CompiledProjection pr : projections) {
                if (!pr.plastic()) continue;
                for (int i = 0; i < pr.preSize(); i++) {
                    for (int k = pr.start()[i]; k < pr.start()[i + 1]; k++) {
                        plasticPre[pr.plastic(k)] = pr.preOffset() + i;
                        plasticPost[pr.plastic(k)] = pr.post()[k];
                    }
                }
            }
        }
        inSyn = new int[plasticCount];
        int[] fill = Arrays.copyOf(inStart, neurons);
        for (CompiledProjection pr : projections) {
            if (!pr.plastic()) continue;
            int[] postOf = new int[pr.size()];
            for (int k = 0; k < pr.size(); k++) postOf[pr.plasticIndex()[k] - pr.plasticBase()] = pr.post()[k];
            for (int j = 0; j < postOf.length; j++) inSyn[fill[postOf[j]]++] = pr.plasticBase() + j;
        }
        ruleCaDelaySteps = rules.stream().mapToInt(r -> (int) tb.nearestTick(r.calciumDelay())).toArray();

        // source trains first (their indices key the Poisson streams), then the protocol's current sources
        for (Sources.Train t : Sources.trains(e)) stimuli.add(CompiledStimulus.of(t, this, tb));
        int si = stimuli.size();
        for (Stimulus s : e.protocol().stimuli()) stimuli.add(CompiledStimulus.of(s, si++, this, tb));
        ouStimulus = new int[neurons];
        Arrays.fill(ouStimulus, -1);
        for (CompiledStimulus st : stimuli) {
            if (st.kind != CompiledStimulus.Kind.OU) continue;
            for (int i : st.neurons) {
                if (ouStimulus[i] >= 0) throw new IllegalArgumentException("neuron " + i + " has two OU currents ("
                        + stimuli.get(ouStimulus[i]).name + ", " + st.name + "): at most one per neuron");
                ouStimulus[i] = st.index;
            }
        }
        for (Recording r : e.protocol().recordings()) recordings.add(CompiledRecording.of(r, this, tb));
        plasticitySwitches = switches(e.protocol(), tb);
        fastForward = e.protocol().fastForward().stream()
                .map(f -> new long[]{tb.nearestTick(f.start()), tb.nearestTick(f.stop())})
                .sorted(java.util.Comparator.comparingLong(w -> w[0])).toArray(long[][]::new);
    }

    /** An input population: its series on the step grid (the rate engine's, StepSeries) and inert slots. */
    private void inputPopulation(Population p, InputSource in, TimeBase tb) {
        int off = popOffset.get(p.name());
        double[] values = StepSeries.onSteps(p, in, dt, steps, StepSeries.seed(seed, off));
        inputs.add(new CompiledInput(p.name(), off, p.size(), values));
        for (int i = off; i < off + p.size(); i++) {
            isInput[i] = true;
            tauMem[i] = tauSyn[i] = 1e-2;
            resistance[i] = 1;
            vTh[i] = INERT_THRESHOLD;
            vReset[i] = -INERT_THRESHOLD;
        }
    }

    /** An input slot's threshold (mV): out of reach, since V stays at 0. */
    static final double INERT_THRESHOLD = 1e4;

    private int inputIndex(String population) {
        for (int k = 0; k < inputs.size(); k++) if (inputs.get(k).name().equals(population)) return k;
        throw new IllegalStateException("no input population " + population);
    }

    public boolean hasInputs() {
        return inputStart != null;
    }

    /** u_k(s) of dimension k of input {@code input}: the series' row s (the last row beyond the run). */
    public double inputValue(int input, int k, long s) {
        CompiledInput in = inputs.get(input);
        long row = Math.max(0, Math.min(s, steps - 1));
        return in.values()[(int) (row * in.dims() + k)];
    }

    /** An input population's series: steps x dims, row-major, global offset of its slots. */
    public record CompiledInput(String name, int offset, int dims, double[] values) {}

    private void neuronParameters(Population p) {
        int off = popOffset.get(p.name());
        LifParameters l = Sources.neuron(p);
        for (int i = 0; i < p.size(); i++) {
            int g = off + i;
            tauMem[g] = l.tauMem();
            vRest[g] = l.vRest();
            vTh[g] = l.vThreshold();
            vReset[g] = l.vReset();
            tauSyn[g] = l.tauSyn();
            resistance[g] = l.resistance();
        }
        int hIndex = 0;
        for (Heterogeneity h : p.heterogeneity()) {
            long hs = h.seed() != 0 ? h.seed() : Seeds.mix(seed, 0x4845544Cl + off * 31L + hIndex);
            LifParameter param = h.lifParameter();
            double[] target = switch (param) {
                case TAU_MEM -> tauMem;
                case V_REST -> vRest;
                case V_THRESHOLD -> vTh;
                case V_RESET -> vReset;
                case T_REF -> null;
                case TAU_SYN -> tauSyn;
            };
            double[] given = h.values();
            for (int i = 0; i < p.size(); i++) {
                double v = given != null ? given[i]
                        : Sampler.draw(h.distribution(), hs, Streams.HETEROGENEITY, off + i, param.ordinal(), false);
                if (target != null) target[off + i] = v;
                else refSteps[off + i] = (int) Math.round(Math.max(0, v) / dt);
            }
            hIndex++;
        }
        boolean refDrawn = p.heterogeneity().stream().anyMatch(h -> h.lifParameter() == LifParameter.T_REF);
        for (int i = 0; i < p.size(); i++) {
            int g = off + i;
            if (!refDrawn) refSteps[g] = (int) Math.round(l.tRef() / dt);
            if (vReset[g] >= vTh[g]) {
                throw new IllegalArgumentException("population " + p.name() + " neuron " + i + ": drawn v_reset "
                        + vReset[g] + " mV is not below v_threshold " + vTh[g] + " mV");
            }
        }
    }

    /** The connector's synapses as CSR {start (nPre + 1), post (population-local)}, rows sorted by post. */

    private static long[][] switches(Protocol p, TimeBase tb) {
        // resolve the windows to the state in force after each boundary, in time order
        long[] bounds = p.plasticity().stream()
                .flatMapToLong(w -> java.util.stream.LongStream.of(tb.nearestTick(w.start()), tb.nearestTick(w.stop())))
                .distinct().sorted().toArray();
        List<long[]> out = new ArrayList<>();
        boolean prev = true;
        for (long b : bounds) {
            boolean on = p.plasticityEnabledAt(b * tb.tick() + tb.tick() * 1e-6);
            if (on != prev) out.add(new long[]{b, on ? 1 : 0});
            prev = on;
        }
        return out.toArray(new long[0][]);
    }

    /**
     * Plastic synapses are numbered post-major: by post, then pre, from the projection's base. The
     * synapses of a post neuron are then contiguous in memory, and so are the blocks of neurons each
     * thread owns: no two threads write the same cache line, and the late-phase tick streams.
     */
    private static int[] postMajor(int[] start, int[] post, int postOff, int nPost, int base) {
        int[] next = new int[nPost + 1];
        for (int g : post) next[g - postOff + 1]++;
        for (int j = 0; j < nPost; j++) next[j + 1] += next[j];
        int[] index = new int[post.length];
        for (int i = 0; i + 1 < start.length; i++) {
            for (int k = start[i]; k < start[i + 1]; k++) index[k] = base + next[post[k] - postOff]++;
        }
        return index;
    }

    public int globalIndex(String population, int local) {
        return popOffset.get(population) + local;
    }

    public CompiledProjection projection(String name) {
        return projections.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * A projection in CSR form: outgoing synapses of local pre i are [start[i], start[i+1]). {@code weights}
     * and {@code delays} (steps) are per synapse in CSR order, or null when every synapse has {@code weight}
     * and {@code delay}; with per-synapse delays {@code delay} is the shortest and {@code maxDelay} the longest.
     */
    public record CompiledProjection(String name, int preOffset, int preSize, int postOffset, int postSize, int delay,
                                     int[] start, int[] post, double weight, int rule, int plasticBase,
                                     int[] plasticIndex, int index, double[] weights, int[] delays, int maxDelay) {
        /** The weight of static synapse k (mV). */
        public double weight(int k) { return weights == null ? weight : weights[k]; }

        /** Whether every synapse has the projection's weight and delay (what the C kernel runs). */
        public boolean uniform() { return weights == null && delays == null; }

        public boolean plastic() { return rule >= 0; }

        /** The global plastic index of synapse k (CSR position) of a plastic projection. */
        public int plastic(int k) { return plasticIndex[k]; }
        public int size() { return post.length; }

        /** The synapse index (within the projection) of the local pair, or -1. */
        public int find(int localPre, int localPost) {
            int g = postOffset + localPost;
            int k = Arrays.binarySearch(post, start[localPre], start[localPre + 1], g);
            return k >= 0 ? k : -1;
        }
    }
}
