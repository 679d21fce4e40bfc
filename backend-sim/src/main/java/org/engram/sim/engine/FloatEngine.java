package org.engram.sim.engine;

import org.engram.hal.model.TraceVariable;
import org.engram.hal.model.TwoPhaseRule;
import org.engram.support.rng.NormalTable;
import org.engram.support.rng.Philox;
import org.engram.support.rng.Streams;
import org.engram.support.compiled.CompiledNetwork;
import org.engram.support.compiled.CompiledRecording;
import org.engram.support.compiled.CompiledStimulus;
import org.engram.support.compiled.Regimes;
import org.engram.support.collect.IntList;

/**
 * The float64 reference: the same scheduler, the same random numbers, the same update formulas as
 * {@link FixedEngine}, in double precision with exact exponentials. Differences between the two
 * measure what fixed point costs (docs/fixed-point.md, "Agreement with float64").
 */
public final class FloatEngine extends Engine {
    private final double[] v, u, bg;
    private final int[] ref;
    private final double[] gMem, eSyn, ouMu, ouE, ouSig, p;
    private final boolean[] synthesis;
    private final double[] cA, h, z;
    private final long[] cS, hS;
    private final boolean[] hActive;
    private final Rule[] rules;
    private boolean frozen;

    private static final class Rule {
        final double h0, thetaTag, thetaPro, thetaD, thetaP, cPre, cPost;
        final double hTargetP, eP, sigmaP, hTargetD, eD, sigmaD;
        final double caRate, hRate, ePK, alpha, zMin, zMax, kz;

        Rule(TwoPhaseRule r, double dt, int slowPeriod) {
            h0 = r.h0();
            thetaTag = r.thetaTag();
            thetaPro = r.thetaPro();
            thetaD = r.thetaD();
            thetaP = r.thetaP();
            cPre = r.cPre();
            cPost = r.cPost();
            double[] ltp = Regimes.ltp(r, dt), ltd = Regimes.ltd(r, dt);
            hTargetP = ltp[0];
            eP = ltp[1];
            sigmaP = ltp[2];
            hTargetD = ltd[0];
            eD = ltd[1];
            sigmaD = ltd[2];
            caRate = dt / r.tauC();
            hRate = dt * r.relaxation() / r.tauH();
            ePK = Math.exp(-slowPeriod * dt / r.tauP());
            alpha = r.alpha();
            zMin = r.zMin();
            zMax = r.zMax();
            kz = slowPeriod * dt / r.tauZ();
        }
    }

    public FloatEngine(CompiledNetwork net, int threads) {
        super(net, threads);
        int n = net.neurons;
        v = net.vRest.clone();
        u = new double[n];
        bg = new double[n];
        ref = new int[n];
        gMem = new double[n];
        eSyn = new double[n];
        ouMu = new double[n];
        ouE = new double[n];
        ouSig = new double[n];
        p = new double[n];
        synthesis = new boolean[n];
        for (int i = 0; i < n; i++) {
            gMem[i] = -Math.expm1(-net.dt / net.tauMem[i]);
            eSyn[i] = Math.exp(-net.dt / net.tauSyn[i]);
            if (ouStimulus[i] >= 0) {
                double[] ou = Regimes.ou(net.stimuli.get(ouStimulus[i]), net.resistance[i], net.dt);
                ouMu[i] = ou[0];
                ouE[i] = ou[1];
                ouSig[i] = ou[2];
            }
        }
        rules = new Rule[net.rules.size()];
        for (int r = 0; r < rules.length; r++) rules[r] = new Rule(net.rules.get(r), net.dt, net.slowPeriod);
        int m = net.plasticCount;
        cA = new double[m];
        h = new double[m];
        z = new double[m];
        cS = new long[m];
        hS = new long[m];
        hActive = new boolean[m];
        for (int k = 0; k < m; k++) {
            TwoPhaseRule r = net.rules.get(net.plasticRule[k]);
            h[k] = r.hInit();
            z[k] = r.zInit();
        }
    }

    @Override
    protected boolean stepNeurons(int from, int to, long s, IntList spikes) {
        boolean changed = false;
        final boolean hasInputs = net.hasInputs();
        for (int i = from; i < to; i++) {
            double oldV = v[i], oldU = u[i], oldBg = bg[i];
            int ou = ouStimulus[i];
            if (ou >= 0) {
                if (ouOn[ou]) {
                    double g = NormalTable.gaussian(ouUniform(i, s));
                    bg[i] = ouMu[i] + (bg[i] - ouMu[i]) * ouE[i] + ouSig[i] * g;
                } else {
                    bg[i] = 0;
                }
            }
            boolean refractory = ref[i] > 0;
            if (refractory) {
                v[i] = net.vReset[i];
                ref[i]--;
            } else {
                double target = net.vRest[i] + u[i] + bg[i];
                if (hasInputs) target += inputCurrent(i, s);
                v[i] = v[i] + (target - v[i]) * gMem[i];
            }
            byte f = force[i];
            boolean spike = (f & FORCE_SPIKE) != 0
                    || !refractory && ((f & FORCE_FIRING) != 0 || v[i] >= net.vTh[i]);
            if (spike) {
                v[i] = net.vReset[i];
                ref[i] = net.refSteps[i];
                spikes.add(i);
            }
            u[i] = u[i] * eSyn[i];
            changed |= refractory || spike || v[i] != oldV || u[i] != oldU || bg[i] != oldBg;
        }
        return changed;
    }


    @Override
    protected void deliver(CompiledNetwork.CompiledProjection pr, int k, long s) {
        u[pr.post()[k]] += pr.plastic() ? weight(pr.plastic(k), s) : pr.weight(k);
    }

    /** x_i(s) = sum_j w_j u_j(s - d_j) over neuron i's input synapses, in their order (the input step clamped to the run). */
    private double inputCurrent(int i, long s) {
        double x = 0;
        for (int j = net.inputStart[i], e = net.inputStart[i + 1]; j < e; j++) {
            x += net.inputWeight[j] * net.inputValue(net.inputSource[j], net.inputDim[j], s - net.inputDelay[j]);
        }
        return x;
    }

    private double weight(int q, long s) {
        return hAt(q, s) + rules[net.plasticRule[q]].h0 * z[q];
    }

    private double calciumAt(int q, long s) {
        return cA[q] * Math.exp(-(s - cS[q]) * rules[net.plasticRule[q]].caRate);
    }

    private void catchUp(int q, long s) {
        if (!hActive[q] || frozen) return;
        Rule r = rules[net.plasticRule[q]];
        long t = hS[q];
        double hv = h[q];
        final long seed = net.seed;
        final int[] noise = noiseBuffer();
        while (t < s) {
            double c = calciumAt(q, t);
            if (c < r.thetaD) {
                hActive[q] = false;
                break;
            }
            double g = NormalTable.gaussian(Philox.stepWord(seed, Streams.PLASTICITY_NOISE, q, t, noise, 0));
            hv = c >= r.thetaP && ltpAllowed(q, t) ? r.hTargetP + (hv - r.hTargetP) * r.eP + r.sigmaP * g
                    : r.hTargetD + (hv - r.hTargetD) * r.eD + r.sigmaD * g;
            t++;
        }
        h[q] = hv;
        hS[q] = t;
    }

    private double hAt(int q, long s) {
        catchUp(q, s);
        if (hActive[q] || frozen) return h[q];
        Rule r = rules[net.plasticRule[q]];
        return r.h0 + (h[q] - r.h0) * Math.exp(-(s - hS[q]) * r.hRate);
    }

    private void calciumEvent(int q, long s, boolean pre) {
        if (frozen) return;
        Rule r = rules[net.plasticRule[q]];
        h[q] = hAt(q, s);
        hS[q] = s;
        hActive[q] = true;
        cA[q] = calciumAt(q, s) + (pre ? r.cPre : r.cPost);
        cS[q] = s;
    }

    @Override protected void calciumPre(int k, long s) { calciumEvent(k, s, true); }
    @Override protected void calciumPost(int k, long s) { calciumEvent(k, s, false); }

    @Override
    protected void slowTick(int i, long s) {
        int from = net.inStart[i], to = net.inStart[i + 1];
        Rule r = rules[net.plasticRule[net.inSyn[from]]];
        double target = synthesis[i] ? r.alpha : 0;
        p[i] = target + (p[i] - target) * r.ePK;
        double f = -Math.expm1(-p[i] * r.kz);
        double sum = 0;
        for (int j = from; j < to; j++) {
            int q = net.inSyn[j];
            Rule rq = rules[net.plasticRule[q]];
            double d = hAt(q, s) - rq.h0;
            if (f > 0) {
                if (d >= rq.thetaTag) z[q] = Math.clamp(z[q] + (rq.zMax - z[q]) * f, rq.zMin, rq.zMax);
                else if (-d >= rq.thetaTag) z[q] = Math.clamp(z[q] + (rq.zMin - z[q]) * f, rq.zMin, rq.zMax);
            }
            sum += Math.abs(d);
        }
        synthesis[i] = sum >= r.thetaPro;
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

    @Override protected double anchorDeviation(int q) { return h[q] - rules[net.plasticRule[q]].h0; }
    @Override protected double lateWeight(int q) { return z[q]; }

    @Override protected void setLateWeight(int q, double zv) {
        Rule r = rules[net.plasticRule[q]];
        z[q] = Math.max(r.zMin, Math.min(r.zMax, zv));
    }

    @Override protected double protein(int i) { return p[i]; }

    @Override protected void setProtein(int i, double pv, boolean on) {
        p[i] = pv;
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

    @Override
    protected double read(TraceVariable var, CompiledRecording rec, int e, long s) {
        if (var.perSynapse() && rec != null && !rec.projection.plastic()) return rec.projection.weight(e);
        int q = var.perSynapse() && rec != null ? rec.projection.plastic(e) : e;
        if ((var == TraceVariable.R || var == TraceVariable.I_SYN || var == TraceVariable.V) && net.isInput[e]) {
            if (var != TraceVariable.R) return 0;
            for (CompiledNetwork.CompiledInput in : net.inputs) {
                if (e >= in.offset() && e < in.offset() + in.dims()) return net.inputValue(net.inputs.indexOf(in), e - in.offset(), s);
            }
        }
        return switch (var) {
            case V -> v[e];
            case I_SYN -> net.hasInputs() ? u[e] + bg[e] + inputCurrent(e, s) : u[e] + bg[e];
            case P -> p[e];
            case C -> frozen ? cA[q] : calciumAt(q, s);
            case H -> hAt(q, s);
            case Z -> z[q];
            case W -> weight(q, s);
            case R -> throw new IllegalStateException("R is a rate variable: the fit check refuses it on lif engines");
        };
    }
}
