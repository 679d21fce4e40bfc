/*
 * The virtual chip's analog core: LIF neuron circuits with current-based exponential synaptic input,
 * the synapse array (6-bit weights and labels, a sign per row), event routing (on-chip, or through the
 * FPGA loopback after a delay), the CADC and the noise model. Layout: engram_chip_virtual.h.
 *
 * Integration: exponential Euler in float64 with a step of S cycles (global word 0): per step
 *   v += (v_leak + I - v) * (1 - exp(-S / tau_mem)),  spike when v >= v_th (v = v_reset for refractory
 *   cycles), then I *= exp(-S / tau_syn). Events of a step add their weight to I before the update.
 * Spans where no neuron moves (every v within VC_QUIET_MV of its leak, |I| below it, none refractory) are skipped up to
 * the next event or sample, so sparse protocols cost little wall time.
 */
#include "vc_model.h"
#include "engram_chip.h"
#include "engram_chip_virtual.h"
#include "vc_ppu.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Below this (mV) a membrane counts as at rest and a synaptic input as zero. */
#define VC_QUIET_MV 1e-6

typedef struct {
    uint32_t enabled, refractory, sampled, routes;
    double tau_mem, tau_syn, v_leak, v_th, v_reset, scale_exc, scale_inh;
    uint32_t route[VC_MAX_ROUTES], delay[VC_MAX_ROUTES];
} neuron_cfg;

typedef struct { int64_t time; int32_t target; } event;

struct vc_chip {
    char error[256];
    /* global configuration */
    uint32_t step, sample_period, flags;
    uint64_t seed;
    double spread, trial_sd, cadc_lo, cadc_hi;
    neuron_cfg neuron[VC_NEURONS];
    uint32_t sign[VC_ROWS];
    uint8_t weight[VC_ROWS][VC_COLUMNS], label[VC_ROWS][VC_COLUMNS];
    uint32_t memory[VC_MEMORY_WORDS];
    /* state carried from run to run */
    double v[VC_NEURONS], i_syn[VC_NEURONS];
    int64_t ref[VC_NEURONS];
    int initialised;
    uint64_t runs;
    event *heap;          /* loopback events in flight, times relative to the current run */
    int64_t heap_len, heap_cap;
    vc_ppu *ppu;
    /* output of the last run */
    int ran;
    int64_t *out_times;
    int32_t *out_sources;
    int64_t out_len, out_cap, out_read;
    int32_t *samples;
    int64_t samples_len, samples_cap, samples_read;
};

int32_t vc_fail(vc_chip *c, int32_t code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->error, sizeof c->error, fmt, ap);
    va_end(ap);
    return code;
}

const char *vc_error(const vc_chip *c) { return c->error; }

int vc_valid_target(uint32_t t) {
    return (t & VC_ADDRESS_MASK) < VC_ROWS * VC_LABELS && (t >> VC_MODE_SHIFT) <= VC_MODE_COUNT;
}

static float f32(uint32_t w) {
    float f;
    memcpy(&f, &w, 4);
    return f;
}

int32_t vc_open(vc_chip **out) {
    vc_chip *c = calloc(1, sizeof *c);
    if (!c) return EC_ERR_NOMEM;
    c->step = 8;
    c->seed = 1;
    c->spread = 0.03;
    c->trial_sd = 0.1;
    c->cadc_lo = -80;
    c->cadc_hi = -40;
    c->ppu = vc_ppu_new();
    if (!c->ppu) {
        free(c);
        return EC_ERR_NOMEM;
    }
    *out = c;
    return EC_OK;
}

int32_t vc_close(vc_chip *c) {
    vc_ppu_free(c->ppu);
    free(c->heap);
    free(c->out_times);
    free(c->out_sources);
    free(c->samples);
    free(c);
    return EC_OK;
}

static int finite_in(double x, double lo, double hi) { return isfinite(x) && x >= lo && x <= hi; }

static int32_t write_global(vc_chip *c, const uint32_t *w, int64_t len) {
    if (len < 9) return vc_fail(c, EC_ERR_LENGTH, "ec_write_config: global block 0 needs 9 words, got %lld", (long long) len);
    if (w[0] < 1 || w[0] > 1024) return vc_fail(c, EC_ERR_RANGE, "global block word 0: integration step %u cycles outside [1, 1024]", w[0]);
    double spread = f32(w[3]), trial = f32(w[4]), lo = f32(w[6]), hi = f32(w[7]);
    if (!finite_in(spread, 0, 0.5)) return vc_fail(c, EC_ERR_RANGE, "global block word 3: fixed-pattern spread %g outside [0, 0.5]", spread);
    if (!finite_in(trial, 0, 100)) return vc_fail(c, EC_ERR_RANGE, "global block word 4: trial noise %g mV outside [0, 100]", trial);
    if (!isfinite(lo) || !isfinite(hi) || !(hi > lo)) return vc_fail(c, EC_ERR_RANGE, "global block words 6-7: CADC window [%g, %g] mV is empty", lo, hi);
    if (w[8] > 1) return vc_fail(c, EC_ERR_RANGE, "global block word 8: flags 0x%x, only bit 0 (apply trims) is defined", w[8]);
    c->step = w[0];
    c->seed = (uint64_t) w[1] | (uint64_t) w[2] << 32;
    c->spread = spread;
    c->trial_sd = trial;
    c->sample_period = w[5];
    c->cadc_lo = lo;
    c->cadc_hi = hi;
    c->flags = w[8];
    return EC_OK;
}

static int32_t write_neuron(vc_chip *c, int n, const uint32_t *w, int64_t len) {
    if (len < 11) return vc_fail(c, EC_ERR_LENGTH, "ec_write_config: neuron %d block needs at least 11 words, got %lld", n, (long long) len);
    if (w[10] > VC_MAX_ROUTES) return vc_fail(c, EC_ERR_RANGE, "neuron %d: %u routes, at most %d", n, w[10], VC_MAX_ROUTES);
    if (len < 11 + 2 * (int64_t) w[10])
        return vc_fail(c, EC_ERR_LENGTH, "neuron %d: %u routes need %u words, got %lld", n, w[10], 11 + 2 * w[10], (long long) len);
    neuron_cfg x;
    memset(&x, 0, sizeof x);
    x.enabled = w[0];
    x.tau_mem = f32(w[1]);
    x.tau_syn = f32(w[2]);
    x.v_leak = f32(w[3]);
    x.v_th = f32(w[4]);
    x.v_reset = f32(w[5]);
    x.refractory = w[6];
    x.scale_exc = f32(w[7]);
    x.scale_inh = f32(w[8]);
    x.sampled = w[9];
    x.routes = w[10];
    if (x.enabled > 1 || x.sampled > 1) return vc_fail(c, EC_ERR_RANGE, "neuron %d: enabled and sampled are 0 or 1", n);
    if (!finite_in(x.tau_mem, 1, 1e9)) return vc_fail(c, EC_ERR_RANGE, "neuron %d: tau_mem %g cycles outside [1, 1e9]", n, x.tau_mem);
    if (!finite_in(x.tau_syn, 1, 1e9)) return vc_fail(c, EC_ERR_RANGE, "neuron %d: tau_syn %g cycles outside [1, 1e9]", n, x.tau_syn);
    if (!isfinite(x.v_leak) || !isfinite(x.v_th) || !isfinite(x.v_reset) || !(x.v_reset < x.v_th))
        return vc_fail(c, EC_ERR_RANGE, "neuron %d: v_reset %g must lie below v_threshold %g (all finite)", n, x.v_reset, x.v_th);
    if (!finite_in(x.scale_exc, 0, 1e3) || !finite_in(x.scale_inh, 0, 1e3))
        return vc_fail(c, EC_ERR_RANGE, "neuron %d: weight scales %g, %g mV per level outside [0, 1000]", n, x.scale_exc, x.scale_inh);
    for (uint32_t i = 0; i < x.routes; i++) {
        x.route[i] = w[11 + 2 * i];
        x.delay[i] = w[12 + 2 * i];
        if (!vc_valid_target(x.route[i]))
            return vc_fail(c, EC_ERR_RANGE, "neuron %d route %u: target 0x%x is not row * 64 + label (< %d) | mode (0..2) << %d", n, i,
                           x.route[i], VC_ROWS * VC_LABELS, VC_MODE_SHIFT);
    }
    c->neuron[n] = x;
    return EC_OK;
}

static int32_t write_row(vc_chip *c, int r, const uint32_t *w, int64_t len) {
    if (len != 1 + VC_COLUMNS) return vc_fail(c, EC_ERR_LENGTH, "ec_write_config: row %d block has %d words, got %lld", r, 1 + VC_COLUMNS, (long long) len);
    if (w[0] > 1) return vc_fail(c, EC_ERR_RANGE, "row %d: sign %u, 0 (excitatory) or 1 (inhibitory)", r, w[0]);
    for (int k = 0; k < VC_COLUMNS; k++) {
        uint32_t s = w[1 + k];
        if ((s & ~(uint32_t) 0x3F3F) != 0)
            return vc_fail(c, EC_ERR_RANGE, "row %d column %d: synapse word 0x%x, weight is 6 bits and label 6 bits at bit 8", r, k, s);
    }
    c->sign[r] = w[0];
    for (int k = 0; k < VC_COLUMNS; k++) {
        c->weight[r][k] = (uint8_t) (w[1 + k] & 0x3F);
        c->label[r][k] = (uint8_t) (w[1 + k] >> 8 & 0x3F);
    }
    return EC_OK;
}

int32_t vc_write_config(vc_chip *c, int32_t block, const uint32_t *words, int64_t len) {
    if (block < 0 || block >= VC_BLOCKS) return vc_fail(c, EC_ERR_RANGE, "ec_write_config: block %d outside [0, %d)", block, VC_BLOCKS);
    if (len < 1 || len > VC_BLOCK_WORDS)
        return vc_fail(c, EC_ERR_LENGTH, "ec_write_config: %lld words, a block holds 1 to %d", (long long) len, VC_BLOCK_WORDS);
    if (block == VC_BLOCK_GLOBAL) return write_global(c, words, len);
    if (block < VC_BLOCK_ROW) return write_neuron(c, block - VC_BLOCK_NEURON, words, len);
    return write_row(c, block - VC_BLOCK_ROW, words, len);
}

int32_t vc_load_program(vc_chip *c, const uint32_t *words, int64_t len) {
    if (len < 1 || len > VC_PROGRAM_WORDS)
        return vc_fail(c, EC_ERR_LENGTH, "ec_load_program: %lld words, the program memory holds 1 to %d", (long long) len, VC_PROGRAM_WORDS);
    return vc_ppu_load(c->ppu, words, len, c->error, sizeof c->error);
}

void vc_write_memory(vc_chip *c, int64_t address, const uint32_t *words, int64_t len) {
    if (len > 0) memcpy(c->memory + address, words, (size_t) len * 4);
}

void vc_read_memory(vc_chip *c, int64_t address, uint32_t *words, int64_t len) {
    if (len > 0) memcpy(words, c->memory + address, (size_t) len * 4);
}

/* ---- noise ---- */

static uint64_t mix(uint64_t z) {
    z += 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* A standard normal number from (seed, a, b), by Box-Muller over two 53-bit uniforms. */
static double gauss(uint64_t seed, uint64_t a, uint64_t b) {
    uint64_t h = mix(mix(mix(seed) ^ a) ^ b);
    double u1 = ((double) (mix(h) >> 11) + 1) / 9007199254740993.0;   /* (0, 1] */
    double u2 = (double) (mix(h ^ 0x5851F42D4C957F2Dull) >> 11) / 9007199254740992.0;
    return sqrt(-2 * log(u1)) * cos(6.283185307179586 * u2);
}

/* The effective parameters of one run: configuration + fixed-pattern noise + trims + trial noise. */
typedef struct { double g_mem, e_syn, v_leak, v_th, v_reset; } effective;

static void effective_params(const vc_chip *c, effective *eff) {
    for (int n = 0; n < VC_NEURONS; n++) {
        const neuron_cfg *x = &c->neuron[n];
        if (!x->enabled) continue;
        double range = x->v_th - x->v_reset, sd = c->spread * range;
        double th = x->v_th + sd * gauss(c->seed, (uint64_t) n, 0);
        double leak = x->v_leak + sd * gauss(c->seed, (uint64_t) n, 1);
        double reset = x->v_reset + sd * gauss(c->seed, (uint64_t) n, 2);
        double tau = x->tau_mem * fmax(0.1, 1 + c->spread * gauss(c->seed, (uint64_t) n, 3));
        if (c->flags & 1) {
            const uint32_t *t = c->memory + VC_MEM_TRIMS + VC_TRIM_FIELDS * n;
            double tt = f32(t[0]), tl = f32(t[1]), tr = f32(t[2]), tf = f32(t[3]);
            if (isfinite(tt)) th += tt;
            if (isfinite(tl)) leak += tl;
            if (isfinite(tr)) reset += tr;
            if (isfinite(tf) && tf > -0.9) tau *= 1 + tf;
        }
        th += c->trial_sd * gauss(c->seed ^ mix(c->runs + 0x7472ull), (uint64_t) n, 4);
        if (reset > th - 1e-3) reset = th - 1e-3;
        eff[n].g_mem = -expm1(-(double) c->step / tau);
        eff[n].e_syn = exp(-(double) c->step / x->tau_syn);
        eff[n].v_leak = leak;
        eff[n].v_th = th;
        eff[n].v_reset = reset;
    }
}

/* ---- outputs and the loopback queue ---- */

static int push_spike(vc_chip *c, int64_t t, int32_t n) {
    if (c->out_len == c->out_cap) {
        int64_t cap = c->out_cap ? 2 * c->out_cap : 1024;
        int64_t *t2 = realloc(c->out_times, (size_t) cap * 8);
        if (!t2) return 0;
        c->out_times = t2;
        int32_t *s2 = realloc(c->out_sources, (size_t) cap * 4);
        if (!s2) return 0;
        c->out_sources = s2;
        c->out_cap = cap;
    }
    c->out_times[c->out_len] = t;
    c->out_sources[c->out_len] = n;
    c->out_len++;
    return 1;
}

static int push_sample(vc_chip *c, int32_t code) {
    if (c->samples_len == c->samples_cap) {
        int64_t cap = c->samples_cap ? 2 * c->samples_cap : 1024;
        int32_t *s2 = realloc(c->samples, (size_t) cap * 4);
        if (!s2) return 0;
        c->samples = s2;
        c->samples_cap = cap;
    }
    c->samples[c->samples_len++] = code;
    return 1;
}

static int heap_less(const event *a, const event *b) {
    return a->time < b->time || (a->time == b->time && a->target < b->target);
}

static int heap_push(vc_chip *c, int64_t t, int32_t target) {
    if (c->heap_len == c->heap_cap) {
        int64_t cap = c->heap_cap ? 2 * c->heap_cap : 256;
        event *h2 = realloc(c->heap, (size_t) cap * sizeof *h2);
        if (!h2) return 0;
        c->heap = h2;
        c->heap_cap = cap;
    }
    int64_t i = c->heap_len++;
    c->heap[i] = (event) {t, target};
    while (i > 0) {
        int64_t p = (i - 1) / 2;
        if (!heap_less(&c->heap[i], &c->heap[p])) break;
        event tmp = c->heap[i]; c->heap[i] = c->heap[p]; c->heap[p] = tmp;
        i = p;
    }
    return 1;
}

static event heap_pop(vc_chip *c) {
    event top = c->heap[0];
    c->heap[0] = c->heap[--c->heap_len];
    int64_t i = 0;
    for (;;) {
        int64_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < c->heap_len && heap_less(&c->heap[l], &c->heap[m])) m = l;
        if (r < c->heap_len && heap_less(&c->heap[r], &c->heap[m])) m = r;
        if (m == i) break;
        event tmp = c->heap[i]; c->heap[i] = c->heap[m]; c->heap[m] = tmp;
        i = m;
    }
    return top;
}

/* One event on (row, label): every synapse of the row listening to the label adds its weight. */
static void deliver(vc_chip *c, int32_t target) {
    int mode = target >> VC_MODE_SHIFT, address = target & VC_ADDRESS_MASK;
    int r = address / VC_LABELS, label = address % VC_LABELS;
    const uint8_t *lab = c->label[r], *w = c->weight[r];
    int base = (r / VC_COLUMNS) * VC_COLUMNS;
    for (int k = 0; k < VC_COLUMNS; k++) {
        if (lab[k] != label) continue;
        const neuron_cfg *x = &c->neuron[base + k];
        if (!x->enabled) continue;
        if (mode != VC_MODE_CURRENT) vc_ppu_pre(c->ppu, r, k);   /* plastic synapses count events, at any weight */
        if (mode != VC_MODE_COUNT && w[k] != 0) c->i_syn[base + k] += c->sign[r] ? -w[k] * x->scale_inh : w[k] * x->scale_exc;
    }
}

static int32_t cadc(const vc_chip *c, double v) {
    double code = nearbyint((v - c->cadc_lo) / (c->cadc_hi - c->cadc_lo) * 255);
    return (int32_t) (code < 0 ? 0 : code > 255 ? 255 : code);
}

/* ---- the run ---- */

int32_t vc_run(vc_chip *c, const int64_t *times, const int32_t *targets, int64_t events, int64_t duration) {
    c->ran = 0;
    c->out_len = c->out_read = c->samples_len = c->samples_read = 0;
    effective *eff = calloc(VC_NEURONS, sizeof *eff);
    if (!eff) return vc_fail(c, EC_ERR_NOMEM, "ec_run: out of memory");
    effective_params(c, eff);
    if (!c->initialised) {
        for (int n = 0; n < VC_NEURONS; n++) c->v[n] = c->neuron[n].enabled ? eff[n].v_leak : 0;
        c->initialised = 1;
    }
    int32_t rc = vc_ppu_begin(c->ppu, c->memory + VC_MEM_PPU, c->memory + VC_MEM_LFSR, c->weight, c->step, c->error, sizeof c->error);
    if (rc != EC_OK) {
        free(eff);
        return rc;
    }
    const int64_t step = c->step;
    int active[VC_NEURONS], nactive = 0;   /* the enabled circuits */
    for (int n = 0; n < VC_NEURONS; n++) if (c->neuron[n].enabled) active[nactive++] = n;
    int64_t next_sample = c->sample_period ? 0 : INT64_MAX;
    int64_t next_input = 0;   /* index into the input events */
    int64_t t = 0;
    while (t < duration) {
        int64_t end = t + step;
        /* plasticity processor: every period boundary up to now (before this step's events) */
        rc = vc_ppu_advance(c->ppu, t, c->error, sizeof c->error);
        if (rc != EC_OK) goto fail;
        /* CADC */
        while (next_sample <= t) {
            for (int n = 0; n < VC_NEURONS; n++)
                if (c->neuron[n].enabled && c->neuron[n].sampled && !push_sample(c, cadc(c, c->v[n]))) goto nomem;
            next_sample += c->sample_period;
        }
        /* events of this step */
        while (next_input < events && times[next_input] < end) deliver(c, targets[next_input++]);
        while (c->heap_len > 0 && c->heap[0].time < end) deliver(c, heap_pop(c).target);
        /* neurons */
        int quiet = 1;
        for (int a = 0; a < nactive; a++) {
            const int n = active[a];
            const neuron_cfg *x = &c->neuron[n];
            const effective *e = &eff[n];
            int spike = 0;
            if (c->ref[n] > 0) {
                c->v[n] = e->v_reset;
                c->ref[n] -= step;
            } else {
                c->v[n] += (e->v_leak + c->i_syn[n] - c->v[n]) * e->g_mem;
                spike = c->v[n] >= e->v_th;
            }
            if (spike) {
                c->v[n] = e->v_reset;
                c->ref[n] = x->refractory;
                if (!push_spike(c, t, n)) goto nomem;
                vc_ppu_spike(c->ppu, n);
                for (uint32_t k = 0; k < x->routes; k++)
                    if (!heap_push(c, t + (x->delay[k] > 0 ? (int64_t) x->delay[k] : step), (int32_t) x->route[k])) goto nomem;
            }
            c->i_syn[n] *= e->e_syn;
            if (fabs(c->i_syn[n]) < VC_QUIET_MV) c->i_syn[n] = 0;
            if (c->ref[n] > 0 || c->i_syn[n] != 0 || fabs(c->v[n] - e->v_leak) > VC_QUIET_MV) quiet = 0;
        }
        t = end;
        if (quiet) {   /* nothing moves until the next event, sample or processor period */
            int64_t until = duration;
            if (next_input < events && times[next_input] < until) until = times[next_input];
            if (c->heap_len > 0 && c->heap[0].time < until) until = c->heap[0].time;
            if (next_sample < until) until = next_sample;
            int64_t ppu = vc_ppu_next(c->ppu);
            if (ppu < until) until = ppu;
            if (until > t) {
                int64_t skip = (until - t) / step * step;
                if (skip > 0) {
                    for (int a = 0; a < nactive; a++) c->v[active[a]] = eff[active[a]].v_leak;
                    t += skip;
                }
            }
        }
    }
    rc = vc_ppu_end(c->ppu, duration, c->error, sizeof c->error);
    if (rc != EC_OK) goto fail;
    for (int64_t i = 0; i < c->heap_len; i++) c->heap[i].time -= duration;   /* in flight into the next run */
    c->runs++;
    c->ran = 1;
    free(eff);
    return EC_OK;
nomem:
    rc = vc_fail(c, EC_ERR_NOMEM, "ec_run: out of memory");
fail:
    free(eff);
    return rc;
}

int32_t vc_read_spikes(vc_chip *c, int64_t *times, int32_t *sources, int64_t cap, int64_t *count) {
    if (!c->ran) return vc_fail(c, EC_ERR_STATE, "ec_read_spikes: no completed run");
    int64_t n = c->out_len - c->out_read < cap ? c->out_len - c->out_read : cap;
    if (n > 0) {
        memcpy(times, c->out_times + c->out_read, (size_t) n * 8);
        memcpy(sources, c->out_sources + c->out_read, (size_t) n * 4);
    }
    c->out_read += n;
    *count = n;
    return EC_OK;
}

int32_t vc_read_samples(vc_chip *c, int32_t *values, int64_t cap, int64_t *count) {
    if (!c->ran) return vc_fail(c, EC_ERR_STATE, "ec_read_samples: no completed run");
    int64_t n = c->samples_len - c->samples_read < cap ? c->samples_len - c->samples_read : cap;
    if (n > 0) memcpy(values, c->samples + c->samples_read, (size_t) n * 4);
    c->samples_read += n;
    *count = n;
    return EC_OK;
}
