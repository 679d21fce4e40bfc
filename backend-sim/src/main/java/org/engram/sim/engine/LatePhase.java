package org.engram.sim.engine;

import org.engram.hal.model.TwoPhaseRule;

/**
 * Closed forms of the late phase during fast-forward (docs/fixed-point.md, "Fast-forward"): with
 * calcium at zero every early weight relaxes as d(t) = d0 e^(-t/tau_r), so the protein-synthesis end
 * time, each synapse's tag end time, the protein trajectory and its integral (which drives z) are all
 * exact expressions. Evaluated in binary64 with StrictMath (fdlibm: the same bits on every JVM).
 * Times are seconds since the start of the fast-forward window.
 */
record LatePhase(double h0, double thetaTag, double thetaPro, double tauRelax, double tauP, double tauZ,
                 double alpha, double zMin, double zMax) {

    static LatePhase of(TwoPhaseRule r) {
        return new LatePhase(r.h0(), r.thetaTag(), r.thetaPro(), r.tauH() / r.relaxation(), r.tauP(), r.tauZ(),
                r.alpha(), r.zMin(), r.zMax());
    }

    /** When protein synthesis stops for a neuron whose summed |h - h0| is sigma0 at t = 0; negative: off. */
    double synthesisEnd(double sigma0) {
        return sigma0 >= thetaPro ? tauRelax * StrictMath.log(sigma0 / thetaPro) : -1;
    }

    /** When the tag of a synapse with deviation |d0| at t = 0 ends; negative: untagged from the start. */
    double tagEnd(double absD0) {
        return absD0 >= thetaTag ? tauRelax * StrictMath.log(absD0 / thetaTag) : -1;
    }

    /** Protein at t >= a, from pa at a, with synthesis (towards alpha) until synthesisEnd. */
    double protein(double pa, double a, double synthesisEnd, double t) {
        double on = Math.min(t, synthesisEnd) - a;
        double p = pa;
        double from = a;
        if (on > 0) {
            p = alpha + (pa - alpha) * StrictMath.exp(-on / tauP);
            from = a + on;
        }
        return p * StrictMath.exp(-(t - from) / tauP);
    }

    /** The integral of protein over [a, c), from pa at a. */
    double proteinIntegral(double pa, double a, double synthesisEnd, double c) {
        double on = Math.min(c, synthesisEnd) - a;
        double sum = 0, p = pa, from = a;
        if (on > 0) {
            sum = alpha * on - (pa - alpha) * tauP * StrictMath.expm1(-on / tauP);
            p = alpha + (pa - alpha) * StrictMath.exp(-on / tauP);
            from = a + on;
        }
        double off = c - from;
        if (off > 0) sum -= p * tauP * StrictMath.expm1(-off / tauP);
        return sum;
    }
}
