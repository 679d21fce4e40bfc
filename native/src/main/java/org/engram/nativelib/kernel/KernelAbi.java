package org.engram.nativelib.kernel;

/** Constants of engram_kernel.h that Java lays out arrays with (the header is the authority). */
public final class KernelAbi {
    private KernelAbi() {}

    public static final int ABI_VERSION = 2;
    public static final int OK = 0, DONE = 1;

    public static final int NEURON_G_MEM = 0, NEURON_E_SYN = 1, NEURON_V_REST = 2, NEURON_V_TH = 3, NEURON_V_RESET = 4,
            NEURON_REF_STEPS = 5, NEURON_OU_STIMULUS = 6, NEURON_OU_MU = 7, NEURON_OU_E = 8, NEURON_OU_SIGMA = 9,
            NEURON_FIELDS = 10;

    public static final int RULE_H0 = 0, RULE_THETA_TAG = 1, RULE_THETA_D = 2, RULE_THETA_P = 3, RULE_C_PRE = 4,
            RULE_C_POST = 5, RULE_THETA_PRO = 6, RULE_H_TARGET_P = 7, RULE_E_P = 8, RULE_SIGMA_P = 9,
            RULE_H_TARGET_D = 10, RULE_E_D = 11, RULE_SIGMA_D = 12, RULE_E_PK = 13, RULE_ALPHA = 14, RULE_Z_MIN = 15,
            RULE_Z_MAX = 16, RULE_KZ46 = 17, RULE_CA_DELAY = 18, RULE_GATE_WINDOW = 19, RULE_GATED = 20,
            RULE_FIELDS = 21;

    public static final int LATE_THETA_TAG = 0, LATE_THETA_PRO = 1, LATE_TAU_RELAX = 2, LATE_TAU_P = 3, LATE_TAU_Z = 4,
            LATE_ALPHA = 5, LATE_Z_MIN = 6, LATE_Z_MAX = 7, LATE_FIELDS = 8;

    public static final int MATH_EXP = 0, MATH_LOG = 1, MATH_EXPM1 = 2;

    public static final int STIM_POISSON = 0, STIM_SPIKES = 1, STIM_FORCE_FIRING = 2, STIM_OU = 3;
    /** A source spike: forced whatever the state, or GATED (a source with a dead time) unless refractory. */
    public static final int DELIVER_FORCE = 0, DELIVER_GATED = 1;

    public static final int COUNTER_STEP = 0, COUNTER_STEPS_EXECUTED = 1, COUNTER_SYNAPTIC_EVENTS = 2,
            COUNTER_SPIKES_PER_STEP = 3, COUNTERS = 4;

    public static final int NORMAL_TABLE_SIZE = (1 << 14) + 1;
}
