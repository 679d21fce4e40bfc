package org.engram.support.fixed;

import org.engram.hal.model.TwoPhaseRule;
import org.engram.support.compiled.Regimes;

import static org.engram.support.fixed.Fx.Q16;
import static org.engram.support.fixed.Fx.Q24;
import static org.engram.support.fixed.Fx.Q30;

/**
 * Per-rule constants of the two-phase rule in fixed point (docs/fixed-point.md): the Java engine
 * (backend-sim FixedEngine) and the C kernel (sim:native) are handed these same values.
 */
public final class FixedRule {
    public final int h0, thetaTag, thetaD, thetaP, cPre, cPost;
    public final long thetaPro;
    public final int hTargetP, eP, sigmaP, hTargetD, eD, sigmaD;
    public final DecayTable calcium, hDecay;
    public final int ePK, alpha, zMin, zMax;
    public final long kz46;

    public FixedRule(TwoPhaseRule r, double dt, long steps, int slowPeriod) {
        h0 = Fx.of(r.h0(), Q24);
        thetaTag = Fx.of(r.thetaTag(), Q24);
        thetaPro = Fx.of(r.thetaPro(), Q24);
        thetaD = Fx.of(r.thetaD(), Q16);
        thetaP = Fx.of(r.thetaP(), Q16);
        cPre = Fx.of(r.cPre(), Q16);
        cPost = Fx.of(r.cPost(), Q16);
        double[] ltp = Regimes.ltp(r, dt), ltd = Regimes.ltd(r, dt);
        hTargetP = Fx.of(ltp[0], Q24);
        eP = Fx.of(ltp[1], Q30);
        sigmaP = Fx.of(ltp[2], Q24);
        hTargetD = Fx.of(ltd[0], Q24);
        eD = Fx.of(ltd[1], Q30);
        sigmaD = Fx.of(ltd[2], Q24);
        calcium = new DecayTable(dt / r.tauC(), steps);
        hDecay = new DecayTable(dt * r.relaxation() / r.tauH(), steps);
        ePK = Fx.decayQ30(slowPeriod * dt / r.tauP());
        alpha = Fx.of(r.alpha(), Q30);
        zMin = Fx.of(r.zMin(), Q30);
        zMax = Fx.of(r.zMax(), Q30);
        kz46 = Fx.ofLong(slowPeriod * dt / r.tauZ(), 46);
    }
}
