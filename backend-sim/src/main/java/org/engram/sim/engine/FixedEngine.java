package org.engram.sim.engine;

import org.engram.hal.model.TraceVariable;
import org.engram.hal.model.TwoPhaseRule;
import org.engram.support.fixed.DecayTable;
import org.engram.support.fixed.Fx;
import org.engram.support.rng.NormalTable;
import org.engram.support.rng.Philox;
import org.engram.support.rng.Streams;

import static org.engram.support.fixed.Fx.Q16;
import static org.engram.support.fixed.Fx.Q24;
import static org.engram.support.fixed.Fx.Q30;
import static org.engram.support.fixed.Fx.rshift;
import static org.engram.support.fixed.Fx.sat;
import org.engram.support.compiled.CompiledNetwork;
import org.engram.support.compiled.CompiledRecording;
import org.engram.support.compiled.CompiledStimulus;
import org.engram.support.compiled.Regimes;
import org.engram.support.collect.IntList;
import org.engram.support.fixed.FixedRule;

/**
 * The bit-accurate engine: integer state, integer arithmetic, every rounding defined in
 * docs/fixed-point.md. The C kernel of the native module must reproduce it bit for bit.
 */
public final class FixedEngine extends Engine {
    // neurons: Q16.16 mV
    private final int[] v, u, bg, ref;
    private final int[] gMem, eSyn, vRest, vTh, vReset, refSteps;
    // OU per neuron (Q16 mV, Q30 factor, Q16 mV step sd)
    private final int[] ouMu, ouE, ouSig;
    // protein per neuron (Q30) and the threshold flag of the previous tick
    private final int[] p;
    private final boolean[] synthesis;
    // plastic synapses
    private final int[] cA, h, z;
    private final long[] cS, hS;
    private final boolean[] hActive;
    private final FixedRule[] rules;
    private final int[] staticWeight;     // per projection, Q16 mV
    private final int[][] synapseWeight;  // per projection: per-synapse Q16 mV weights (CSR order), or null
    // continuous input: per input its series (steps x dims, Q16), per input synapse its weight (Q16 mV)
    private final int[][] inputSeries;
    private final int[] inputWeight;
    private boolean frozen;

    public FixedEngine(CompiledNetwork net, int threads) {
        super(net, threads);
        int n = net.neurons;
        v = new int[n];
        u = new int[n];
        bg = new int[n];
        ref = new int[n];
        gMem = new int[n];
        eSyn = new int[n];
        vRest = new int[n];
        vTh = new int[n];
        vReset = new int[n];
        refSteps = net.refSteps.clone();
        ouMu = new int[n];
        ouE = new int[n];
        ouSig = new int[n];
        p = new int[n];
        synthesis = new boolean[n];
        for (int i = 0; i < n; i++) {
            gMem[i] = Fx.of(-StrictMath.expm1(-net.dt / net.tauMem[i]), Q30);
            eSyn[i] = Fx.decayQ30(net.dt / net.tauSyn[i]);
            vRest[i] = Fx.of(net.vRest[i], Q16);
            vTh[i] = Fx.of(net.vTh[i], Q16);
            vReset[i] = Fx.of(net.vReset[i], Q16);
            v[i] = vRest[i];
            if (ouStimulus[i] >= 0) {
                CompiledStimulus st = net.stimuli.get(ouStimulus[i]);
                double[] ou = Regimes.ou(st, net.resistance[i], net.dt);
                ouMu[i] = Fx.of(ou[0], Q16);
                ouE[i] = Fx.of(ou[1], Q30);
                ouSig[i] = Fx.of(ou[2], Q16);
            }
        }
        rules = new FixedRule[net.rules.size()];
        for (int r = 0; r < rules.length; r++) rules[r] = new FixedRule(net.rules.get(r), net.dt, net.steps, net.slowPeriod);
        int m = net.plasticCount;
        cA = new int[m];
        h = new int[m];
        z = new int[m];
        cS = new long[m];
        hS = new long[m];
        hActive = new boolean[m];
        for (int k = 0; k < m; k++) {
            TwoPhaseRule r = net.rules.get(net.plasticRule[k]);
            h[k] = Fx.of(r.hInit(), Q24);
            z[k] = Fx.of(r.zInit(), Q30);
        }
        staticWeight = net.projections.stream().mapToInt(pr -> Fx.of(pr.weight(), Q16)).toArray();
        synapseWeight = new int[net.projections.size()][];
        for (CompiledNetwork.CompiledProjection pr : net.projections) {
            if (pr.weights() == null) continue;
            int[] w = new int[pr.size()];
            for (int k = 0; k < w.length; k++) w[k] = quantise(pr.weights()[k], "projection " + pr.name() + " synapse " + k + " weight");
            synapseWeight[pr.index()] = w;
        }
        inputSeries = new int[net.inputs.size()][];
        for (int k = 0; k < inputSeries.length; k++) {
            CompiledNetwork.CompiledInput in = net.inputs.get(k);
            int[] q = new int[in.values().length];
            for (int j = 0; j < q.length; j++) q[j] = quantise(in.values()[j], "population " + in.name() + " input value at step "
                    + j / in.dims() + " dimension " + j % in.dims());
            inputSeries[k] = q;
        }
        inputWeight = net.hasInputs() ? new int[net.inputWeight.length] : null;
        for (int j = 0; inputWeight != null && j < inputWeight.length; j++) {
            inputWeight[j] = quantise(net.inputWeight[j], "input synapse " + j + " weight");
        }
    }

    /** Q16.16 of a weight or input value, round half up; an error naming the element when it does not fit. */
    private static int quantise(double x, String element) {
        try {
            return Fx.of(x, Q16);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(element + ": " + x + " outside Q16.16 (|x| < 32768), rule fixed-range", e);
        }
    }

    /**
     * x_i(s) = sat(sum_j rshift(W_j U_j(s - d_j), 16)) over neuron i's input synapses (docs/fixed-point.md,
     * "Continuous input"), the input step s - d_j clamped at 0.
     */
    private int inputCurrent(int i, long s) {
        long x = 0;
        for (int j = net.inputStart[i], e = net.inputStart[i + 1]; j < e; j++) {
            CompiledNetwork.CompiledInput in = net.inputs.get(net.inputSource[j]);
            long row = Math.max(0, Math.min(net.steps - 1, s - net.inputDelay[j]));
            x += rshift((long) inputWeight[j] * inputSeries[net.inputSource[j]][(int) (row * in.dims() + net.inputDim[j])], Q16);
        }
        return sat(x);
    }

    // ------------------------------------------------------------------ neurons

    @Override
    protected boolean stepNeurons(int from, int to, long s, IntList spikes) {
        boolean changed = false;
        final boolean hasInputs = net.hasInputs();
        for (int i = from; i < to; i++) {
            int oldV = v[i], oldU = u[i], oldBg = bg[i];
            int ou = ouStimulus[i];
            if (ou >= 0) {
                if (ouOn[ou]) {
                    int g = NormalTable.gaussianQ28(ouUniform(i, s));
                    bg[i] = sat(ouMu[i] + rshift((long) (bg[i] - ouMu[i]) * ouE[i], Q30) + rshift((long) ouSig[i] * g, 28));
                } else {
                    bg[i] = 0;
                }
            }
            boolean refractory = ref[i] > 0;
            if (refractory) {
                v[i] = vReset[i];
                ref[i]--;
            } else {
                long target = (long) vRest[i] + u[i] + bg[i];
                if (hasInputs) target += inputCurrent(i, s);
                v[i] = sat(v[i] + rshift((target - v[i]) * gMem[i], Q30));
            }
            byte f = force[i];
            boolean spike = (f & FORCE_SPIKE) != 0
                    || !refractory && ((f & FORCE_FIRING) != 0 || v[i] >= vTh[i]);
            if (spike) {
                v[i] = vReset[i];
                ref[i] = refSteps[i];
                spikes.add(i);
            }
            u[i] = (int) rshift((long) u[i] * eSyn[i], Q30);
            changed |= refractory || spike || v[i] != oldV || u[i] != oldU || bg[i] != oldBg;
        }
        return changed;
    }


    // ------------------------------------------------------------------ synapses

    @Override
    protected void deliver(CompiledNetwork.CompiledProjection pr, int k, long s) {
        int post = pr.post()[k];
        int w;
        if (pr.plastic()) {
            int q = pr.plastic(k);
            w = (int) rshift(weightQ24(q, s), 8);
        } else {
            int[] each = synapseWeight[pr.index()];
            w = each == null ? staticWeight[pr.index()] : each[k];
        }
        u[post] = sat((long) u[post] + w);
    }

    private long weightQ24(int q, long s) {
        FixedRule r = rules[net.plasticRule[q]];
        return hAt(q, s) + rshift((long) r.h0 * z[q], Q30);
    }

    /** c of synapse q at step s (after the events of step s already applied). */
    private int calciumAt(int q, long s) {
        return (int) rshift((long) cA[q] * rules[net.plasticRule[q]].calcium.factor(s - cS[q]), Q30);
    }

    /** Advances an active h up to step s (exclusive of step s's own update); see docs, "Lazy h". */
    private void catchUp(int q, long s) {
        if (!hActive[q] || frozen) return;
        FixedRule r = rules[net.plasticRule[q]];
        long t = hS[q];
        int hv = h[q];
        final long seed = net.seed;
        final int[] noise = noiseBuffer();
        while (t < s) {
            int c = calciumAt(q, t);
            if (c < r.thetaD) {
                hActive[q] = false;
                break;
            }
            int g = NormalTable.gaussianQ28(Philox.stepWord(seed, Streams.PLASTICITY_NOISE, q, t, noise, 0));
            if (c >= r.thetaP && ltpAllowed(q, t)) {
                hv = sat(r.hTargetP + rshift((long) (hv - r.hTargetP) * r.eP, Q30) + rshift((long) r.sigmaP * g, 28));
            } else {
                hv = sat(r.hTargetD + rshift((long) (hv - r.hTargetD) * r.eD, Q30) + rshift((long) r.sigmaD * g, 28));
            }
            t++;
        }
        h[q] = hv;
        hS[q] = t;
    }

    /** h of synapse q at step s, Q24. Never moves an anchor: reads do not change semantics. */
    private int hAt(int q, long s) {
        catchUp(q, s);
        if (hActive[q] || frozen) return h[q];
        FixedRule r = rules[net.plasticRule[q]];
        return r.h0 + (int) rshift((long) (h[q] - r.h0) * r.hDecay.factor(s - hS[q]), Q30);
    }

    private void calciumEvent(int q, long s, boolean pre) {
        if (frozen) return;
        FixedRule r = rules[net.plasticRule[q]];
        int hv = hAt(q, s);
        h[q] = hv;
        hS[q] = s;
        hActive[q] = true;
        cA[q] = sat((long) calciumAt(q, s) + (pre ? r.cPre : r.cPost));
        cS[q] = s;
    }

    @Override protected void calciumPre(int k, long s) { calciumEvent(k, s, true); }
    @Override protected void calciumPost(int k, long s) { calciumEvent(k, s, false); }

    // ------------------------------------------------------------------ late phase

    @Override
    protected void slowTick(int i, long s) {
        int from = net.inStart[i], to = net.inStart[i + 1];
        FixedRule r = rules[net.plasticRule[net.inSyn[from]]];
        int target = synthesis[i] ? r.alpha : 0;
        p[i] = target + (int) rshift((long) (p[i] - target) * r.ePK, Q30);
        long x = rshift((long) p[i] * r.kz46, 46);
        long f = x - rshift(x * x, 31);
        long sum = 0;
        for (int j = from; j < to; j++) {
            int q = net.inSyn[j];
            FixedRule rq = rules[net.plasticRule[q]];
            int hv = hAt(q, s);
            int d = hv - rq.h0;
            if (f > 0) {
                if (d >= rq.thetaTag) z[q] = clampZ(rq, z[q] + rshift((long) (rq.zMax - z[q]) * f, Q30));
                else if (-d >= rq.thetaTag) z[q] = clampZ(rq, z[q] + rshift((long) (rq.zMin - z[q]) * f, Q30));
            }
            sum += Math.abs(d);
        }
        synthesis[i] = sum >= r.thetaPro;
    }

    private static int clampZ(FixedRule r, long zv) {
        return (int) Math.max(r.zMin, Math.min(r.zMax, zv));
    }

    // ------------------------------------------------------------------ fast-forward storage

    @Override
    protected void anchorQuiet(int q, long s) {
        h[q] = hAt(q, s);
        hS[q] = s;
        hActive[q] = false;
        cA[q] = 0;
        cS[q] = s;
    }

    @Override protected double anchorDeviation(int q) {
        return Fx.toDouble(h[q] - rules[net.plasticRule[q]].h0, Q24);
    }

    @Override protected double lateWeight(int q) { return Fx.toDouble(z[q], Q30); }

    @Override protected void setLateWeight(int q, double zv) {
        z[q] = clampZ(rules[net.plasticRule[q]], Fx.ofLong(zv, Q30));
    }

    @Override protected double protein(int i) { return Fx.toDouble(p[i], Q30); }

    @Override protected void setProtein(int i, double pv, boolean on) {
        p[i] = Fx.of(pv, Q30);
        synthesis[i] = on;
    }

    @Override
    protected void freezePlasticity(long s) {
        for (int q = 0; q < net.plasticCount; q++) {
            h[q] = hAt(q, s);
            hS[q] = s;
            cA[q] = calciumAt(q, s);
            cS[q] = s;
        }
        frozen = true;
    }

    @Override
    protected void thawPlasticity(long s) {
        frozen = false;
        for (int q = 0; q < net.plasticCount; q++) {
            hS[q] = s;
            cS[q] = s;
        }
    }

    // ------------------------------------------------------------------ reads

    @Override
    protected double read(TraceVariable var, CompiledRecording rec, int e, long s) {
        // a static synapse reads as its weight as given (the C kernel's convention), per synapse where it has one
        if (var.perSynapse() && rec != null && !rec.projection.plastic()) return rec.projection.weight(e);
        int q = var.perSynapse() && rec != null ? rec.projection.plastic(e) : e;
        if ((var == TraceVariable.R || var == TraceVariable.I_SYN || var == TraceVariable.V) && net.isInput[e]) {
            return var == TraceVariable.R ? Fx.toDouble(inputSeries[inputOf(e)][inputRow(e, s)], Q16) : 0;
        }
        return switch (var) {
            case V -> Fx.toDouble(v[e], Q16);
            case I_SYN -> net.hasInputs() ? ((long) u[e] + bg[e] + inputCurrent(e, s)) / 65536.0 : Fx.toDouble(u[e] + bg[e], Q16);
            case P -> Fx.toDouble(p[e], Q30);
            case C -> frozen ? Fx.toDouble(cA[q], Q16) : Fx.toDouble(calciumAt(q, s), Q16);
            case H -> Fx.toDouble(hAt(q, s), Q24);
            case Z -> Fx.toDouble(z[q], Q30);
            case W -> Fx.toDouble((int) weightQ24(q, s), Q24);
            case R -> throw new IllegalStateException("R is a rate variable: the fit check refuses it on lif engines");
        };
    }

    /** The input (index into net.inputs) whose slot is global neuron e. */
    private int inputOf(int e) {
        for (int k = 0; k < net.inputs.size(); k++) {
            CompiledNetwork.CompiledInput in = net.inputs.get(k);
            if (e >= in.offset() && e < in.offset() + in.dims()) return k;
        }
        throw new IllegalStateException("neuron " + e + " is no input slot");
    }

    /** The series index of input slot e at step s (the last row beyond the run). */
    private int inputRow(int e, long s) {
        CompiledNetwork.CompiledInput in = net.inputs.get(inputOf(e));
        return (int) (Math.min(s, net.steps - 1) * in.dims() + e - in.offset());
    }
}
