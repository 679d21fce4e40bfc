package org.engram.hal.model;

/**
 * The two-phase plasticity rule of Luboeinski & Tetzlaff (2021): calcium-driven early-phase weight h,
 * synaptic tagging, protein synthesis per postsynaptic neuron, and the late-phase weight z that
 * captures proteins. Every parameter of the model table is a field; {@link #DEFAULT} holds the
 * network values. Units: mV, seconds, dimensionless calcium.
 *
 * <p>{@code ltpGateRate} > 0 adds the LTP gate of Luboeinski & Tetzlaff (2022): the LTP branch of the
 * early phase applies only while the pre- and the postsynaptic neuron each fired more than
 * ltpGateRate x ltpGateWindow spikes in the window ending at the current step; otherwise a synapse with
 * calcium above theta_p follows the LTD branch, as in the reference simulator.
 *
 * <p>This is data, not code: each backend lowers it to its own arithmetic.
 */
public record TwoPhaseRule(
        double h0, double tauC, double calciumDelay, double cPre, double cPost,
        double thetaP, double thetaD, double gammaP, double gammaD, double tauH, double sigmaPl,
        double thetaTag, double thetaPro, double tauP, double tauZ, double alpha,
        double hLtpTarget, double relaxation, double zMin, double zMax, double hInit, double zInit,
        double ltpGateRate, double ltpGateWindow)
        implements SynapseType {

    public static final double H0 = 4.20075;

    /** Network parameters (c_pre 0.6, c_post 0.16548). */
    public static final TwoPhaseRule DEFAULT = new TwoPhaseRule(
            H0, 48.8e-3, 18.8e-3, 0.6, 0.16548,
            3.0, 1.2, 1645.6, 313.1, 688.4, 2.90436,
            0.2 * H0, 0.5 * H0, 3600.0, 3600.0, 1.0,
            10.0, 0.1, -0.5, 1.0, H0, 0.0, 0.0, 0.5);

    /** Single-synapse parameters (c_pre 1.0, c_post 0.2758). */
    public static final TwoPhaseRule SINGLE_SYNAPSE = DEFAULT.withCalcium(1.0, 0.2758);

    public TwoPhaseRule {
        Checks.positive("h0", h0);
        Checks.positive("tau_c", tauC);
        Checks.nonNegative("calcium_delay", calciumDelay);
        Checks.nonNegative("c_pre", cPre);
        Checks.nonNegative("c_post", cPost);
        Checks.positive("theta_p", thetaP);
        Checks.positive("theta_d", thetaD);
        Checks.nonNegative("gamma_p", gammaP);
        Checks.nonNegative("gamma_d", gammaD);
        Checks.positive("tau_h", tauH);
        Checks.nonNegative("sigma_pl", sigmaPl);
        Checks.nonNegative("theta_tag", thetaTag);
        Checks.nonNegative("theta_pro", thetaPro);
        Checks.positive("tau_p", tauP);
        Checks.positive("tau_z", tauZ);
        Checks.nonNegative("alpha", alpha);
        Checks.finite("h_ltp_target", hLtpTarget);
        Checks.positive("relaxation", relaxation);
        Checks.finite("z_min", zMin);
        Checks.finite("z_max", zMax);
        Checks.finite("h_init", hInit);
        Checks.finite("z_init", zInit);
        Checks.nonNegative("ltp_gate_rate", ltpGateRate);
        Checks.positive("ltp_gate_window", ltpGateWindow);
        if (!(thetaD < thetaP)) throw new IllegalArgumentException("theta_d (" + thetaD + ") must lie below theta_p (" + thetaP + ")");
        if (!(zMin < 0 && zMax > 0)) throw new IllegalArgumentException("z_min must be < 0 < z_max, got [" + zMin + ", " + zMax + "]");
        if (zInit < zMin || zInit > zMax) throw new IllegalArgumentException("z_init " + zInit + " outside [z_min, z_max]");
    }

    /** The rule without an LTP gate (the 2021 model). */
    public TwoPhaseRule(double h0, double tauC, double calciumDelay, double cPre, double cPost,
                        double thetaP, double thetaD, double gammaP, double gammaD, double tauH, double sigmaPl,
                        double thetaTag, double thetaPro, double tauP, double tauZ, double alpha,
                        double hLtpTarget, double relaxation, double zMin, double zMax, double hInit, double zInit) {
        this(h0, tauC, calciumDelay, cPre, cPost, thetaP, thetaD, gammaP, gammaD, tauH, sigmaPl, thetaTag, thetaPro,
                tauP, tauZ, alpha, hLtpTarget, relaxation, zMin, zMax, hInit, zInit, 0.0, 0.5);
    }

    public TwoPhaseRule withCalcium(double pre, double post) {
        return new TwoPhaseRule(h0, tauC, calciumDelay, pre, post, thetaP, thetaD, gammaP, gammaD, tauH, sigmaPl,
                thetaTag, thetaPro, tauP, tauZ, alpha, hLtpTarget, relaxation, zMin, zMax, hInit, zInit,
                ltpGateRate, ltpGateWindow);
    }

    public TwoPhaseRule withLtpGate(double rate, double window) {
        return new TwoPhaseRule(h0, tauC, calciumDelay, cPre, cPost, thetaP, thetaD, gammaP, gammaD, tauH, sigmaPl,
                thetaTag, thetaPro, tauP, tauZ, alpha, hLtpTarget, relaxation, zMin, zMax, hInit, zInit, rate, window);
    }

    public boolean ltpGated() { return ltpGateRate > 0; }

    /** Total weight in mV: w = h + h0 z. */
    public double weight(double h, double z) {
        return h + h0 * z;
    }
}
