/*
 * The fixed-point network kernel: docs/fixed-point.md, mirrored line by line from backend-sim's
 * Engine (scheduler, single-threaded) and FixedEngine (arithmetic). Compiled with -fwrapv so that int32
 * and int64 arithmetic wraps exactly as Java's does.
 */
#include "engram_kernel.h"
#include "fdlibm.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define Q16 16
#define Q24 24
#define Q30 30
#define LO_BITS 12
#define LO_SIZE (1 << LO_BITS)
#define NORMAL_SIZE ((1 << 14) + 1)
#define NO_BLOCK INT64_MIN
#define STREAM_OU 3
#define STREAM_PLASTICITY 4
#define POISSON_BASE 0x10000

typedef struct {
    int32_t lo[LO_SIZE];
    int32_t *hi;
    int64_t hi_len;
} decay_t;

typedef struct {
    int32_t h0, theta_tag, theta_d, theta_p, c_pre, c_post;
    int64_t theta_pro;
    int32_t h_target_p, e_p, sigma_p, h_target_d, e_d, sigma_d;
    int32_t e_pk, alpha, z_min, z_max;
    int64_t kz46;
    int32_t ca_delay, gate_window, gated;
    double gate_threshold;
    decay_t calcium, h_decay;
    double late[EK_LATE_FIELDS];  /* fast-forward constants (EK_LATE_*), real units */
    int late_set;
} rule_t;

typedef struct {
    int32_t pre_offset, pre_size, delay, rule, static_weight;
    int32_t *start, *post, *plastic_index;
    int64_t size;
} projection_t;

typedef struct {
    int32_t kind, delivery, weight, sources;
    int64_t poisson_threshold;
    int32_t *neurons;
    int64_t n;
    int64_t *win_start, *win_stop;
    int64_t windows;
    int64_t *events;
    int64_t n_events;
} stimulus_t;

typedef struct {
    int32_t spikes;         /* 1: spike recording */
    int32_t offset;
    uint8_t *mask;
    int64_t mask_len, spike_start, spike_stop;
    int32_t variable, mean, static_synapse;
    double static_weight;
    int32_t *elements;
    int64_t n;
    int64_t start, interval, count, fill;
    double *out;
    int64_t out_len;
} recording_t;

struct ek_kernel {
    char error[512];
    int prepared, done, broken;   /* broken: an invariant failed during the run */
    int64_t steps, seed;
    int32_t slow_period, neurons, max_delay;
    /* neurons */
    int32_t *params;        /* EK_NEURON_FIELDS x neurons, field-major */
    int32_t *v, *u, *bg, *ref, *p;
    uint8_t *synthesis, *force;
    int64_t *ou_block;      /* per neuron: 4 words as int64 pairs? no: see ou_words */
    uint32_t *ou_words;     /* per neuron: the 4 words of its cached block */
    int32_t *out_degree;
    int32_t *normal;
    /* rules and plastic synapses */
    rule_t *rules;
    int32_t n_rules;
    int32_t plastic_count, plastic_set;
    int32_t *p_rule, *h, *z, *c_a, *p_pre, *p_post, *in_start, *in_syn;
    int64_t *c_s, *h_s;
    uint8_t *h_active;
    int frozen;
    /* projections, stimuli, recordings */
    projection_t *projections;
    int32_t n_projections;
    stimulus_t *stimuli;
    int32_t n_stimuli;
    int32_t *ou_on;
    recording_t *recordings;
    int32_t n_recordings;
    int64_t spikes_per_step;
    int64_t *switches;      /* pairs */
    int64_t n_switches, switch_index;
    int plasticity_on;
    /* fast-forward */
    int64_t *ff;            /* pairs (start, stop) */
    int64_t n_ff, ff_index;
    double dt;
    double *synthesis_end;  /* per neuron, seconds from the window's start; negative: off */
    /* spike ring */
    int32_t ring;
    int32_t *slot;          /* ring x neurons */
    int32_t *slot_len;
    int64_t *slot_step;
    int64_t last_spike_step;
    int32_t *spikes;
    int32_t n_spikes;
    /* LTP gate history */
    int32_t hist_capacity;
    int64_t *hist_steps, *hist_count;
    /* run */
    int64_t s, steps_executed, synaptic_events;
};

/* ------------------------------------------------------------------ errors */

static int32_t fail(ek_kernel *k, int32_t code, const char *fmt, ...) {
    if (k) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(k->error, sizeof k->error, fmt, ap);
        va_end(ap);
    }
    return code;
}

const char *ek_strerror(int32_t code) {
    switch (code) {
        case EK_OK: return "ok";
        case EK_DONE: return "done";
        case EK_ERR_NULL: return "null pointer";
        case EK_ERR_LENGTH: return "wrong length";
        case EK_ERR_RANGE: return "value out of range";
        case EK_ERR_STATE: return "call out of order";
        case EK_ERR_NOMEM: return "out of memory";
        case EK_ERR_INTERNAL: return "internal invariant broken";
        default: return "unknown error code";
    }
}

int32_t ek_abi_version(void) { return EK_ABI_VERSION; }

int32_t ek_last_error(const ek_kernel *k, uint8_t *buf, int64_t cap) {
    if (!k) return EK_ERR_NULL;
    int32_t len = (int32_t) strlen(k->error);
    if (buf && cap > 0) {
        int64_t n = len < cap - 1 ? len : cap - 1;
        memcpy(buf, k->error, (size_t) n);
        buf[n] = 0;
    }
    return len;
}

#define CHECK_KERNEL(k) do { if (!(k)) return EK_ERR_NULL; } while (0)
#define CHECK_PTR(k, ptr, what) do { if (!(ptr)) return fail(k, EK_ERR_NULL, "%s: %s is NULL", __func__, what); } while (0)
#define CHECK_LEN(k, got, want, what) do { if ((int64_t) (got) != (int64_t) (want)) \
    return fail(k, EK_ERR_LENGTH, "%s: %s has length %lld, expected %lld", __func__, what, (long long) (got), (long long) (want)); } while (0)
#define CHECK_OPEN(k) do { if ((k)->prepared) return fail(k, EK_ERR_STATE, "%s: the kernel is already prepared", __func__); } while (0)

static void *dup_array(const void *src, int64_t n, size_t size) {
    if (n <= 0) return calloc(1, size);
    void *d = malloc((size_t) n * size);
    if (d && src) memcpy(d, src, (size_t) n * size);
    return d;
}

/* ------------------------------------------------------------------ arithmetic (Fx) */

static inline int64_t rshift(int64_t x, int k) { return (x + ((int64_t) 1 << (k - 1))) >> k; }

static inline int32_t sat(int64_t x) {
    return x > INT32_MAX ? INT32_MAX : x < INT32_MIN ? INT32_MIN : (int32_t) x;
}

/* ------------------------------------------------------------------ random numbers */

static void philox(uint32_t k0, uint32_t k1, uint32_t c0, uint32_t c1, uint32_t c2, uint32_t c3, uint32_t out[4]) {
    for (int r = 0; r < 10; r++) {
        uint64_t p0 = (uint64_t) 0xD2511F53u * c0;
        uint64_t p1 = (uint64_t) 0xCD9E8D57u * c2;
        uint32_t n0 = (uint32_t) (p1 >> 32) ^ c1 ^ k0;
        uint32_t n1 = (uint32_t) p1;
        uint32_t n2 = (uint32_t) (p0 >> 32) ^ c3 ^ k1;
        uint32_t n3 = (uint32_t) p0;
        c0 = n0; c1 = n1; c2 = n2; c3 = n3;
        k0 += 0x9E3779B9u;
        k1 += 0xBB67AE85u;
    }
    out[0] = c0; out[1] = c1; out[2] = c2; out[3] = c3;
}

int32_t ek_strict_math(int32_t function, const double *in, double *out, int64_t len) {
    if (len < 0) return EK_ERR_LENGTH;
    if (len > 0 && (!in || !out)) return EK_ERR_NULL;
    double (*f)(double);
    switch (function) {
        case EK_MATH_EXP: f = ek_fd_exp; break;
        case EK_MATH_LOG: f = ek_fd_log; break;
        case EK_MATH_EXPM1: f = ek_fd_expm1; break;
        default: return EK_ERR_RANGE;
    }
    for (int64_t i = 0; i < len; i++) out[i] = f(in[i]);
    return EK_OK;
}

int32_t ek_philox_block(int64_t seed, int32_t c0, int32_t c1, int32_t c2, int32_t c3, int32_t *out, int64_t out_len) {
    if (!out) return EK_ERR_NULL;
    if (out_len != 4) return EK_ERR_LENGTH;
    uint32_t w[4];
    philox((uint32_t) seed, (uint32_t) ((uint64_t) seed >> 32), (uint32_t) c0, (uint32_t) c1, (uint32_t) c2, (uint32_t) c3, w);
    for (int i = 0; i < 4; i++) out[i] = (int32_t) w[i];
    return EK_OK;
}

/* Word step & 3 of the block (step >> 2, element, stream), cached in words/block (Philox.stepWord). */
static inline uint32_t step_word(int64_t seed, uint32_t stream, int32_t element, int64_t step, uint32_t *words, int64_t *block) {
    int64_t b = step >> 2;
    if (*block != b) {
        philox((uint32_t) seed, (uint32_t) ((uint64_t) seed >> 32), (uint32_t) b, (uint32_t) ((uint64_t) b >> 32),
               (uint32_t) element, stream, words);
        *block = b;
    }
    return words[step & 3];
}

static inline int32_t gaussian_q28(const int32_t *table, uint32_t u) {
    uint32_t i = u >> 18;
    int64_t f = (u >> 2) & 0xFFFF;
    int64_t a = table[i], b = table[i + 1];
    return (int32_t) (a + (((b - a) * f + (1LL << 15)) >> 16));
}

/* ------------------------------------------------------------------ decay tables */

static inline int32_t factor(ek_kernel *k, const decay_t *d, int64_t n) {
    uint64_t i = (uint64_t) n >> LO_BITS;
    if (i >= (uint64_t) d->hi_len) {
        if (d->hi[d->hi_len - 1] == 0) return 0;
        if (!k->broken) k->broken = 1, fail(k, EK_ERR_INTERNAL, "decay span of %lld steps beyond the table built for this run", (long long) n);
        return 0;
    }
    return (int32_t) rshift((int64_t) d->hi[i] * d->lo[n & (LO_SIZE - 1)], Q30);
}

/* ------------------------------------------------------------------ configuration */

int32_t ek_create(int64_t steps, int32_t slow_period, int64_t seed, int32_t neurons, int32_t max_delay_steps, ek_kernel **out) {
    if (!out) return EK_ERR_NULL;
    *out = NULL;
    if (steps < 0 || slow_period < 1 || neurons < 0 || max_delay_steps < 1) return EK_ERR_RANGE;
    ek_kernel *k = calloc(1, sizeof *k);
    if (!k) return EK_ERR_NOMEM;
    k->steps = steps;
    k->slow_period = slow_period;
    k->seed = seed;
    k->neurons = neurons;
    k->max_delay = max_delay_steps;
    k->plasticity_on = 1;
    k->last_spike_step = INT64_MIN / 2;
    *out = k;
    return EK_OK;
}

static void free_decay(decay_t *d) { free(d->hi); }

void ek_destroy(ek_kernel *k) {
    if (!k) return;
    free(k->params); free(k->v); free(k->u); free(k->bg); free(k->ref); free(k->p);
    free(k->synthesis); free(k->force); free(k->ou_block); free(k->ou_words); free(k->out_degree); free(k->normal);
    for (int32_t r = 0; r < k->n_rules; r++) { free_decay(&k->rules[r].calcium); free_decay(&k->rules[r].h_decay); }
    free(k->rules);
    free(k->p_rule); free(k->h); free(k->z); free(k->c_a); free(k->p_pre); free(k->p_post); free(k->in_start); free(k->in_syn);
    free(k->c_s); free(k->h_s); free(k->h_active);
    for (int32_t i = 0; i < k->n_projections; i++) {
        free(k->projections[i].start); free(k->projections[i].post); free(k->projections[i].plastic_index);
    }
    free(k->projections);
    for (int32_t i = 0; i < k->n_stimuli; i++) {
        stimulus_t *st = &k->stimuli[i];
        free(st->neurons); free(st->win_start); free(st->win_stop); free(st->events);
    }
    free(k->stimuli); free(k->ou_on);
    for (int32_t i = 0; i < k->n_recordings; i++) { free(k->recordings[i].mask); free(k->recordings[i].elements); }
    free(k->recordings);
    free(k->switches); free(k->ff); free(k->synthesis_end); free(k->slot); free(k->slot_len); free(k->slot_step); free(k->spikes);
    free(k->hist_steps); free(k->hist_count);
    free(k);
}

int32_t ek_set_neurons(ek_kernel *k, const int32_t *params, int64_t len) {
    CHECK_KERNEL(k);
    CHECK_OPEN(k);
    CHECK_PTR(k, params, "params");
    CHECK_LEN(k, len, (int64_t) EK_NEURON_FIELDS * k->neurons, "params");
    int32_t n = k->neurons;
    for (int32_t i = 0; i < n; i++) {
        if (params[EK_NEURON_REF_STEPS * n + i] < 0)
            return fail(k, EK_ERR_RANGE, "ek_set_neurons: neuron %d has a negative refractory count", i);
    }
    free(k->params);
    k->params = dup_array(params, len, sizeof(int32_t));
    if (!k->params) return fail(k, EK_ERR_NOMEM, "ek_set_neurons: out of memory");
    return EK_OK;
}

int32_t ek_set_normal_table(ek_kernel *k, const int32_t *table, int64_t len) {
    CHECK_KERNEL(k);
    CHECK_OPEN(k);
    CHECK_PTR(k, table, "table");
    CHECK_LEN(k, len, NORMAL_SIZE, "table");
    free(k->normal);
    k->normal = dup_array(table, len, sizeof(int32_t));
    return k->normal ? EK_OK : fail(k, EK_ERR_NOMEM, "ek_set_normal_table: out of memory");
}

static int32_t make_decay(ek_kernel *k, decay_t *d, const int32_t *lo, int64_t lo_len, const int32_t *hi, int64_t hi_len, const char *what) {
    CHECK_PTR(k, lo, what);
    CHECK_PTR(k, hi, what);
    if (lo_len != LO_SIZE) return fail(k, EK_ERR_LENGTH, "ek_add_rule: %s LO table has %lld entries, expected %d", what, (long long) lo_len, LO_SIZE);
    if (hi_len < 1) return fail(k, EK_ERR_LENGTH, "ek_add_rule: %s HI table is empty", what);
    memcpy(d->lo, lo, sizeof d->lo);
    d->hi = dup_array(hi, hi_len, sizeof(int32_t));
    if (!d->hi) return fail(k, EK_ERR_NOMEM, "ek_add_rule: out of memory");
    d->hi_len = hi_len;
    return EK_OK;
}

int32_t ek_add_rule(ek_kernel *k, const int64_t *c, int64_t len, double gate_threshold,
                    const int32_t *calcium_lo, int64_t calcium_lo_len, const int32_t *calcium_hi, int64_t calcium_hi_len,
                    const int32_t *h_lo, int64_t h_lo_len, const int32_t *h_hi, int64_t h_hi_len) {
    CHECK_KERNEL(k);
    CHECK_OPEN(k);
    CHECK_PTR(k, c, "constants");
    CHECK_LEN(k, len, EK_RULE_FIELDS, "constants");
    for (int i = 0; i < EK_RULE_FIELDS; i++) {
        if (i == EK_RULE_THETA_PRO || i == EK_RULE_KZ46) continue;
        if (c[i] < INT32_MIN || c[i] > INT32_MAX)
            return fail(k, EK_ERR_RANGE, "ek_add_rule: constant %d = %lld does not fit int32", i, (long long) c[i]);
    }
    if (c[EK_RULE_CA_DELAY] < 0 || c[EK_RULE_CA_DELAY] > k->max_delay)
        return fail(k, EK_ERR_RANGE, "ek_add_rule: calcium delay %lld outside [0, %d]", (long long) c[EK_RULE_CA_DELAY], k->max_delay);
    rule_t *grown = realloc(k->rules, sizeof(rule_t) * (size_t) (k->n_rules + 1));
    if (!grown) return fail(k, EK_ERR_NOMEM, "ek_add_rule: out of memory");
    k->rules = grown;
    rule_t *r = &k->rules[k->n_rules];
    memset(r, 0, sizeof *r);
    int32_t rc = make_decay(k, &r->calcium, calcium_lo, calcium_lo_len, calcium_hi, calcium_hi_len, "calcium");
    if (rc == EK_OK) rc = make_decay(k, &r->h_decay, h_lo, h_lo_len, h_hi, h_hi_len, "h");
    if (rc != EK_OK) { free_decay(&r->calcium); free_decay(&r->h_decay); return rc; }
    r->h0 = (int32_t) c[EK_RULE_H0]; r->theta_tag = (int32_t) c[EK_RULE_THETA_TAG];
    r->theta_d = (int32_t) c[EK_RULE_THETA_D]; r->theta_p = (int32_t) c[EK_RULE_THETA_P];
    r->c_pre = (int32_t) c[EK_RULE_C_PRE]; r->c_post = (int32_t) c[EK_RULE_C_POST];
    r->theta_pro = c[EK_RULE_THETA_PRO];
    r->h_target_p = (int32_t) c[EK_RULE_H_TARGET_P]; r->e_p = (int32_t) c[EK_RULE_E_P]; r->sigma_p = (int32_t) c[EK_RULE_SIGMA_P];
    r->h_target_d = (int32_t) c[EK_RULE_H_TARGET_D]; r->e_d = (int32_t) c[EK_RULE_E_D]; r->sigma_d = (int32_t) c[EK_RULE_SIGMA_D];
    r->e_pk = (int32_t) c[EK_RULE_E_PK]; r->alpha = (int32_t) c[EK_RULE_ALPHA];
    r->z_min = (int32_t) c[EK_RULE_Z_MIN]; r->z_max = (int32_t) c[EK_RULE_Z_MAX];
    r->kz46 = c[EK_RULE_KZ46];
    r->ca_delay = (int32_t) c[EK_RULE_CA_DELAY];
    r->gate_window = (int32_t) c[EK_RULE_GATE_WINDOW];
    r->gated = c[EK_RULE_GATED] != 0;
    r->gate_threshold = gate_threshold;
    k->n_rules++;
    return EK_OK;
}

static int32_t check_indices(ek_kernel *k, const int32_t *a, int64_t n, int32_t bound, const char *what) {
    for (int64_t i = 0; i < n; i++) {
        if (a[i] < 0 || a[i] >= bound)
            return fail(k, EK_ERR_RANGE, "%s[%lld] = %d outside [0, %d)", what, (long long) i, a[i], bound);
    }
    return EK_OK;
}

int32_t ek_set_plastic(ek_kernel *k, int32_t count, const int32_t *rule, const int32_t *h_init, const int32_t *z_init,
                       const int32_t *pre, const int32_t *post, const int32_t *in_start, int64_t in_start_len,
                       const int32_t *in_syn, int64_t in_syn_len) {
    CHECK_KERNEL(k);
    CHECK_OPEN(k);
    if (k->plastic_set) return fail(k, EK_ERR_STATE, "ek_set_plastic: already called");
    if (count < 0) return fail(k, EK_ERR_RANGE, "ek_set_plastic: negative count %d", count);
    CHECK_PTR(k, rule, "rule");
    CHECK_PTR(k, h_init, "h_init");
    CHECK_PTR(k, z_init, "z_init");
    CHECK_PTR(k, pre, "pre");
    CHECK_PTR(k, post, "post");
    CHECK_PTR(k, in_start, "in_start");
    CHECK_PTR(k, in_syn, "in_syn");
    CHECK_LEN(k, in_start_len, (int64_t) k->neurons + 1, "in_start");
    CHECK_LEN(k, in_syn_len, count, "in_syn");
    int32_t rc;
    if ((rc = check_indices(k, rule, count, k->n_rules, "ek_set_plastic: rule")) != EK_OK) return rc;
    if ((rc = check_indices(k, pre, count, k->neurons, "ek_set_plastic: pre")) != EK_OK) return rc;
    if ((rc = check_indices(k, post, count, k->neurons, "ek_set_plastic: post")) != EK_OK) return rc;
    if ((rc = check_indices(k, in_syn, count, count, "ek_set_plastic: in_syn")) != EK_OK) return rc;
    if (in_start[0] != 0 || in_start[k->neurons] != count)
        return fail(k, EK_ERR_RANGE, "ek_set_plastic: in_start must run from 0 to %d", count);
    for (int32_t i = 0; i < k->neurons; i++) {
        if (in_start[i + 1] < in_start[i]) return fail(k, EK_ERR_RANGE, "ek_set_plastic: in_start decreases at %d", i);
    }
    k->plastic_count = count;
    k->p_rule = dup_array(rule, count, 4); k->h = dup_array(h_init, count, 4); k->z = dup_array(z_init, count, 4);
    k->p_pre = dup_array(pre, count, 4); k->p_post = dup_array(post, count, 4);
    k->in_start = dup_array(in_start, in_start_len, 4); k->in_syn = dup_array(in_syn, count, 4);
    k->c_a = dup_array(NULL, count, 4); k->c_s = dup_array(NULL, count, 8); k->h_s = dup_array(NULL, count, 8);
    k->h_active = dup_array(NULL, count, 1);
    if (!k->p_rule || !k->h || !k->z || !k->p_pre || !k->p_post || !k->in_start || !k->in_syn || !k->c_a || !k->c_s
        || !k->h_s || !k->h_active) return fail(k, EK_ERR_NOMEM, "ek_set_plastic: out of memory");
    if (count > 0) {
        memset(k->c_a, 0, (size_t) count * 4);
        memset(k->c_s, 0, (size_t) count * 8);
        memset(k->h_s, 0, (size_t) count * 8);
        memset(k->h_active, 0, (size_t) count);
    }
    k->plastic_set = 1;
    return EK_OK;
}

int32_t ek_add_projection(ek_kernel *k, int32_t pre_offset, int32_t pre_size, int32_t delay, int32_t rule,
                          int32_t static_weight_q16, const int32_t *start, int64_t start_len,
                          const int32_t *post, int64_t post_len, const int32_t *plastic_index, int64_t plastic_len) {
    CHECK_KERNEL(k);
    CHECK_OPEN(k);
    int32_t idx = k->n_projections;
    if (pre_offset < 0 || pre_size < 0 || (int64_t) pre_offset + pre_size > k->neurons)
        return fail(k, EK_ERR_RANGE, "projection %d: pre neurons [%d, %d + %d) outside [0, %d)", idx, pre_offset, pre_offset, pre_size, k->neurons);
    if (delay < 1 || delay > k->max_delay)
        return fail(k, EK_ERR_RANGE, "projection %d: delay %d steps outside [1, %d]", idx, delay, k->max_delay);
    if (rule < -1 || rule >= k->n_rules) return fail(k, EK_ERR_RANGE, "projection %d: rule %d outside [-1, %d)", idx, rule, k->n_rules);
    if (rule >= 0 && !k->plastic_set) return fail(k, EK_ERR_STATE, "projection %d: plastic, but ek_set_plastic was not called", idx);
    CHECK_PTR(k, start, "start");
    if (post_len > 0) CHECK_PTR(k, post, "post");
    CHECK_LEN(k, start_len, (int64_t) pre_size + 1, "start");
    if (start[0] != 0 || start[pre_size] != post_len)
        return fail(k, EK_ERR_RANGE, "projection %d: start must run from 0 to %lld", idx, (long long) post_len);
    for (int32_t i = 0; i < pre_size; i++) {
        if (start[i + 1] < start[i]) return fail(k, EK_ERR_RANGE, "projection %d: start decreases at row %d", idx, i);
    }
    int32_t rc;
    char what[64];
    snprintf(what, sizeof what, "projection %d: post", idx);
    if ((rc = check_indices(k, post, post_len, k->neurons, what)) != EK_OK) return rc;
    if (rule >= 0) {
        if (post_len > 0) CHECK_PTR(k, plastic_index, "plastic_index");
        CHECK_LEN(k, plastic_len, post_len, "plastic_index");
        snprintf(what, sizeof what, "projection %d: plastic_index", idx);
        if ((rc = check_indices(k, plastic_index, plastic_len, k->plastic_count, what)) != EK_OK) return rc;
    } else if (plastic_len != 0) {
        return fail(k, EK_ERR_LENGTH, "projection %d: static, but plastic_index has length %lld", idx, (long long) plastic_len);
    }
    projection_t *grown = realloc(k->projections, sizeof(projection_t) * (size_t) (idx + 1));
    if (!grown) return fail(k, EK_ERR_NOMEM, "ek_add_projection: out of memory");
    k->projections = grown;
    projection_t *pr = &k->projections[idx];
    memset(pr, 0, sizeof *pr);
    pr->pre_offset = pre_offset; pr->pre_size = pre_size; pr->delay = delay; pr->rule = rule;
    pr->static_weight = static_weight_q16; pr->size = post_len;
    pr->start = dup_array(start, start_len, 4);
    pr->post = dup_array(post, post_len, 4);
    pr->plastic_index = rule >= 0 ? dup_array(plastic_index, plastic_len, 4) : NULL;
    k->n_projections++;
    if (!pr->start || !pr->post || (rule >= 0 && !pr->plastic_index)) return fail(k, EK_ERR_NOMEM, "ek_add_projection: out of memory");
    return EK_OK;
}

int32_t ek_add_stimulus(ek_kernel *k, int32_t kind, int32_t delivery, int32_t weight_q16, int64_t poisson_threshold,
                        int32_t sources, const int32_t *neurons, int64_t neurons_len,
                        const int64_t *window_start, const int64_t *window_stop, int64_t windows,
                        const int64_t *events, int64_t events_len) {
    CHECK_KERNEL(k);
    CHECK_OPEN(k);
    int32_t idx = k->n_stimuli;
    if (kind < EK_STIM_POISSON || kind > EK_STIM_OU) return fail(k, EK_ERR_RANGE, "stimulus %d: unknown kind %d", idx, kind);
    if (delivery != EK_DELIVER_FORCE && delivery != EK_DELIVER_GATED) return fail(k, EK_ERR_RANGE, "stimulus %d: unknown delivery %d", idx, delivery);
    if (sources < 1 || sources > 1024) return fail(k, EK_ERR_RANGE, "stimulus %d: sources %d outside [1, 1024]", idx, sources);
    if (poisson_threshold < 0 || poisson_threshold > ((int64_t) 1 << 32))
        return fail(k, EK_ERR_RANGE, "stimulus %d: Poisson threshold %lld outside [0, 2^32]", idx, (long long) poisson_threshold);
    if (neurons_len < 0 || windows < 0 || events_len < 0) return fail(k, EK_ERR_LENGTH, "stimulus %d: negative length", idx);
    if (neurons_len > 0) CHECK_PTR(k, neurons, "neurons");
    if (windows > 0) { CHECK_PTR(k, window_start, "window_start"); CHECK_PTR(k, window_stop, "window_stop"); }
    if (events_len > 0) CHECK_PTR(k, events, "events");
    char what[64];
    snprintf(what, sizeof what, "stimulus %d: neurons", idx);
    int32_t rc = check_indices(k, neurons, neurons_len, k->neurons, what);
    if (rc != EK_OK) return rc;
    for (int64_t i = 1; i < events_len; i++) {
        if (events[i] <= events[i - 1]) return fail(k, EK_ERR_RANGE, "stimulus %d: events not strictly increasing at %lld", idx, (long long) i);
    }
    stimulus_t *grown = realloc(k->stimuli, sizeof(stimulus_t) * (size_t) (idx + 1));
    if (!grown) return fail(k, EK_ERR_NOMEM, "ek_add_stimulus: out of memory");
    k->stimuli = grown;
    stimulus_t *st = &k->stimuli[idx];
    memset(st, 0, sizeof *st);
    st->kind = kind; st->delivery = delivery; st->weight = weight_q16; st->sources = sources;
    st->poisson_threshold = poisson_threshold;
    st->neurons = dup_array(neurons, neurons_len, 4); st->n = neurons_len;
    st->win_start = dup_array(window_start, windows, 8); st->win_stop = dup_array(window_stop, windows, 8); st->windows = windows;
    st->events = dup_array(events, events_len, 8); st->n_events = events_len;
    k->n_stimuli++;
    if (!st->neurons || !st->win_start || !st->win_stop || !st->events)
        return fail(k, EK_ERR_NOMEM, "ek_add_stimulus: out of memory");
    return EK_OK;
}

static recording_t *new_recording(ek_kernel *k) {
    recording_t *grown = realloc(k->recordings, sizeof(recording_t) * (size_t) (k->n_recordings + 1));
    if (!grown) return NULL;
    k->recordings = grown;
    recording_t *r = &k->recordings[k->n_recordings++];
    memset(r, 0, sizeof *r);
    return r;
}

int32_t ek_add_spike_recording(ek_kernel *k, int32_t offset, const uint8_t *mask, int64_t mask_len, int64_t start, int64_t stop) {
    CHECK_KERNEL(k);
    CHECK_OPEN(k);
    if (mask_len > 0) CHECK_PTR(k, mask, "mask");
    if (offset < 0 || mask_len < 0 || offset + mask_len > k->neurons)
        return fail(k, EK_ERR_RANGE, "spike recording %d: neurons [%d, %lld) outside [0, %d)", k->n_recordings, offset,
                    (long long) (offset + mask_len), k->neurons);
    recording_t *r = new_recording(k);
    if (!r) return fail(k, EK_ERR_NOMEM, "ek_add_spike_recording: out of memory");
    r->spikes = 1; r->offset = offset; r->mask_len = mask_len; r->spike_start = start; r->spike_stop = stop;
    r->mask = dup_array(mask, mask_len, 1);
    if (!r->mask) return fail(k, EK_ERR_NOMEM, "ek_add_spike_recording: out of memory");
    int64_t selected = 0;
    for (int64_t i = 0; i < mask_len; i++) selected += mask[i] != 0;
    k->spikes_per_step += selected;
    return EK_OK;
}

int32_t ek_add_trace(ek_kernel *k, int32_t variable, int32_t mean, const int32_t *elements, int64_t elements_len,
                     int64_t start, int64_t interval, int64_t count, int32_t static_synapse, double static_weight,
                     double *out, int64_t out_len) {
    CHECK_KERNEL(k);
    CHECK_OPEN(k);
    int32_t idx = k->n_recordings;
    if (variable < EK_VAR_V || variable > EK_VAR_W) return fail(k, EK_ERR_RANGE, "trace %d: unknown variable %d", idx, variable);
    if (elements_len < 0 || count < 0) return fail(k, EK_ERR_LENGTH, "trace %d: negative length", idx);
    if (elements_len > 0) CHECK_PTR(k, elements, "elements");
    if (mean && elements_len == 0) return fail(k, EK_ERR_LENGTH, "trace %d: MEAN over no elements", idx);
    if (interval < 1 || start < 0) return fail(k, EK_ERR_RANGE, "trace %d: start %lld, interval %lld", idx, (long long) start, (long long) interval);
    int64_t rows = mean ? 1 : elements_len;
    if (rows * count > 0) CHECK_PTR(k, out, "out");
    CHECK_LEN(k, out_len, rows * count, "out");
    char what[64];
    snprintf(what, sizeof what, "trace %d: elements", idx);
    int per_synapse = variable >= EK_VAR_C;
    if (!(per_synapse && static_synapse)) {
        int32_t rc = check_indices(k, elements, elements_len, per_synapse ? k->plastic_count : k->neurons, what);
        if (rc != EK_OK) return rc;
    }
    recording_t *r = new_recording(k);
    if (!r) return fail(k, EK_ERR_NOMEM, "ek_add_trace: out of memory");
    r->variable = variable; r->mean = mean != 0; r->static_synapse = per_synapse && static_synapse;
    r->static_weight = static_weight; r->n = elements_len; r->start = start; r->interval = interval; r->count = count;
    r->out = out; r->out_len = out_len;
    r->elements = dup_array(elements, elements_len, 4);
    if (!r->elements) return fail(k, EK_ERR_NOMEM, "ek_add_trace: out of memory");
    return EK_OK;
}

int32_t ek_set_switches(ek_kernel *k, const int64_t *pairs, int64_t len) {
    CHECK_KERNEL(k);
    CHECK_OPEN(k);
    if (len < 0 || len % 2) return fail(k, EK_ERR_LENGTH, "ek_set_switches: length %lld is not a count of pairs", (long long) len);
    if (len > 0) CHECK_PTR(k, pairs, "pairs");
    for (int64_t i = 0; i < len; i += 2) {
        if (pairs[i + 1] != 0 && pairs[i + 1] != 1) return fail(k, EK_ERR_RANGE, "ek_set_switches: switch %lld is neither 0 nor 1", (long long) i / 2);
        if (i > 0 && pairs[i] < pairs[i - 2]) return fail(k, EK_ERR_RANGE, "ek_set_switches: switches not in time order at %lld", (long long) i / 2);
    }
    free(k->switches);
    k->switches = dup_array(pairs, len, 8);
    if (!k->switches) return fail(k, EK_ERR_NOMEM, "ek_set_switches: out of memory");
    k->n_switches = len / 2;
    return EK_OK;
}

int32_t ek_set_late_phase(ek_kernel *k, int32_t rule, const double *c, int64_t len) {
    CHECK_KERNEL(k);
    CHECK_OPEN(k);
    CHECK_PTR(k, c, "constants");
    CHECK_LEN(k, len, EK_LATE_FIELDS, "constants");
    if (rule < 0 || rule >= k->n_rules) return fail(k, EK_ERR_RANGE, "ek_set_late_phase: rule %d outside [0, %d)", rule, k->n_rules);
    for (int i = 0; i < EK_LATE_FIELDS; i++) {
        if (!isfinite(c[i])) return fail(k, EK_ERR_RANGE, "ek_set_late_phase: constant %d is not finite", i);
    }
    if (!(c[EK_LATE_TAU_RELAX] > 0) || !(c[EK_LATE_TAU_P] > 0) || !(c[EK_LATE_TAU_Z] > 0))
        return fail(k, EK_ERR_RANGE, "ek_set_late_phase: time constants must be positive");
    memcpy(k->rules[rule].late, c, sizeof k->rules[rule].late);
    k->rules[rule].late_set = 1;
    return EK_OK;
}

int32_t ek_set_fast_forward(ek_kernel *k, double dt, const int64_t *pairs, int64_t len) {
    CHECK_KERNEL(k);
    CHECK_OPEN(k);
    if (len < 0 || len % 2) return fail(k, EK_ERR_LENGTH, "ek_set_fast_forward: length %lld is not a count of pairs", (long long) len);
    if (len > 0) CHECK_PTR(k, pairs, "pairs");
    if (len > 0 && !(dt > 0 && isfinite(dt))) return fail(k, EK_ERR_RANGE, "ek_set_fast_forward: dt must be positive and finite");
    for (int64_t i = 0; i < len; i += 2) {
        if (pairs[i] < 0 || pairs[i] >= pairs[i + 1] || pairs[i + 1] > k->steps)
            return fail(k, EK_ERR_RANGE, "ek_set_fast_forward: window %lld [%lld, %lld) is not inside [0, %lld) or empty",
                        (long long) i / 2, (long long) pairs[i], (long long) pairs[i + 1], (long long) k->steps);
        if (i > 0 && pairs[i] < pairs[i - 1])
            return fail(k, EK_ERR_RANGE, "ek_set_fast_forward: window %lld starts at %lld, before the previous one stops (%lld)",
                        (long long) i / 2, (long long) pairs[i], (long long) pairs[i - 1]);
    }
    int64_t *copy = dup_array(pairs, len, 8);
    if (!copy) return fail(k, EK_ERR_NOMEM, "ek_set_fast_forward: out of memory");
    free(k->ff);
    k->ff = copy;
    k->n_ff = len / 2;
    k->dt = dt;
    return EK_OK;
}

int32_t ek_prepare(ek_kernel *k) {
    CHECK_KERNEL(k);
    CHECK_OPEN(k);
    int32_t n = k->neurons;
    if (!k->params) return fail(k, EK_ERR_STATE, "ek_prepare: ek_set_neurons was not called");
    if (!k->normal) return fail(k, EK_ERR_STATE, "ek_prepare: ek_set_normal_table was not called");
    if (k->n_rules > 0 && !k->plastic_set) return fail(k, EK_ERR_STATE, "ek_prepare: rules without ek_set_plastic");
    if (!k->plastic_set) {
        int32_t zero = 0;
        int32_t *in_start = calloc((size_t) n + 1, 4);
        if (!in_start) return fail(k, EK_ERR_NOMEM, "ek_prepare: out of memory");
        int32_t rc = ek_set_plastic(k, 0, &zero, &zero, &zero, &zero, &zero, in_start, (int64_t) n + 1, &zero, 0);
        free(in_start);
        if (rc != EK_OK) return rc;
    }
    for (int32_t i = 0; i < n; i++) {
        int32_t ou = k->params[EK_NEURON_OU_STIMULUS * n + i];
        if (ou < -1 || ou >= k->n_stimuli || (ou >= 0 && k->stimuli[ou].kind != EK_STIM_OU))
            return fail(k, EK_ERR_RANGE, "ek_prepare: neuron %d names OU stimulus %d, which is not an OU stimulus", i, ou);
    }
    if (k->n_ff > 0) {
        for (int32_t r = 0; r < k->n_rules; r++) {
            if (!k->rules[r].late_set) return fail(k, EK_ERR_STATE, "ek_prepare: fast-forward windows, but rule %d has no late-phase constants", r);
        }
    }
    for (int32_t q = 0; q < k->plastic_count; q++) {
        if (k->in_start[k->p_post[q] + 1] <= k->in_start[k->p_post[q]])
            return fail(k, EK_ERR_RANGE, "ek_prepare: plastic synapse %d: post neuron %d has no incoming plastic synapses", q, k->p_post[q]);
    }
    k->v = calloc((size_t) n + 1, 4); k->u = calloc((size_t) n + 1, 4); k->bg = calloc((size_t) n + 1, 4);
    k->ref = calloc((size_t) n + 1, 4); k->p = calloc((size_t) n + 1, 4);
    k->synthesis = calloc((size_t) n + 1, 1); k->force = calloc((size_t) n + 1, 1);
    k->ou_block = malloc(((size_t) n + 1) * 8); k->ou_words = calloc(((size_t) n + 1) * 4, 4);
    k->out_degree = calloc((size_t) n + 1, 4);
    k->ou_on = calloc((size_t) k->n_stimuli + 1, 4);
    k->ring = k->max_delay + 1;
    k->slot = malloc((size_t) k->ring * ((size_t) n + 1) * 4);
    k->slot_len = calloc((size_t) k->ring, 4);
    k->slot_step = malloc((size_t) k->ring * 8);
    k->spikes = malloc(((size_t) n + 1) * 4);
    k->synthesis_end = calloc((size_t) n + 1, 8);
    if (!k->synthesis_end || !k->v || !k->u || !k->bg || !k->ref || !k->p || !k->synthesis || !k->force || !k->ou_block || !k->ou_words
        || !k->out_degree || !k->ou_on || !k->slot || !k->slot_len || !k->slot_step || !k->spikes)
        return fail(k, EK_ERR_NOMEM, "ek_prepare: out of memory");
    for (int32_t i = 0; i < n; i++) {
        k->v[i] = k->params[EK_NEURON_V_REST * n + i];
        k->ou_block[i] = NO_BLOCK;
    }
    for (int32_t r = 0; r < k->ring; r++) k->slot_step[r] = -1;
    for (int32_t j = 0; j < k->n_projections; j++) {
        projection_t *pr = &k->projections[j];
        for (int32_t i = 0; i < pr->pre_size; i++) k->out_degree[pr->pre_offset + i] += pr->start[i + 1] - pr->start[i];
    }
    /* LTP gate history, sized as SpikeHistory */
    int64_t widest = -1;
    for (int32_t r = 0; r < k->n_rules; r++) if (k->rules[r].gated && k->rules[r].gate_window > widest) widest = k->rules[r].gate_window;
    if (widest >= 0) {
        int32_t min_ref = INT32_MAX;
        for (int32_t i = 0; i < n; i++) if (k->params[EK_NEURON_REF_STEPS * n + i] < min_ref) min_ref = k->params[EK_NEURON_REF_STEPS * n + i];
        int64_t span = widest + 1 + k->slow_period + k->max_delay;
        int64_t min_interval = (int64_t) min_ref + 1;   /* Java: int, wraps only for INT32_MAX (no neurons) */
        if (min_interval < 1) min_interval = 1;
        int64_t need = span / min_interval + 2;
        int64_t c = need < 2 ? 2 : need;
        if (c > (1 << 20)) c = 1 << 20;
        int32_t x = (int32_t) c * 2 - 1, hb = 1;
        while (hb <= x / 2) hb <<= 1;
        k->hist_capacity = hb;
        k->hist_steps = calloc((size_t) n * (size_t) hb + 1, 8);
        k->hist_count = calloc((size_t) n + 1, 8);
        if (!k->hist_steps || !k->hist_count) return fail(k, EK_ERR_NOMEM, "ek_prepare: out of memory for the spike history");
    }
    k->prepared = 1;
    return EK_OK;
}

/* ------------------------------------------------------------------ spike history (LTP gate) */

static inline void history_add(ek_kernel *k, int32_t neuron, int64_t step) {
    int64_t c = k->hist_count[neuron];
    k->hist_steps[(int64_t) neuron * k->hist_capacity + (c & (k->hist_capacity - 1))] = step;
    k->hist_count[neuron] = c + 1;
}

static int64_t first_above(const ek_kernel *k, int32_t neuron, int64_t lo, int64_t hi, int64_t step) {
    int64_t base = (int64_t) neuron * k->hist_capacity;
    while (lo < hi) {
        int64_t mid = (int64_t) ((uint64_t) (lo + hi) >> 1);
        if (k->hist_steps[base + (mid & (k->hist_capacity - 1))] <= step) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static int32_t history_count(const ek_kernel *k, int32_t neuron, int64_t from, int64_t to) {
    int64_t end = k->hist_count[neuron], begin = end - k->hist_capacity;
    if (begin < 0) begin = 0;
    return (int32_t) (first_above(k, neuron, begin, end, to) - first_above(k, neuron, begin, end, from - 1));
}

static inline int ltp_allowed(const ek_kernel *k, int32_t q, int64_t t) {
    const rule_t *r = &k->rules[k->p_rule[q]];
    if (!k->hist_steps || r->gate_threshold <= 0) return 1;
    int64_t from = t - r->gate_window;
    return history_count(k, k->p_pre[q], from, t) > r->gate_threshold
        && history_count(k, k->p_post[q], from, t) > r->gate_threshold;
}

/* ------------------------------------------------------------------ plastic synapses (FixedEngine) */

static inline int32_t calcium_at(ek_kernel *k, int32_t q, int64_t s) {
    const rule_t *r = &k->rules[k->p_rule[q]];
    return (int32_t) rshift((int64_t) k->c_a[q] * factor(k, &r->calcium, s - k->c_s[q]), Q30);
}

static void catch_up(ek_kernel *k, int32_t q, int64_t s) {
    if (!k->h_active[q] || k->frozen) return;
    const rule_t *r = &k->rules[k->p_rule[q]];
    int64_t t = k->h_s[q];
    int32_t hv = k->h[q];
    uint32_t words[4];
    int64_t block = NO_BLOCK;
    while (t < s) {
        int32_t c = calcium_at(k, q, t);
        if (c < r->theta_d) {
            k->h_active[q] = 0;
            break;
        }
        int32_t g = gaussian_q28(k->normal, step_word(k->seed, STREAM_PLASTICITY, q, t, words, &block));
        if (c >= r->theta_p && ltp_allowed(k, q, t)) {
            hv = sat(r->h_target_p + rshift((int64_t) (int32_t) (hv - r->h_target_p) * r->e_p, Q30) + rshift((int64_t) r->sigma_p * g, 28));
        } else {
            hv = sat(r->h_target_d + rshift((int64_t) (int32_t) (hv - r->h_target_d) * r->e_d, Q30) + rshift((int64_t) r->sigma_d * g, 28));
        }
        t++;
    }
    k->h[q] = hv;
    k->h_s[q] = t;
}

static inline int32_t h_at(ek_kernel *k, int32_t q, int64_t s) {
    catch_up(k, q, s);
    if (k->h_active[q] || k->frozen) return k->h[q];
    const rule_t *r = &k->rules[k->p_rule[q]];
    return r->h0 + (int32_t) rshift((int64_t) (int32_t) (k->h[q] - r->h0) * factor(k, &r->h_decay, s - k->h_s[q]), Q30);
}

static inline int64_t weight_q24(ek_kernel *k, int32_t q, int64_t s) {
    const rule_t *r = &k->rules[k->p_rule[q]];
    return h_at(k, q, s) + rshift((int64_t) r->h0 * k->z[q], Q30);
}

static void calcium_event(ek_kernel *k, int32_t q, int64_t s, int pre) {
    if (k->frozen) return;
    const rule_t *r = &k->rules[k->p_rule[q]];
    int32_t hv = h_at(k, q, s);
    k->h[q] = hv;
    k->h_s[q] = s;
    k->h_active[q] = 1;
    k->c_a[q] = sat((int64_t) calcium_at(k, q, s) + (pre ? r->c_pre : r->c_post));
    k->c_s[q] = s;
}

static inline int32_t clamp_z(const rule_t *r, int64_t zv) {
    return (int32_t) (zv < r->z_min ? r->z_min : zv > r->z_max ? r->z_max : zv);
}

static void slow_tick(ek_kernel *k, int32_t i, int64_t s) {
    int32_t from = k->in_start[i], to = k->in_start[i + 1];
    const rule_t *r = &k->rules[k->p_rule[k->in_syn[from]]];
    int32_t target = k->synthesis[i] ? r->alpha : 0;
    k->p[i] = target + (int32_t) rshift((int64_t) (int32_t) (k->p[i] - target) * r->e_pk, Q30);
    int64_t x = rshift((int64_t) k->p[i] * r->kz46, 46);
    int64_t f = x - rshift(x * x, 31);
    int64_t sum = 0;
    for (int32_t j = from; j < to; j++) {
        int32_t q = k->in_syn[j];
        const rule_t *rq = &k->rules[k->p_rule[q]];
        int32_t hv = h_at(k, q, s);
        int32_t d = hv - rq->h0;
        if (f > 0) {
            if (d >= rq->theta_tag) k->z[q] = clamp_z(rq, k->z[q] + rshift((int64_t) (int32_t) (rq->z_max - k->z[q]) * f, Q30));
            else if (-d >= rq->theta_tag) k->z[q] = clamp_z(rq, k->z[q] + rshift((int64_t) (int32_t) (rq->z_min - k->z[q]) * f, Q30));
        }
        sum += d < 0 ? (int32_t) -d : d;
    }
    k->synthesis[i] = sum >= r->theta_pro;
}

static void freeze(ek_kernel *k, int64_t s) {
    for (int32_t q = 0; q < k->plastic_count; q++) {
        k->h[q] = h_at(k, q, s);
        k->h_s[q] = s;
        k->c_a[q] = calcium_at(k, q, s);
        k->c_s[q] = s;
    }
    k->frozen = 1;
}

static void thaw(ek_kernel *k, int64_t s) {
    k->frozen = 0;
    for (int32_t q = 0; q < k->plastic_count; q++) {
        k->h_s[q] = s;
        k->c_s[q] = s;
    }
}

static double read_var(ek_kernel *k, const recording_t *rec, int32_t e, int64_t s) {
    if (rec->static_synapse) return rec->static_weight;
    switch (rec->variable) {
        case EK_VAR_V: return k->v[e] / (double) (1 << Q16);
        case EK_VAR_I_SYN: return (int32_t) (k->u[e] + k->bg[e]) / (double) (1 << Q16);
        case EK_VAR_P: return k->p[e] / (double) (1 << Q30);
        case EK_VAR_C: return (k->frozen ? k->c_a[e] : calcium_at(k, e, s)) / (double) (1 << Q16);
        case EK_VAR_H: return h_at(k, e, s) / (double) (1 << Q24);
        case EK_VAR_Z: return k->z[e] / (double) (1 << Q30);
        default: return (int32_t) weight_q24(k, e, s) / (double) (1 << Q24);
    }
}

/* ------------------------------------------------------------------ the scheduler (Engine) */

static int sample_at(const recording_t *r, int64_t s) {
    return !r->spikes && s >= r->start && (s - r->start) % r->interval == 0 && (s - r->start) / r->interval < r->count;
}

static int64_t next_sample(const recording_t *r, int64_t s) {
    if (r->spikes || r->count == 0) return INT64_MAX;
    if (s <= r->start) return r->start;
    int64_t q = (s - r->start + r->interval - 1) / r->interval;
    return q < r->count ? r->start + q * r->interval : INT64_MAX;
}

#define SAMPLE_CHUNK 4096

static void sample(ek_kernel *k, int64_t s) {
    for (int32_t i = 0; i < k->n_recordings; i++) {
        recording_t *r = &k->recordings[i];
        if (!sample_at(r, s)) continue;
        int64_t col = r->fill++;
        int64_t n = r->n, chunks = (n + SAMPLE_CHUNK - 1) / SAMPLE_CHUNK;
        double total = 0;
        for (int64_t c = 0; c < chunks; c++) {
            double sum = 0;
            for (int64_t e = c * SAMPLE_CHUNK, end = e + SAMPLE_CHUNK < n ? e + SAMPLE_CHUNK : n; e < end; e++) {
                double x = read_var(k, r, r->elements[e], s);
                if (r->mean) sum += x;
                else r->out[e * r->count + col] = x;
            }
            if (r->mean) total += sum;
        }
        if (r->mean) r->out[col] = total / n;
    }
}

/* ------------------------------------------------------------------ fast-forward (Engine.fastForward, LatePhase) */

/* Java's Math.min(double, double): NaN wins, -0.0 is below 0.0 */
static inline double java_min(double a, double b) {
    if (a != a) return a;
    if (a == 0.0 && b == 0.0 && signbit(b)) return b;
    return a <= b ? a : b;
}

/* Java's (long) d: NaN is 0, out of range saturates */
static inline int64_t java_d2l(double d) {
    if (d != d) return 0;
    if (d >= 0x1p63) return INT64_MAX;
    if (d <= -0x1p63) return INT64_MIN;
    return (int64_t) d;
}

/* Fx.ofLong(v, frac): floor(v * 2^frac + 0.5) as Java's (long) */
static inline int64_t fx_of_long(double v, int frac) {
    return java_d2l(floor(v * (double) ((int64_t) 1 << frac) + 0.5));
}

/* LatePhase.synthesisEnd / tagEnd: when |d| summed (or one |d0|) relaxes below theta; negative: never above */
static inline double relax_end(const double *late, double x0, double theta) {
    return x0 >= theta ? late[EK_LATE_TAU_RELAX] * ek_fd_log(x0 / theta) : -1;
}

/* LatePhase.protein: protein at t >= a, from pa at a, with synthesis towards alpha until end */
static double late_protein(const double *late, double pa, double a, double end, double t) {
    double tau_p = late[EK_LATE_TAU_P], alpha = late[EK_LATE_ALPHA];
    double on = java_min(t, end) - a;
    double p = pa, from = a;
    if (on > 0) {
        p = alpha + (pa - alpha) * ek_fd_exp(-on / tau_p);
        from = a + on;
    }
    return p * ek_fd_exp(-(t - from) / tau_p);
}

/* LatePhase.proteinIntegral: the integral of protein over [a, c), from pa at a */
static double late_protein_integral(const double *late, double pa, double a, double end, double c) {
    double tau_p = late[EK_LATE_TAU_P], alpha = late[EK_LATE_ALPHA];
    double on = java_min(c, end) - a;
    double sum = 0, p = pa, from = a;
    if (on > 0) {
        sum = alpha * on - (pa - alpha) * tau_p * ek_fd_expm1(-on / tau_p);
        p = alpha + (pa - alpha) * ek_fd_exp(-on / tau_p);
        from = a + on;
    }
    double off = c - from;
    if (off > 0) sum -= p * tau_p * ek_fd_expm1(-off / tau_p);
    return sum;
}

/* FixedEngine.anchorQuiet: h brought to s and held there as the anchor of a quiet decay, calcium 0 */
static void anchor_quiet(ek_kernel *k, int32_t q, int64_t s) {
    k->h[q] = h_at(k, q, s);
    k->h_s[q] = s;
    k->h_active[q] = 0;
    k->c_a[q] = 0;
    k->c_s[q] = s;
}

/* FixedEngine.anchorDeviation: h - h0 of the anchor, mV */
static inline double anchor_deviation(const ek_kernel *k, int32_t q) {
    return (int32_t) (k->h[q] - k->rules[k->p_rule[q]].h0) / (double) (1 << Q24);
}

static void enter_fast_forward(ek_kernel *k, int32_t i, int64_t s0) {
    double sigma = 0;
    for (int32_t j = k->in_start[i]; j < k->in_start[i + 1]; j++) {
        int32_t q = k->in_syn[j];
        anchor_quiet(k, q, s0);
        sigma += fabs(anchor_deviation(k, q));
    }
    const double *late = k->rules[k->p_rule[k->in_syn[k->in_start[i]]]].late;
    k->synthesis_end[i] = relax_end(late, sigma, late[EK_LATE_THETA_PRO]);
}

/* Engine.advanceLatePhase: protein of neuron i and the late weights of its inputs from step a to step b */
static void advance_late_phase(ek_kernel *k, int32_t i, int64_t s0, int64_t a, int64_t b) {
    const int32_t from = k->in_start[i], to = k->in_start[i + 1];
    const double *neuron_rule = k->rules[k->p_rule[k->in_syn[from]]].late;
    const double ta = (double) (a - s0) * k->dt, tb = (double) (b - s0) * k->dt, end = k->synthesis_end[i];
    const double pa = k->p[i] / (double) (1 << Q30);
    const double whole = late_protein_integral(neuron_rule, pa, ta, end, tb);
    if (whole > 0) {
        int32_t cached = -1;
        const double *r = NULL;
        double tag_at_a = 0, tag_at_b = 0, factor_whole = 0;  /* |d0| needed to be tagged at ta and at tb */
        for (int32_t j = from; j < to; j++) {
            int32_t q = k->in_syn[j];
            if (k->p_rule[q] != cached) {
                cached = k->p_rule[q];
                r = k->rules[cached].late;
                tag_at_a = r[EK_LATE_THETA_TAG] * ek_fd_exp(ta / r[EK_LATE_TAU_RELAX]);
                tag_at_b = r[EK_LATE_THETA_TAG] * ek_fd_exp(tb / r[EK_LATE_TAU_RELAX]);
                factor_whole = ek_fd_exp(-whole / r[EK_LATE_TAU_Z]);
            }
            double d0 = anchor_deviation(k, q), ad = fabs(d0);
            if (ad < tag_at_a) continue;                 /* untagged for the whole segment: z holds */
            double f = ad >= tag_at_b ? factor_whole
                : ek_fd_exp(-late_protein_integral(neuron_rule, pa, ta, end, relax_end(r, ad, r[EK_LATE_THETA_TAG])) / r[EK_LATE_TAU_Z]);
            double target = d0 > 0 ? r[EK_LATE_Z_MAX] : r[EK_LATE_Z_MIN];
            double zv = target + (k->z[q] / (double) (1 << Q30) - target) * f;
            k->z[q] = clamp_z(&k->rules[k->p_rule[q]], fx_of_long(zv, Q30));   /* setLateWeight */
        }
    }
    /* setProtein: Fx.of, which refuses values outside int32 */
    double scaled = floor(late_protein(neuron_rule, pa, ta, end, tb) * (double) (1 << Q30) + 0.5);
    if (!(scaled <= INT32_MAX && scaled >= INT32_MIN)) {
        if (!k->broken) k->broken = 1, fail(k, EK_ERR_INTERNAL, "fast-forward: protein of neuron %d does not fit Q1.30", i);
        scaled = 0;
    }
    k->p[i] = (int32_t) scaled;
    k->synthesis[i] = tb < end;
}

static inline int has_plastic_inputs(const ek_kernel *k, int32_t i) { return k->in_start[i + 1] > k->in_start[i]; }

/* Engine.fastForward: the window [s0, s1) without spiking; returns with the state at s1 */
static void fast_forward(ek_kernel *k, int64_t s0, int64_t s1) {
    for (int32_t r = 0; r < k->ring; r++) { k->slot_len[r] = 0; k->slot_step[r] = -1; }
    k->last_spike_step = INT64_MIN / 2;
    for (int32_t i = 0; i < k->neurons; i++) k->synthesis_end[i] = 0;
    for (int32_t i = 0; i < k->neurons; i++) if (has_plastic_inputs(k, i)) enter_fast_forward(k, i, s0);
    sample(k, s0);
    for (int64_t a = s0; a < s1; ) {
        int64_t b = s1;
        for (int32_t r = 0; r < k->n_recordings; r++) {
            int64_t n = next_sample(&k->recordings[r], a + 1);
            if (n < b) b = n;
        }
        for (int32_t i = 0; i < k->neurons; i++) if (has_plastic_inputs(k, i)) advance_late_phase(k, i, s0, a, b);
        if (b < s1) sample(k, b);
        a = b;
    }
}

static int active_at(const stimulus_t *st, int64_t s) {
    for (int64_t i = 0; i < st->windows; i++) if (s >= st->win_start[i] && s < st->win_stop[i]) return 1;
    return 0;
}

static int64_t lower_bound64(const int64_t *a, int64_t n, int64_t v) {
    int64_t lo = 0, hi = n;
    while (lo < hi) {
        int64_t mid = (lo + hi) >> 1;
        if (a[mid] < v) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static int event_at(const stimulus_t *st, int64_t s) {
    int64_t i = lower_bound64(st->events, st->n_events, s);
    return i < st->n_events && st->events[i] == s;
}

static int64_t next_activity(const stimulus_t *st, int64_t s) {
    int64_t best = INT64_MAX;
    for (int64_t i = 0; i < st->windows; i++) {
        if (s < st->win_stop[i] && st->win_start[i] < st->win_stop[i]) {
            int64_t a = s > st->win_start[i] ? s : st->win_start[i];
            if (a < best) best = a;
        }
    }
    int64_t i = lower_bound64(st->events, st->n_events, s);
    if (i < st->n_events && st->events[i] < best) best = st->events[i];
    return best;
}

/* A source spike: forced whatever the state, or (GATED: a source with a dead time) unless refractory. */
static void fire(stimulus_t *st, uint8_t *force, int64_t j, int32_t count) {
    (void) count;
    force[st->neurons[j]] |= st->delivery == EK_DELIVER_GATED ? 2 : 1;
}

static int stimuli(ek_kernel *k, int64_t s) {
    int any = 0;
    uint32_t draw[4];
    for (int32_t idx = 0; idx < k->n_stimuli; idx++) {
        stimulus_t *st = &k->stimuli[idx];
        switch (st->kind) {
            case EK_STIM_OU:
                k->ou_on[idx] = active_at(st, s);
                any |= k->ou_on[idx];
                break;
            case EK_STIM_FORCE_FIRING:
                if (active_at(st, s)) {
                    any = 1;
                    for (int64_t j = 0; j < st->n; j++) k->force[st->neurons[j]] |= 2;
                }
                break;
            case EK_STIM_POISSON:
                if (!active_at(st, s)) break;
                any = 1;
                for (int64_t j = 0; j < st->n; j++) {
                    int32_t count = 0;
                    for (int32_t b = 0; b * 4 < st->sources; b++) {
                        philox((uint32_t) k->seed, (uint32_t) ((uint64_t) k->seed >> 32), (uint32_t) s,
                               (uint32_t) ((uint64_t) s >> 32), (uint32_t) st->neurons[j],
                               (uint32_t) (POISSON_BASE + (idx << 8) + b), draw);
                        for (int32_t w = 0; w < 4 && b * 4 + w < st->sources; w++) {
                            if ((int64_t) draw[w] < st->poisson_threshold) count++;
                        }
                    }
                    if (count > 0) fire(st, k->force, j, count);
                }
                break;
            default: /* EK_STIM_SPIKES */
                if (event_at(st, s)) {
                    any = 1;
                    for (int64_t j = 0; j < st->n; j++) fire(st, k->force, j, 1);
                }
        }
    }
    return any;
}

static int step_neurons(ek_kernel *k, int64_t s) {
    const int32_t n = k->neurons, *P = k->params;
    const int32_t *g_mem = P + EK_NEURON_G_MEM * n, *e_syn = P + EK_NEURON_E_SYN * n, *v_rest = P + EK_NEURON_V_REST * n;
    const int32_t *v_th = P + EK_NEURON_V_TH * n, *v_reset = P + EK_NEURON_V_RESET * n, *ref_steps = P + EK_NEURON_REF_STEPS * n;
    const int32_t *ou_stim = P + EK_NEURON_OU_STIMULUS * n, *ou_mu = P + EK_NEURON_OU_MU * n;
    const int32_t *ou_e = P + EK_NEURON_OU_E * n, *ou_sig = P + EK_NEURON_OU_SIGMA * n;
    int32_t *v = k->v, *u = k->u, *bg = k->bg, *ref = k->ref;
    int changed = 0;
    k->n_spikes = 0;
    for (int32_t i = 0; i < n; i++) {
        int32_t old_v = v[i], old_u = u[i], old_bg = bg[i];
        int32_t ou = ou_stim[i];
        if (ou >= 0) {
            if (k->ou_on[ou]) {
                int32_t g = gaussian_q28(k->normal, step_word(k->seed, STREAM_OU, i, s, k->ou_words + 4 * (int64_t) i, k->ou_block + i));
                bg[i] = sat(ou_mu[i] + rshift((int64_t) (int32_t) (bg[i] - ou_mu[i]) * ou_e[i], Q30) + rshift((int64_t) ou_sig[i] * g, 28));
            } else {
                bg[i] = 0;
            }
        }
        int refractory = ref[i] > 0;
        if (refractory) {
            v[i] = v_reset[i];
            ref[i]--;
        } else {
            int64_t target = (int64_t) v_rest[i] + u[i] + bg[i];
            v[i] = sat(v[i] + rshift((target - v[i]) * g_mem[i], Q30));
        }
        uint8_t f = k->force[i];
        int spike = (f & 1) || (!refractory && ((f & 2) || v[i] >= v_th[i]));
        if (spike) {
            v[i] = v_reset[i];
            ref[i] = ref_steps[i];
            k->spikes[k->n_spikes++] = i;
        }
        u[i] = (int32_t) rshift((int64_t) u[i] * e_syn[i], Q30);
        changed |= refractory || spike || v[i] != old_v || u[i] != old_u || bg[i] != old_bg;
    }
    return changed;
}

static inline const int32_t *spikes_at(const ek_kernel *k, int64_t t, int32_t *len) {
    if (t < 0) return NULL;
    int32_t r = (int32_t) (t % k->ring);
    if (k->slot_step[r] != t || k->slot_len[r] == 0) return NULL;
    *len = k->slot_len[r];
    return k->slot + (int64_t) r * k->neurons;
}

static void input_phase(ek_kernel *k, int64_t s) {
    int32_t len;
    for (int32_t j = 0; j < k->n_projections; j++) {
        const projection_t *pr = &k->projections[j];
        const int32_t *src = spikes_at(k, s - pr->delay, &len);
        if (!src) continue;
        for (int32_t x = 0; x < len; x++) {
            int32_t local = src[x] - pr->pre_offset;
            if (local < 0 || local >= pr->pre_size) continue;
            int32_t e = pr->start[local + 1];
            if (pr->rule >= 0) {
                for (int32_t kk = pr->start[local]; kk < e; kk++) {
                    int32_t post = pr->post[kk];
                    int32_t w = (int32_t) rshift(weight_q24(k, pr->plastic_index[kk], s), 8);
                    k->u[post] = sat((int64_t) k->u[post] + w);
                }
            } else {
                for (int32_t kk = pr->start[local]; kk < e; kk++) {
                    int32_t post = pr->post[kk];
                    k->u[post] = sat((int64_t) k->u[post] + pr->static_weight);
                }
            }
        }
    }
    if (!k->plasticity_on || k->plastic_count == 0) return;
    for (int32_t j = 0; j < k->n_projections; j++) {
        const projection_t *pr = &k->projections[j];
        if (pr->rule < 0) continue;
        const int32_t *src = spikes_at(k, s - k->rules[pr->rule].ca_delay, &len);
        if (!src) continue;
        for (int32_t x = 0; x < len; x++) {
            int32_t local = src[x] - pr->pre_offset;
            if (local < 0 || local >= pr->pre_size) continue;
            for (int32_t kk = pr->start[local], e = pr->start[local + 1]; kk < e; kk++) calcium_event(k, pr->plastic_index[kk], s, 1);
        }
    }
    for (int32_t x = 0; x < k->n_spikes; x++) {
        int32_t n = k->spikes[x];
        for (int32_t q = k->in_start[n], e = k->in_start[n + 1]; q < e; q++) calcium_event(k, k->in_syn[q], s, 0);
    }
}

static int step(ek_kernel *k, int64_t s) {
    int changed = step_neurons(k, s);
    memset(k->force, 0, (size_t) k->neurons);
    for (int32_t x = 0; x < k->n_spikes; x++) {
        k->synaptic_events += k->out_degree[k->spikes[x]];
        if (k->hist_steps) history_add(k, k->spikes[x], s);
    }
    int32_t r = (int32_t) (s % k->ring);
    memcpy(k->slot + (int64_t) r * k->neurons, k->spikes, (size_t) k->n_spikes * 4);
    k->slot_len[r] = k->n_spikes;
    k->slot_step[r] = s;
    if (k->n_spikes > 0) k->last_spike_step = s;
    input_phase(k, s);
    return changed;
}

static int64_t record(ek_kernel *k, int64_t s, int32_t *rec_out, int32_t *neuron_out, int64_t *step_out, int64_t at) {
    for (int32_t i = 0; i < k->n_recordings; i++) {
        const recording_t *r = &k->recordings[i];
        if (!r->spikes || s < r->spike_start || s >= r->spike_stop) continue;
        for (int32_t x = 0; x < k->n_spikes; x++) {
            int64_t local = (int64_t) k->spikes[x] - r->offset;
            if (local >= 0 && local < r->mask_len && r->mask[local]) {
                rec_out[at] = i;
                neuron_out[at] = (int32_t) local;
                step_out[at] = s;
                at++;
            }
        }
    }
    return at;
}

static int64_t next_event(const ek_kernel *k, int64_t s) {
    int64_t next = k->steps;
    for (int32_t i = 0; i < k->n_stimuli; i++) {
        int64_t a = next_activity(&k->stimuli[i], s);
        if (a < next) next = a;
    }
    int64_t K = k->slow_period;
    if (k->plastic_count > 0) {
        int64_t t = ((s + K - 1) / K) * K;
        if (t < next) next = t;
    }
    for (int32_t i = 0; i < k->n_recordings; i++) {
        int64_t a = next_sample(&k->recordings[i], s);
        if (a < next) next = a;
    }
    if (k->switch_index < k->n_switches && k->switches[2 * k->switch_index] < next) next = k->switches[2 * k->switch_index];
    if (k->ff_index < k->n_ff && k->ff[2 * k->ff_index] < next) next = k->ff[2 * k->ff_index];
    return next > s ? next : s;
}

int32_t ek_run(ek_kernel *k, int64_t until, int32_t *spike_recording, int32_t *spike_neuron, int64_t *spike_step,
               int64_t capacity, int64_t *written) {
    CHECK_KERNEL(k);
    CHECK_PTR(k, written, "written");
    *written = 0;
    if (!k->prepared) return fail(k, EK_ERR_STATE, "ek_run: ek_prepare was not called (or failed)");
    if (k->broken) return EK_ERR_INTERNAL;   /* the message of the failure stays in k->error */
    if (k->done) return EK_DONE;
    CHECK_PTR(k, spike_recording, "spike_recording");
    CHECK_PTR(k, spike_neuron, "spike_neuron");
    CHECK_PTR(k, spike_step, "spike_step");
    if (capacity < k->spikes_per_step || capacity < 1)
        return fail(k, EK_ERR_LENGTH, "ek_run: spike capacity %lld is below %lld, the most one step can record",
                    (long long) capacity, (long long) k->spikes_per_step);
    const int64_t steps = k->steps, K = k->slow_period;
    int64_t at = 0, s = k->s;
    while (s < steps && s < until && capacity - at >= k->spikes_per_step) {
        if (k->ff_index < k->n_ff && k->ff[2 * k->ff_index] == s) {
            int64_t s1 = k->ff[2 * k->ff_index + 1];
            k->ff_index++;
            fast_forward(k, s, s1);
            s = s1;
            if (k->broken) { k->s = s; *written = at; return EK_ERR_INTERNAL; }
            continue;
        }
        while (k->switch_index < k->n_switches && k->switches[2 * k->switch_index] <= s) {
            int on = k->switches[2 * k->switch_index + 1] == 1;
            k->switch_index++;
            if (on && !k->plasticity_on) thaw(k, s);
            if (!on && k->plasticity_on) freeze(k, s);
            k->plasticity_on = on;
        }
        if (s > 0 && s % K == 0 && k->plasticity_on && k->plastic_count > 0) {
            for (int32_t i = 0; i < k->neurons; i++) if (k->in_start[i + 1] > k->in_start[i]) slow_tick(k, i, s);
        }
        sample(k, s);
        int changed = stimuli(k, s);
        changed |= step(k, s);
        at = record(k, s, spike_recording, spike_neuron, spike_step, at);
        k->steps_executed++;
        if (!changed && k->n_spikes == 0 && s + 1 - k->last_spike_step > k->max_delay) {
            int64_t next = next_event(k, s + 1);
            if (next > s + 1) s = next - 1;
        }
        s++;
        if (k->broken) { k->s = s; *written = at; return EK_ERR_INTERNAL; }
    }
    k->s = s;
    *written = at;
    if (s >= steps) {
        sample(k, steps);
        k->done = 1;
        return k->broken ? EK_ERR_INTERNAL : EK_DONE;
    }
    return EK_OK;
}

int32_t ek_read_synapse(ek_kernel *k, int32_t q, int64_t step, double *out, int64_t out_len) {
    CHECK_KERNEL(k);
    CHECK_PTR(k, out, "out");
    CHECK_LEN(k, out_len, 3, "out");
    if (!k->prepared) return fail(k, EK_ERR_STATE, "ek_read_synapse: ek_prepare was not called");
    if (q < 0 || q >= k->plastic_count) return fail(k, EK_ERR_RANGE, "ek_read_synapse: synapse %d outside [0, %d)", q, k->plastic_count);
    if (step < k->s || step > k->steps) return fail(k, EK_ERR_RANGE, "ek_read_synapse: step %lld outside [%lld, %lld]",
                                                   (long long) step, (long long) k->s, (long long) k->steps);
    out[0] = h_at(k, q, step) / (double) (1 << Q24);
    out[1] = k->z[q] / (double) (1 << Q30);
    out[2] = (int32_t) weight_q24(k, q, step) / (double) (1 << Q24);
    return k->broken ? EK_ERR_INTERNAL : EK_OK;
}

int32_t ek_counters(const ek_kernel *k, int64_t *out, int64_t out_len) {
    if (!k || !out) return EK_ERR_NULL;
    if (out_len != EK_COUNTERS) return EK_ERR_LENGTH;
    out[EK_COUNTER_STEP] = k->s;
    out[EK_COUNTER_STEPS_EXECUTED] = k->steps_executed;
    out[EK_COUNTER_SYNAPTIC_EVENTS] = k->synaptic_events;
    out[EK_COUNTER_SPIKES_PER_STEP] = k->spikes_per_step;
    return EK_OK;
}
