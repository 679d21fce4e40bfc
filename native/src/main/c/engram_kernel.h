/*
 * engram_kernel.h: the emulator's fixed-point network kernel (docs/fixed-point.md), in C.
 *
 * Boundary: Java compiles the experiment (hal-support's CompiledNetwork and FixedRule, the constants FixedEngine uses:
 * Q-format parameters, decay tables, the normal table, rule constants) and hands the kernel flat arrays.
 * The kernel copies the configuration, then runs steps and writes spikes into caller-provided buffers and
 * trace samples into caller-registered buffers. It never recomputes a constant from a real number; the
 * one place it computes with reals is fast-forward, whose closed forms it evaluates in binary64 with its
 * fdlibm port exactly as backend-sim's Engine and LatePhase do (same operations, same order).
 *
 * Call order: ek_create, ek_set_neurons, ek_set_normal_table, ek_add_rule*, ek_set_plastic (when rules
 * exist), ek_add_projection*, ek_add_stimulus*, ek_add_spike_recording / ek_add_trace*, ek_set_switches,
 * ek_set_late_phase (per rule, when fast-forward windows exist), ek_set_fast_forward, ek_prepare, then ek_run until it returns EK_DONE, then ek_read_synapse / ek_counters, ek_destroy.
 * Every function returns EK_OK (0) or a negative error code; ek_last_error gives the message.
 */
#ifndef ENGRAM_KERNEL_H
#define ENGRAM_KERNEL_H

#include <stdint.h>

#if defined(ENGRAM_BUILD)
#define EK_API __attribute__((visibility("default")))
#else
#define EK_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define EK_ABI_VERSION 2

/* return codes */
#define EK_OK 0
#define EK_DONE 1             /* ek_run: the last step ran and the final sample was taken */
#define EK_ERR_NULL (-1)      /* a required pointer is NULL */
#define EK_ERR_LENGTH (-2)    /* a length does not match what the call requires */
#define EK_ERR_RANGE (-3)     /* a value (index, step, constant) is out of its range */
#define EK_ERR_STATE (-4)     /* call out of order (e.g. ek_run before ek_prepare) */
#define EK_ERR_NOMEM (-5)     /* allocation failed */
#define EK_ERR_INTERNAL (-6)  /* an invariant of the run broke (e.g. a decay span beyond its table) */

/* per-neuron fields of ek_set_neurons, field-major: params[field * neurons + i] */
#define EK_NEURON_G_MEM 0     /* 1 - exp(-dt/tau_mem), Q30 */
#define EK_NEURON_E_SYN 1     /* exp(-dt/tau_syn), Q30 */
#define EK_NEURON_V_REST 2    /* Q16 mV */
#define EK_NEURON_V_TH 3
#define EK_NEURON_V_RESET 4
#define EK_NEURON_REF_STEPS 5
#define EK_NEURON_OU_STIMULUS 6  /* index of the OU stimulus driving the neuron, or -1 */
#define EK_NEURON_OU_MU 7     /* Q16 mV */
#define EK_NEURON_OU_E 8      /* Q30 */
#define EK_NEURON_OU_SIGMA 9  /* Q16 mV */
#define EK_NEURON_FIELDS 10

/* rule constants of ek_add_rule, in this order */
#define EK_RULE_H0 0
#define EK_RULE_THETA_TAG 1
#define EK_RULE_THETA_D 2
#define EK_RULE_THETA_P 3
#define EK_RULE_C_PRE 4
#define EK_RULE_C_POST 5
#define EK_RULE_THETA_PRO 6
#define EK_RULE_H_TARGET_P 7
#define EK_RULE_E_P 8
#define EK_RULE_SIGMA_P 9
#define EK_RULE_H_TARGET_D 10
#define EK_RULE_E_D 11
#define EK_RULE_SIGMA_D 12
#define EK_RULE_E_PK 13
#define EK_RULE_ALPHA 14
#define EK_RULE_Z_MIN 15
#define EK_RULE_Z_MAX 16
#define EK_RULE_KZ46 17
#define EK_RULE_CA_DELAY 18
#define EK_RULE_GATE_WINDOW 19  /* steps */
#define EK_RULE_GATED 20        /* 1: the rule has an LTP gate */
#define EK_RULE_FIELDS 21

/* late-phase constants of ek_set_late_phase (binary64, real units: mV, s, 1), in this order; the
 * closed forms of fast-forward (docs/fixed-point.md, "Fast-forward"; backend-sim's LatePhase) */
#define EK_LATE_THETA_TAG 0   /* mV */
#define EK_LATE_THETA_PRO 1   /* mV */
#define EK_LATE_TAU_RELAX 2   /* tau_h / relaxation, s */
#define EK_LATE_TAU_P 3       /* s */
#define EK_LATE_TAU_Z 4       /* s */
#define EK_LATE_ALPHA 5
#define EK_LATE_Z_MIN 6
#define EK_LATE_Z_MAX 7
#define EK_LATE_FIELDS 8

/* functions of ek_strict_math */
#define EK_MATH_EXP 0
#define EK_MATH_LOG 1
#define EK_MATH_EXPM1 2

/* stimulus kinds and deliveries */
#define EK_STIM_POISSON 0
#define EK_STIM_SPIKES 1
#define EK_STIM_FORCE_FIRING 2
#define EK_STIM_OU 3
#define EK_DELIVER_FORCE 0
/* a source spike that a refractory (dead-time) neuron drops */
#define EK_DELIVER_GATED 1

/* trace variables (hal-api TraceVariable ordinals) */
#define EK_VAR_V 0
#define EK_VAR_I_SYN 1
#define EK_VAR_P 2
#define EK_VAR_C 3
#define EK_VAR_H 4
#define EK_VAR_Z 5
#define EK_VAR_W 6

/* ek_counters output, in this order */
#define EK_COUNTER_STEP 0            /* the next step to run */
#define EK_COUNTER_STEPS_EXECUTED 1
#define EK_COUNTER_SYNAPTIC_EVENTS 2
#define EK_COUNTER_SPIKES_PER_STEP 3 /* the most spike records one step can write (ek_run's minimum capacity) */
#define EK_COUNTERS 4

typedef struct ek_kernel ek_kernel;

EK_API int32_t ek_abi_version(void);

/* One Philox4x32-10 block: key = seed, counter = (c0, c1, c2, c3); out has 4 words. */
EK_API int32_t ek_philox_block(int64_t seed, int32_t c0, int32_t c1, int32_t c2, int32_t c3, int32_t *out, int64_t out_len);

/* out[i] = f(in[i]) for the kernel's fdlibm port (f: EK_MATH_*), for tests against Java's StrictMath. */
EK_API int32_t ek_strict_math(int32_t function, const double *in, double *out, int64_t len);

/* Static text for a return code. */
EK_API const char *ek_strerror(int32_t code);

EK_API int32_t ek_create(int64_t steps, int32_t slow_period, int64_t seed, int32_t neurons, int32_t max_delay_steps,
                  ek_kernel **out);
EK_API void ek_destroy(ek_kernel *k);

/* Copies the message of the last error (NUL-terminated, truncated to cap); returns its full length. */
EK_API int32_t ek_last_error(const ek_kernel *k, uint8_t *buf, int64_t cap);

EK_API int32_t ek_set_neurons(ek_kernel *k, const int32_t *params, int64_t len);
EK_API int32_t ek_set_normal_table(ek_kernel *k, const int32_t *table, int64_t len);
EK_API int32_t ek_add_rule(ek_kernel *k, const int64_t *constants, int64_t len, double gate_threshold,
                    const int32_t *calcium_lo, int64_t calcium_lo_len, const int32_t *calcium_hi, int64_t calcium_hi_len,
                    const int32_t *h_lo, int64_t h_lo_len, const int32_t *h_hi, int64_t h_hi_len);
/* Plastic synapses: rule, initial h (Q24) and z (Q30), pre and post neuron, and the incoming CSR
 * (in_start: neurons + 1 entries, in_syn: count entries). */
EK_API int32_t ek_set_plastic(ek_kernel *k, int32_t count, const int32_t *rule, const int32_t *h_init, const int32_t *z_init,
                       const int32_t *pre, const int32_t *post, const int32_t *in_start, int64_t in_start_len,
                       const int32_t *in_syn, int64_t in_syn_len);
/* A projection in CSR by pre: start (pre_size + 1), post (global), plastic_index (NULL when rule < 0). */
EK_API int32_t ek_add_projection(ek_kernel *k, int32_t pre_offset, int32_t pre_size, int32_t delay, int32_t rule,
                          int32_t static_weight_q16, const int32_t *start, int64_t start_len,
                          const int32_t *post, int64_t post_len, const int32_t *plastic_index, int64_t plastic_len);
EK_API int32_t ek_add_stimulus(ek_kernel *k, int32_t kind, int32_t delivery, int32_t weight_q16, int64_t poisson_threshold,
                        int32_t sources, const int32_t *neurons, int64_t neurons_len,
                        const int64_t *window_start, const int64_t *window_stop, int64_t windows,
                        const int64_t *events, int64_t events_len);
/* Spikes of neurons [offset, offset + mask_len) whose mask byte is non-zero, emitted in [start, stop). */
EK_API int32_t ek_add_spike_recording(ek_kernel *k, int32_t offset, const uint8_t *mask, int64_t mask_len,
                               int64_t start, int64_t stop);
/* A trace: elements are global neurons (V, I_SYN, P) or plastic synapse numbers (C, H, Z, W); with
 * static_synapse != 0 every value is static_weight. Samples go to out[row * count + column]
 * (rows: 1 when mean != 0, else elements_len); out must stay valid until the run is done. */
EK_API int32_t ek_add_trace(ek_kernel *k, int32_t variable, int32_t mean, const int32_t *elements, int64_t elements_len,
                     int64_t start, int64_t interval, int64_t count, int32_t static_synapse, double static_weight,
                     double *out, int64_t out_len);
/* Plasticity switches: pairs (step, enabled) in time order. */
EK_API int32_t ek_set_switches(ek_kernel *k, const int64_t *pairs, int64_t len);
/* The late-phase constants (EK_LATE_*) of rule `rule` (added before), in real units; every rule needs
 * them when fast-forward windows are set. */
EK_API int32_t ek_set_late_phase(ek_kernel *k, int32_t rule, const double *constants, int64_t len);
/* Fast-forward windows: pairs (start step, stop step), 0 <= start < stop <= steps, in time order and
 * not overlapping (a window may start where the previous one stops); dt is the step in seconds
 * (times inside a window are (step - start) * dt). */
EK_API int32_t ek_set_fast_forward(ek_kernel *k, double dt, const int64_t *pairs, int64_t len);
EK_API int32_t ek_prepare(ek_kernel *k);

/* Runs steps until step `until` (exclusive), the end of the run, or until the spike buffers could
 * overflow. Spike records (recording, local neuron, step) go to the three arrays from index 0;
 * *written receives how many. Returns EK_OK (more to run), EK_DONE, or an error. */
EK_API int32_t ek_run(ek_kernel *k, int64_t until, int32_t *spike_recording, int32_t *spike_neuron, int64_t *spike_step,
               int64_t capacity, int64_t *written);

/* h, z, w (mV, 1, mV) of plastic synapse q read at step s (as the engine reads them). */
EK_API int32_t ek_read_synapse(ek_kernel *k, int32_t q, int64_t step, double *out, int64_t out_len);
EK_API int32_t ek_counters(const ek_kernel *k, int64_t *out, int64_t out_len);

#ifdef __cplusplus
}
#endif
#endif
