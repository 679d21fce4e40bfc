package org.engram.support.compiled;

import org.engram.hal.model.TwoPhaseRule;

/**
 * The per-step constants of the early-phase regimes and the OU background, computed once in double
 * with StrictMath, so both engines (and the C kernel, which receives them) start from the same values.
 */
public final class Regimes {
    private Regimes() {}

    /**
     * LTP regime (c >= theta_p): tau_h dh/dt = r(h0 - h) + gamma_p(h_ltp - h) - gamma_d h + noise, integrated
     * exactly over one step: {target, decay factor, noise sd per step (sqrt 2 sigma: both thresholds)}.
     */
    public static double[] ltp(TwoPhaseRule r, double dt) {
        double rate = r.relaxation() + r.gammaP() + r.gammaD();
        double target = (r.relaxation() * r.h0() + r.gammaP() * r.hLtpTarget()) / rate;
        return regime(r, dt, rate, target, 2);
    }

    /** LTD regime (theta_d <= c < theta_p): tau_h dh/dt = r(h0 - h) - gamma_d h + noise. */
    public static double[] ltd(TwoPhaseRule r, double dt) {
        double rate = r.relaxation() + r.gammaD();
        double target = r.relaxation() * r.h0() / rate;
        return regime(r, dt, rate, target, 1);
    }

    private static double[] regime(TwoPhaseRule r, double dt, double rate, double target, int thresholds) {
        double oneMinusE = -StrictMath.expm1(-dt * rate / r.tauH());
        // noise term xi = sqrt(tau_h * thresholds) sigma Gamma, Gamma white noise of density 1/sqrt(dt) per step,
        // passed through the same exact one-step integration as the drift: xi / rate * (1 - e)
        double sd = r.sigmaPl() * StrictMath.sqrt(thresholds * r.tauH() / dt) * oneMinusE / rate;
        return new double[]{target, 1 - oneMinusE, sd};
    }

    /** OU background for neuron resistance R (MOhm): {mean (mV), decay factor, step sd (mV)}. */
    public static double[] ou(CompiledStimulus st, double resistance, double dt) {
        double e = StrictMath.exp(-dt / st.ouTau);
        double stepSd = st.ouSd * StrictMath.sqrt(-StrictMath.expm1(-2 * dt / st.ouTau));
        return new double[]{st.ouMean * resistance, e, stepSd * resistance};
    }
}
