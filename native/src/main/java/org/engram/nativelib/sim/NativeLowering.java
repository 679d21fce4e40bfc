package org.engram.nativelib.sim;

import org.engram.hal.model.TwoPhaseRule;
import org.engram.nativelib.kernel.Kernel;
import org.engram.nativelib.kernel.KernelAbi;
import org.engram.support.compiled.CompiledNetwork;
import org.engram.support.fixed.FixedRule;
import org.engram.support.compiled.CompiledRecording;
import org.engram.support.compiled.CompiledStimulus;
import org.engram.support.compiled.Regimes;
import org.engram.support.fixed.Fx;
import org.engram.support.rng.NormalTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.engram.support.fixed.Fx.Q16;
import static org.engram.support.fixed.Fx.Q24;
import static org.engram.support.fixed.Fx.Q30;

/**
 * Hands a compiled network to the C kernel: every constant is computed here exactly as backend-sim's
 * FixedEngine computes it (same expressions, StrictMath, Fx rounding), so the kernel receives integers
 * and never recomputes one. Returns the trace buffers the kernel fills, in recording order.
 */
final class NativeLowering {
    private NativeLowering() {}

    /** The most spike records one step can produce (the kernel's minimum spike buffer). */
    static int spikesPerStep(CompiledNetwork net) {
        int n = 0;
        for (CompiledRecording r : net.recordings) {
            if (!r.spikes) continue;
            for (boolean b : r.mask) if (b) n++;
        }
        return n;
    }

    static List<Kernel.TraceBuffer> load(CompiledNetwork net, Kernel k) {
        k.setNeurons(neuronParams(net));
        k.setNormalTable(NormalTable.table());
        for (int r = 0; r < net.rules.size(); r++) rule(net, r, k);
        if (!net.rules.isEmpty()) plastic(net, k);
        for (CompiledNetwork.CompiledProjection pr : net.projections) {
            k.addProjection(pr.preOffset(), pr.preSize(), pr.delay(), pr.rule(), Fx.of(pr.weight(), Q16), pr.start(), pr.post(),
                    pr.plastic() ? pr.plasticIndex() : null);
        }
        for (CompiledStimulus st : net.stimuli) {
            int kind = switch (st.kind) {
                case POISSON -> KernelAbi.STIM_POISSON;
                case SPIKES -> KernelAbi.STIM_SPIKES;
                case FORCE_FIRING -> KernelAbi.STIM_FORCE_FIRING;
                case OU -> KernelAbi.STIM_OU;
            };
            // source trains are forced spikes (one draw per step and neuron), gated by the dead time when it has one
            k.addStimulus(kind, st.gated ? KernelAbi.DELIVER_GATED : KernelAbi.DELIVER_FORCE, 0, st.poissonThreshold, 1, st.neurons,
                    st.windowStart, st.windowStop, st.events);
        }
        List<Kernel.TraceBuffer> traces = new ArrayList<>();
        for (CompiledRecording r : net.recordings) {
            if (r.spikes) {
                byte[] mask = new byte[r.mask.length];
                for (int i = 0; i < mask.length; i++) mask[i] = (byte) (r.mask[i] ? 1 : 0);
                k.addSpikeRecording(r.offset, mask, r.spikeStart, r.spikeStop);
                traces.add(null);
                continue;
            }
            int[] elements = r.elements;
            boolean staticSynapse = false;
            double weight = 0;
            if (r.variable.perSynapse()) {
                if (r.projection.plastic()) {
                    elements = Arrays.stream(r.elements).map(r.projection::plastic).toArray();
                } else {
                    staticSynapse = true;
                    weight = r.projection.weight();
                }
            }
            traces.add(k.addTrace(r.variable.ordinal(), r.mean, elements, r.start, r.interval, r.count, staticSynapse, weight));
        }
        long[] pairs = new long[2 * net.plasticitySwitches.length];
        for (int i = 0; i < net.plasticitySwitches.length; i++) {
            pairs[2 * i] = net.plasticitySwitches[i][0];
            pairs[2 * i + 1] = net.plasticitySwitches[i][1];
        }
        k.setSwitches(pairs);
        for (int r = 0; r < net.rules.size(); r++) k.setLatePhase(r, latePhase(net.rules.get(r)));
        long[] windows = new long[2 * net.fastForward.length];
        for (int i = 0; i < net.fastForward.length; i++) {
            windows[2 * i] = net.fastForward[i][0];
            windows[2 * i + 1] = net.fastForward[i][1];
        }
        k.setFastForward(net.dt, windows);
        k.prepare();
        return traces;
    }

    /** Per-neuron constants, field-major (as FixedEngine's constructor computes them). */
    static int[] neuronParams(CompiledNetwork net) {
        int n = net.neurons;
        int[] p = new int[KernelAbi.NEURON_FIELDS * n];
        int[] ouStimulus = net.ouStimulus;
        for (int i = 0; i < n; i++) {
            p[KernelAbi.NEURON_G_MEM * n + i] = Fx.of(-StrictMath.expm1(-net.dt / net.tauMem[i]), Q30);
            p[KernelAbi.NEURON_E_SYN * n + i] = Fx.decayQ30(net.dt / net.tauSyn[i]);
            p[KernelAbi.NEURON_V_REST * n + i] = Fx.of(net.vRest[i], Q16);
            p[KernelAbi.NEURON_V_TH * n + i] = Fx.of(net.vTh[i], Q16);
            p[KernelAbi.NEURON_V_RESET * n + i] = Fx.of(net.vReset[i], Q16);
            p[KernelAbi.NEURON_REF_STEPS * n + i] = net.refSteps[i];
            p[KernelAbi.NEURON_OU_STIMULUS * n + i] = ouStimulus[i];
            if (ouStimulus[i] >= 0) {
                double[] ou = Regimes.ou(net.stimuli.get(ouStimulus[i]), net.resistance[i], net.dt);
                p[KernelAbi.NEURON_OU_MU * n + i] = Fx.of(ou[0], Q16);
                p[KernelAbi.NEURON_OU_E * n + i] = Fx.of(ou[1], Q30);
                p[KernelAbi.NEURON_OU_SIGMA * n + i] = Fx.of(ou[2], Q16);
            }
        }
        return p;
    }

    /** A rule's fixed-point constants and decay tables, from FixedRule. */
    private static void rule(CompiledNetwork net, int index, Kernel k) {
        TwoPhaseRule r = net.rules.get(index);
        double dt = net.dt;
        FixedRule f = new FixedRule(r, dt, net.steps, net.slowPeriod);
        long[] c = new long[KernelAbi.RULE_FIELDS];
        c[KernelAbi.RULE_H0] = f.h0;
        c[KernelAbi.RULE_THETA_TAG] = f.thetaTag;
        c[KernelAbi.RULE_THETA_PRO] = f.thetaPro;
        c[KernelAbi.RULE_THETA_D] = f.thetaD;
        c[KernelAbi.RULE_THETA_P] = f.thetaP;
        c[KernelAbi.RULE_C_PRE] = f.cPre;
        c[KernelAbi.RULE_C_POST] = f.cPost;
        c[KernelAbi.RULE_H_TARGET_P] = f.hTargetP;
        c[KernelAbi.RULE_E_P] = f.eP;
        c[KernelAbi.RULE_SIGMA_P] = f.sigmaP;
        c[KernelAbi.RULE_H_TARGET_D] = f.hTargetD;
        c[KernelAbi.RULE_E_D] = f.eD;
        c[KernelAbi.RULE_SIGMA_D] = f.sigmaD;
        c[KernelAbi.RULE_E_PK] = f.ePK;
        c[KernelAbi.RULE_ALPHA] = f.alpha;
        c[KernelAbi.RULE_Z_MIN] = f.zMin;
        c[KernelAbi.RULE_Z_MAX] = f.zMax;
        c[KernelAbi.RULE_KZ46] = f.kz46;
        c[KernelAbi.RULE_CA_DELAY] = net.ruleCaDelaySteps[index];
        c[KernelAbi.RULE_GATE_WINDOW] = (int) Math.round(r.ltpGateWindow() / dt);
        c[KernelAbi.RULE_GATED] = r.ltpGated() ? 1 : 0;
        k.addRule(c, r.ltpGateRate() * r.ltpGateWindow(), f.calcium.lo(), f.calcium.hi(), f.hDecay.lo(), f.hDecay.hi());
    }

    /** The real-valued constants of the fast-forward closed forms (backend-sim's LatePhase.of). */
    static double[] latePhase(TwoPhaseRule r) {
        double[] c = new double[KernelAbi.LATE_FIELDS];
        c[KernelAbi.LATE_THETA_TAG] = r.thetaTag();
        c[KernelAbi.LATE_THETA_PRO] = r.thetaPro();
        c[KernelAbi.LATE_TAU_RELAX] = r.tauH() / r.relaxation();
        c[KernelAbi.LATE_TAU_P] = r.tauP();
        c[KernelAbi.LATE_TAU_Z] = r.tauZ();
        c[KernelAbi.LATE_ALPHA] = r.alpha();
        c[KernelAbi.LATE_Z_MIN] = r.zMin();
        c[KernelAbi.LATE_Z_MAX] = r.zMax();
        return c;
    }

    private static void plastic(CompiledNetwork net, Kernel k) {
        int m = net.plasticCount;
        int[] h = new int[m], z = new int[m], pre = new int[m], post = new int[m];
        for (int q = 0; q < m; q++) {
            TwoPhaseRule r = net.rules.get(net.plasticRule[q]);
            h[q] = Fx.of(r.hInit(), Q24);
            z[q] = Fx.of(r.zInit(), Q30);
        }
        for (CompiledNetwork.CompiledProjection pr : net.projections) {
            if (!pr.plastic()) continue;
            for (int i = 0; i < pr.preSize(); i++) {
                for (int s = pr.start()[i]; s < pr.start()[i + 1]; s++) {
                    pre[pr.plastic(s)] = pr.preOffset() + i;
                    post[pr.plastic(s)] = pr.post()[s];
                }
            }
        }
        k.setPlastic(m, net.plasticRule, h, z, pre, post, net.inStart, net.inSyn);
    }
}
