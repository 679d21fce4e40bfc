package org.engram.sim.engine;

import org.engram.hal.device.TimeBase;
import org.engram.hal.model.*;
import org.engram.sim.rng.NormalTable;
import org.engram.sim.rng.Philox;
import org.engram.sim.rng.Streams;

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
    public final int[] plasticPost, plasticPre, plasticRule;
    public final int[] inStart, inSyn;
    public final List<TwoPhaseRule> rules = new ArrayList<>();
    public final int[] ruleCaDelaySteps;

    public final List<CompiledStimulus> stimuli = new ArrayList<>();
    public final List<CompiledRecording> recordings = new ArrayList<>();
    /** Steps where plasticity switches: [step, enabled ? 1 : 0] pairs in time order. */
    public final long[][] plasticitySwitches;
    public final int maxDelaySteps;

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
        for (Population p : e.network().populations()) neuronParameters(p);

        // synapses
        int maxDelay = 1;
        List<int[]> plastic = new ArrayList<>(); // [pre, post, rule] global
        int projIndex = 0;
        for (Projection pr : e.network().projections()) {
            int preOff = popOffset.get(pr.pre()), postOff = popOffset.get(pr.post());
            int nPre = popByName.get(pr.pre()).size(), nPost = popByName.get(pr.post()).size();
            boolean same = pr.pre().equals(pr.post());
            int[][] pairs = connect(pr.connector(), nPre, nPost, same, projIndex);
            int delay = (int) tb.nearestTick(pr.delay());
            maxDelay = Math.max(maxDelay, delay);
            int rule = -1, plasticBase = plastic.size();
            if (pr.synapse() instanceof TwoPhaseRule r) {
                rule = rules.size();
                rules.add(r);
                maxDelay = Math.max(maxDelay, (int) tb.nearestTick(r.calciumDelay()));
            }
            // CSR by pre (pairs are generated in (pre, post) order)
            int[] start = new int[nPre + 1];
            for (int[] pq : pairs) start[pq[0] + 1]++;
            for (int i = 0; i < nPre; i++) start[i + 1] += start[i];
            int[] post = new int[pairs.length];
            for (int i = 0; i < pairs.length; i++) {
                post[i] = postOff + pairs[i][1];
                if (rule >= 0) plastic.add(new int[]{preOff + pairs[i][0], post[i], rule});
            }
            double weight = pr.synapse() instanceof SynapseType.Static s ? s.weight() : 0;
            projections.add(new CompiledProjection(pr.name(), preOff, nPre, postOff, nPost, delay, start, post,
                    weight, rule, rule >= 0 ? plasticBase : -1, projIndex));
            projIndex++;
        }
        maxDelaySteps = maxDelay;
        plasticCount = plastic.size();
        plasticPre = new int[plasticCount];
        plasticPost = new int[plasticCount];
        plasticRule = new int[plasticCount];
        for (int k = 0; k < plasticCount; k++) {
            plasticPre[k] = plastic.get(k)[0];
            plasticPost[k] = plastic.get(k)[1];
            plasticRule[k] = plastic.get(k)[2];
        }
        inStart = new int[neurons + 1];
        for (int k = 0; k < plasticCount; k++) inStart[plasticPost[k] + 1]++;
        for (int i = 0; i < neurons; i++) inStart[i + 1] += inStart[i];
        inSyn = new int[plasticCount];
        int[] fill = Arrays.copyOf(inStart, neurons);
        for (int k = 0; k < plasticCount; k++) inSyn[fill[plasticPost[k]]++] = k;
        ruleCaDelaySteps = rules.stream().mapToInt(r -> (int) tb.nearestTick(r.calciumDelay())).toArray();

        int si = 0;
        for (Stimulus s : e.protocol().stimuli()) stimuli.add(CompiledStimulus.of(s, si++, this, tb));
        for (Recording r : e.protocol().recordings()) recordings.add(CompiledRecording.of(r, this, tb));
        plasticitySwitches = switches(e.protocol(), tb);
    }

    private void neuronParameters(Population p) {
        int off = popOffset.get(p.name());
        LifParameters l = p.lif();
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
            long hs = h.seed() != 0 ? h.seed() : mix(seed, 0x4845544Cl + off * 31L + hIndex);
            double[] target = switch (h.parameter()) {
                case TAU_MEM -> tauMem;
                case V_REST -> vRest;
                case V_THRESHOLD -> vTh;
                case V_RESET -> vReset;
                case T_REF -> null;
                case TAU_SYN -> tauSyn;
            };
            for (int i = 0; i < p.size(); i++) {
                double v = draw(h.distribution(), hs, off + i, h.parameter().ordinal());
                if (target != null) target[off + i] = v;
                else refSteps[off + i] = (int) Math.round(Math.max(0, v) / dt);
            }
            hIndex++;
        }
        boolean refDrawn = p.heterogeneity().stream().anyMatch(h -> h.parameter() == LifParameter.T_REF);
        for (int i = 0; i < p.size(); i++) {
            int g = off + i;
            if (!refDrawn) refSteps[g] = (int) Math.round(l.tRef() / dt);
            if (vReset[g] >= vTh[g]) {
                throw new IllegalArgumentException("population " + p.name() + " neuron " + i + ": drawn v_reset "
                        + vReset[g] + " mV is not below v_threshold " + vTh[g] + " mV");
            }
        }
    }

    /** One draw of a heterogeneity distribution for one neuron; redraws a truncated normal. */
    private static double draw(Distribution d, long seed, int neuron, int param) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            long ctr = ((long) param << 32) | attempt;
            int u = Philox.draw(seed, Streams.HETEROGENEITY, neuron, ctr);
            double v = switch (d) {
                case Distribution.Normal nd -> nd.mean() + nd.sd() * NormalTable.gaussian(u);
                case Distribution.Uniform ud -> ud.low() + (ud.high() - ud.low()) * ((u >>> 8) / (double) (1 << 24));
                case Distribution.LogNormal ld -> ld.median() * StrictMath.exp(ld.sigma() * NormalTable.gaussian(u));
            };
            if (!(d instanceof Distribution.Normal nd) || (v >= nd.min() && v <= nd.max())) return v;
        }
        throw new IllegalArgumentException("normal distribution " + d + ": no draw inside [min, max] after 1000 attempts");
    }

    private int[][] connect(Connector c, int nPre, int nPost, boolean same, int projIndex) {
        List<int[]> out = new ArrayList<>();
        switch (c) {
            case Connector.AllToAll a -> {
                for (int i = 0; i < nPre; i++)
                    for (int j = 0; j < nPost; j++) if (!same || a.allowSelf() || i != j) out.add(new int[]{i, j});
            }
            case Connector.OneToOne o -> {
                for (int i = 0; i < Math.min(nPre, nPost); i++) out.add(new int[]{i, i});
            }
            case Connector.FixedProbability f -> {
                long cs = f.seed() != 0 ? f.seed() : mix(seed, 0x434F4E4EL + projIndex);
                long threshold = (long) StrictMath.floor(f.p() * 4294967296.0);
                for (int i = 0; i < nPre; i++) {
                    for (int j = 0; j < nPost; j++) {
                        if (same && !f.allowSelf() && i == j) continue;
                        long u = Philox.draw(cs, Streams.CONNECTIVITY, i, j) & 0xFFFFFFFFL;
                        if (u < threshold) out.add(new int[]{i, j});
                    }
                }
            }
            case Connector.Explicit x -> {
                int[][] pairs = new int[x.size()][];
                for (int i = 0; i < x.size(); i++) pairs[i] = new int[]{x.preAt(i), x.postAt(i)};
                Arrays.sort(pairs, (p, q) -> p[0] != q[0] ? Integer.compare(p[0], q[0]) : Integer.compare(p[1], q[1]));
                return pairs;
            }
        }
        return out.toArray(new int[0][]);
    }

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

    /** SplitMix64 finaliser: derives independent seeds from the master seed. */
    public static long mix(long seed, long salt) {
        long z = seed + salt * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public int globalIndex(String population, int local) {
        return popOffset.get(population) + local;
    }

    public CompiledProjection projection(String name) {
        return projections.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    /** A projection in CSR form: outgoing synapses of local pre i are [start[i], start[i+1]). */
    public record CompiledProjection(String name, int preOffset, int preSize, int postOffset, int postSize, int delay,
                                     int[] start, int[] post, double weight, int rule, int plasticBase, int index) {
        public boolean plastic() { return rule >= 0; }
        public int size() { return post.length; }

        /** The synapse index (within the projection) of the local pair, or -1. */
        public int find(int localPre, int localPost) {
            int g = postOffset + localPost;
            int k = Arrays.binarySearch(post, start[localPre], start[localPre + 1], g);
            return k >= 0 ? k : -1;
        }
    }
}
