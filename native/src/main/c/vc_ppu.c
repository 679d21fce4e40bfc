/*
 * The plasticity processor of the virtual chip: decodes the program container, interprets the fast and
 * slow programs bit-exactly as org.engram.brainscales.ppu.PpuMachine does (16-bit lanes, 64 per vector,
 * arithmetic of PpuArithmetic, per-column LFSRs of Lfsr), and drives them period by period as
 * PlasticityDriver does (spike counts of the last fast period written before each fast run, the slow
 * program at every slow boundary, exact skipping of quiet periods). Container layout: see PPU_* below and
 * docs/brainscales.md, "Program encoding".
 */
#include "vc_ppu.h"
#include "engram_chip.h"
#include "engram_chip_virtual.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LANES 64
#define WORDS_PER_VECTOR 32
#define MAX_REGIONS 16
#define MAX_COUNT 15
#define REGISTERS 32

/* container header words */
enum { H_MAGIC, H_VERSION, H_HEMISPHERE, H_ROWS, H_COLUMN_BLOCKS, H_FAST_PERIOD, H_RATIO, H_SEED_LO, H_SEED_HI,
       H_FIRST_COLUMN, H_COLUMNS, H_REGIONS, H_FAST_LEN, H_SLOW_LEN, H_QUIET, H_C_REGION, H_KC_K, H_KC_SHIFT,
       H_THETA_D, H_DRAWS, H_WORDS };
#define PPU_MAGIC 0x45505055u
#define PPU_VERSION 1u
enum { ROLE_DATA, ROLE_PRE, ROLE_POST, ROLE_W };
enum { MEM_SRAM, MEM_EXTERNAL, MEM_SYNAPSE_ARRAY };
enum { OP_LOAD = 1, OP_STORE, OP_SPLAT, OP_BINARY, OP_SELECT, OP_SHR, OP_SHRS, OP_DRAW, OP_LOOP };
enum { B_ADD_SAT, B_SUB_SAT, B_ADD_MOD, B_SUB_MOD, B_MUL_FRAC, B_MUL_MOD, B_MIN, B_MAX, B_CMP_GE, B_OPS };

typedef struct { uint32_t role, vectors, memory, base; } region;

/* A decoded instruction; a loop's body is the next body_len instructions. */
typedef struct {
    uint8_t op, sub, r0, r1, r2, r3;
    int32_t value, base, outer, inner;
    uint32_t count, body_len;
} instr;

typedef struct {
    int loaded;
    uint32_t hemisphere, rows, cblocks, ratio, columns, first_column, nregions;
    int64_t period;
    uint64_t seed;
    int quiet_enabled;
    uint32_t c_region, kc_shift, draws;
    int32_t kc_k, theta_d;
    uint16_t row_of[256];
    int16_t layout_row[256];   /* hemisphere row -> layout row, -1 when not plastic */
    region reg[MAX_REGIONS];
    int pre_region, post_region;
    instr *fast, *slow;
    int64_t fast_len, slow_len;
} program;

struct vc_ppu {
    program prog;
    int reseed;
    uint32_t *mem, *lfsr;
    uint8_t (*weights)[256];
    int32_t r[REGISTERS][LANES];
    int64_t k;              /* the next period boundary's index */
    int64_t next_boundary;  /* its time in the current run */
    int fresh;
    int32_t *pre_count, *post_count;
    int any_count;
    int64_t fast_runs, slow_runs, skipped;
    char *err;
    size_t errcap;
};

static int32_t perr(char *err, size_t cap, int32_t code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, cap, fmt, ap);
    va_end(ap);
    return code;
}

static void free_program(program *p) {
    free(p->fast);
    free(p->slow);
    p->fast = p->slow = NULL;
}

vc_ppu *vc_ppu_new(void) { return calloc(1, sizeof(vc_ppu)); }

void vc_ppu_free(vc_ppu *p) {
    if (!p) return;
    free_program(&p->prog);
    free(p->pre_count);
    free(p->post_count);
    free(p);
}

/* ---- lane arithmetic (PpuArithmetic at 16 bits) ---- */

static int32_t sat16(int64_t x) { return x < -32768 ? -32768 : x > 32767 ? 32767 : (int32_t) x; }
static int32_t wrap16(int64_t x) { return (int32_t) (int16_t) (uint16_t) (x & 0xFFFF); }
static int32_t mul_frac(int32_t a, int32_t b) { return sat16(((int64_t) a * b + (1 << 14)) >> 15); }
static int32_t shr(int32_t a, int n) { return (a + (1 << (n - 1))) >> n; }
static int32_t random_below(int n, int32_t r) { return n > 8 ? (r << (n - 8)) + (1 << (n - 9)) : r >> (8 - n); }

static int32_t binary(int op, int32_t a, int32_t b) {
    switch (op) {
        case B_ADD_SAT: return sat16((int64_t) a + b);
        case B_SUB_SAT: return sat16((int64_t) a - b);
        case B_ADD_MOD: return wrap16((int64_t) a + b);
        case B_SUB_MOD: return wrap16((int64_t) a - b);
        case B_MUL_FRAC: return mul_frac(a, b);
        case B_MUL_MOD: return wrap16((int64_t) a * b);
        case B_MIN: return a < b ? a : b;
        case B_MAX: return a > b ? a : b;
        default: return a >= b ? -1 : 0;   /* B_CMP_GE */
    }
}

/* ---- generators (Lfsr) ---- */

static uint32_t lfsr_clock(uint32_t s) {
    uint32_t b = (s ^ (s >> 2) ^ (s >> 3) ^ (s >> 5)) & 1;
    return (s >> 1) | (b << 15);
}

static uint32_t lfsr_seed(uint64_t seed, uint32_t column) {
    uint64_t x = seed + ((uint64_t) column + 1) * 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    x = x ^ (x >> 31);
    uint32_t s = (uint32_t) ((x ^ (x >> 16) ^ (x >> 32) ^ (x >> 48)) & 0xFFFF);
    return s == 0 ? 1 : s;
}

static uint32_t mat_apply(const uint32_t m[16], uint32_t v) {
    uint32_t r = 0;
    for (int j = 0; j < 16; j++) if (v >> j & 1) r ^= m[j];
    return r;
}

/* The matrix of `clocks` clocks (the clock is linear over GF(2): a matrix power); column j is the image
 * of the unit vector e_j. */
static void lfsr_jump_matrix(int64_t clocks, uint32_t out[16]) {
    clocks %= 65535;
    uint32_t m[16], sq[16];
    for (int j = 0; j < 16; j++) {
        m[j] = lfsr_clock(1u << j);
        out[j] = 1u << j;
    }
    while (clocks > 0) {
        if (clocks & 1) {
            uint32_t r[16];
            for (int j = 0; j < 16; j++) r[j] = mat_apply(m, out[j]);
            memcpy(out, r, sizeof r);
        }
        for (int j = 0; j < 16; j++) sq[j] = mat_apply(m, m[j]);
        memcpy(m, sq, sizeof m);
        clocks >>= 1;
    }
}

/* ---- decoding ---- */

static int32_t decode(const uint32_t *w, int64_t len, const program *p, instr **out, int64_t *count, const char *which,
                      char *err, size_t cap) {
    instr *code = calloc((size_t) (len > 0 ? len : 1), sizeof *code);   /* at most one instruction per word */
    if (!code) return perr(err, cap, EC_ERR_NOMEM, "ec_load_program: out of memory");
    int64_t n = 0, pc = 0;
    int64_t loop_end[2];   /* word index where each open loop's body ends */
    int64_t loop_instr[2];
    int depth = 0;
    while (pc < len) {
        while (depth > 0 && pc == loop_end[depth - 1]) {
            code[loop_instr[depth - 1]].body_len = (uint32_t) (n - loop_instr[depth - 1] - 1);
            depth--;
        }
        uint32_t x = w[pc];
        instr in;
        memset(&in, 0, sizeof in);
        in.op = (uint8_t) (x >> 27);
        int words = 1;
        switch (in.op) {
            case OP_LOAD: case OP_STORE: case OP_DRAW:
                in.r0 = x >> 22 & 31;
                in.r1 = x >> 17 & 31;
                words = 4;
                if (pc + 4 > len) goto truncated;
                in.base = (int32_t) w[pc + 1];
                in.outer = (int32_t) w[pc + 2];
                in.inner = (int32_t) w[pc + 3];
                if (in.op != OP_DRAW) {
                    if (in.r1 >= p->nregions) {
                        free(code);
                        return perr(err, cap, EC_ERR_RANGE, "ec_load_program: %s program word %lld uses region %u, the container declares %u",
                                    which, (long long) pc, in.r1, p->nregions);
                    }
                }
                break;
            case OP_SPLAT:
                in.r0 = x >> 22 & 31;
                in.value = (int16_t) (x & 0xFFFF);
                if (x >> 16 & 0x3F) goto bad;
                break;
            case OP_BINARY:
                in.sub = x >> 23 & 15;
                in.r0 = x >> 18 & 31; in.r1 = x >> 13 & 31; in.r2 = x >> 8 & 31;
                if (in.sub >= B_OPS || (x & 0xFF)) goto bad;
                break;
            case OP_SELECT:
                in.r0 = x >> 22 & 31; in.r1 = x >> 17 & 31; in.r2 = x >> 12 & 31; in.r3 = x >> 7 & 31;
                if (x & 0x7F) goto bad;
                break;
            case OP_SHR: case OP_SHRS:
                in.r0 = x >> 22 & 31; in.r1 = x >> 17 & 31; in.r2 = x >> 12 & 31;
                in.value = (int32_t) (x & 15);
                if (in.value < 1 || in.value > 15 || (x >> 4 & 0xFF) || (in.op == OP_SHR && in.r2)) goto bad;
                break;
            case OP_LOOP:
                if (depth >= 2) {
                    free(code);
                    return perr(err, cap, EC_ERR_RANGE, "ec_load_program: %s program word %lld: loops nest at most two deep", which, (long long) pc);
                }
                if (pc + 2 > len) goto truncated;
                in.count = x & 0x7FFFFFF;
                words = 2;
                if (w[pc + 1] > (uint64_t) (len - pc - 2)) goto truncated;
                loop_end[depth] = pc + 2 + w[pc + 1];
                loop_instr[depth] = n;
                depth++;
                break;
            default:
                goto bad;
        }
        code[n++] = in;
        pc += words;
        continue;
    bad:
        free(code);
        return perr(err, cap, EC_ERR_RANGE, "ec_load_program: %s program word %lld (0x%08x) is not a valid instruction", which,
                    (long long) pc, x);
    truncated:
        free(code);
        return perr(err, cap, EC_ERR_LENGTH, "ec_load_program: %s program word %lld: instruction or loop runs past the program's end",
                    which, (long long) pc);
    }
    while (depth > 0) {
        if (loop_end[depth - 1] != pc) {
            free(code);
            return perr(err, cap, EC_ERR_LENGTH, "ec_load_program: %s program: a loop body runs past the program's end", which);
        }
        code[loop_instr[depth - 1]].body_len = (uint32_t) (n - loop_instr[depth - 1] - 1);
        depth--;
    }
    *out = code;
    *count = n;
    return EC_OK;
}

int32_t vc_ppu_load(vc_ppu *ppu, const uint32_t *w, int64_t len, char *err, size_t cap) {
    if (len < H_WORDS) return perr(err, cap, EC_ERR_LENGTH, "ec_load_program: %lld words, the container header has %d", (long long) len, H_WORDS);
    if (w[H_MAGIC] != PPU_MAGIC || w[H_VERSION] != PPU_VERSION)
        return perr(err, cap, EC_ERR_VERSION, "ec_load_program: not a version %u program container (magic 0x%08x, version %u)",
                    PPU_VERSION, w[H_MAGIC], w[H_VERSION]);
    program p;
    memset(&p, 0, sizeof p);
    p.hemisphere = w[H_HEMISPHERE];
    p.rows = w[H_ROWS];
    p.cblocks = w[H_COLUMN_BLOCKS];
    p.period = w[H_FAST_PERIOD];
    p.ratio = w[H_RATIO];
    p.seed = (uint64_t) w[H_SEED_LO] | (uint64_t) w[H_SEED_HI] << 32;
    p.first_column = w[H_FIRST_COLUMN];
    p.columns = w[H_COLUMNS];
    p.nregions = w[H_REGIONS];
    p.quiet_enabled = w[H_QUIET] != 0;
    p.c_region = w[H_C_REGION];
    p.kc_k = (int32_t) w[H_KC_K];
    p.kc_shift = w[H_KC_SHIFT];
    p.theta_d = (int32_t) w[H_THETA_D];
    p.draws = w[H_DRAWS];
    if (p.hemisphere > 1) return perr(err, cap, EC_ERR_RANGE, "ec_load_program: hemisphere %u, the chip has 0 and 1", p.hemisphere);
    if (p.rows < 1 || p.rows > 256) return perr(err, cap, EC_ERR_RANGE, "ec_load_program: %u rows outside 1..256", p.rows);
    if (p.cblocks < 1 || p.cblocks > 4) return perr(err, cap, EC_ERR_RANGE, "ec_load_program: %u column blocks outside 1..4", p.cblocks);
    if (p.period < 1 || p.ratio < 1) return perr(err, cap, EC_ERR_RANGE, "ec_load_program: fast period %lld cycles and slow ratio %u must be >= 1", (long long) p.period, p.ratio);
    if (p.columns < p.cblocks * LANES || p.first_column + p.columns > VC_NEURONS)
        return perr(err, cap, EC_ERR_RANGE, "ec_load_program: generators [%u, %u) must cover the %u columns and lie in [0, %d)",
                    p.first_column, p.first_column + p.columns, p.cblocks * LANES, VC_NEURONS);
    if (p.nregions < 1 || p.nregions > MAX_REGIONS) return perr(err, cap, EC_ERR_RANGE, "ec_load_program: %u regions outside 1..%d", p.nregions, MAX_REGIONS);
    if (p.kc_k < 0 || p.kc_k > 32767 || p.kc_shift > 15 || p.theta_d < -32768 || p.theta_d > 32767 || (p.quiet_enabled && p.c_region >= p.nregions))
        return perr(err, cap, EC_ERR_RANGE, "ec_load_program: quiet-skip constants out of range (Kc %d >> %u, theta_d %d, C region %u)",
                    p.kc_k, p.kc_shift, p.theta_d, p.c_region);
    int64_t need = H_WORDS + (int64_t) p.rows + 4 * (int64_t) p.nregions + w[H_FAST_LEN] + (int64_t) w[H_SLOW_LEN];
    if (len != need) return perr(err, cap, EC_ERR_LENGTH, "ec_load_program: the header announces %lld words, got %lld", (long long) need, (long long) len);
    for (int i = 0; i < 256; i++) p.layout_row[i] = -1;
    for (uint32_t i = 0; i < p.rows; i++) {
        uint32_t r = w[H_WORDS + i];
        if (r > 255 || p.layout_row[r] >= 0) return perr(err, cap, EC_ERR_RANGE, "ec_load_program: layout row %u maps to row %u (outside 0..255 or taken)", i, r);
        p.row_of[i] = (uint16_t) r;
        p.layout_row[r] = (int16_t) i;
    }
    p.pre_region = p.post_region = -1;
    int have_w = 0;
    const uint32_t *rw = w + H_WORDS + p.rows;
    for (uint32_t g = 0; g < p.nregions; g++) {
        region x = {rw[4 * g], rw[4 * g + 1], rw[4 * g + 2], rw[4 * g + 3]};
        if (x.role > ROLE_W || x.memory > MEM_SYNAPSE_ARRAY || x.vectors < 1 || (x.role == ROLE_W) != (x.memory == MEM_SYNAPSE_ARRAY))
            return perr(err, cap, EC_ERR_RANGE, "ec_load_program: region %u: role %u, memory %u, %u vectors (the W role and only it lives in the synapse array)",
                        g, x.role, x.memory, x.vectors);
        if (x.role == ROLE_W) {
            if (x.vectors != p.rows * p.cblocks) return perr(err, cap, EC_ERR_RANGE, "ec_load_program: region %u (W) has %u vectors, the layout %u", g, x.vectors, p.rows * p.cblocks);
            have_w = 1;
        } else if ((uint64_t) x.base + (uint64_t) x.vectors * WORDS_PER_VECTOR > VC_PPU_WORDS) {
            return perr(err, cap, EC_ERR_RANGE, "ec_load_program: region %u: words [%u, %llu) outside the processor memory [0, %d)", g, x.base,
                        (unsigned long long) x.base + (unsigned long long) x.vectors * WORDS_PER_VECTOR, VC_PPU_WORDS);
        }
        if (x.role == ROLE_PRE) {
            if (x.vectors < p.rows * p.cblocks) return perr(err, cap, EC_ERR_RANGE, "ec_load_program: PRE region %u has %u vectors, the layout needs %u", g, x.vectors, p.rows * p.cblocks);
            p.pre_region = (int) g;
        }
        if (x.role == ROLE_POST) {
            if (x.vectors < p.cblocks) return perr(err, cap, EC_ERR_RANGE, "ec_load_program: POST region %u has %u vectors, the layout needs %u", g, x.vectors, p.cblocks);
            p.post_region = (int) g;
        }
        if (p.quiet_enabled && g == p.c_region && x.vectors < p.rows * p.cblocks)
            return perr(err, cap, EC_ERR_RANGE, "ec_load_program: C region %u has %u vectors, the layout needs %u", g, x.vectors, p.rows * p.cblocks);
        p.reg[g] = x;
    }
    (void) have_w;
    const uint32_t *code = rw + 4 * p.nregions;
    int32_t rc = decode(code, w[H_FAST_LEN], &p, &p.fast, &p.fast_len, "fast", err, cap);
    if (rc != EC_OK) return rc;
    rc = decode(code + w[H_FAST_LEN], w[H_SLOW_LEN], &p, &p.slow, &p.slow_len, "slow", err, cap);
    if (rc != EC_OK) {
        free(p.fast);
        return rc;
    }
    int32_t *pre = calloc((size_t) p.rows * p.cblocks * LANES, 4), *post = calloc((size_t) p.cblocks * LANES, 4);
    if (!pre || !post) {
        free(pre); free(post); free_program(&p);
        return perr(err, cap, EC_ERR_NOMEM, "ec_load_program: out of memory");
    }
    p.loaded = 1;
    free_program(&ppu->prog);
    free(ppu->pre_count);
    free(ppu->post_count);
    ppu->prog = p;
    ppu->pre_count = pre;
    ppu->post_count = post;
    ppu->any_count = 0;
    ppu->k = 0;
    ppu->next_boundary = 0;
    ppu->fresh = 0;
    ppu->reseed = 1;
    ppu->fast_runs = ppu->slow_runs = ppu->skipped = 0;
    return EC_OK;
}

/* ---- memory ---- */

static int32_t lane_get(const vc_ppu *p, const region *g, int64_t v, int k) {
    if (g->role == ROLE_W) {
        const program *q = &p->prog;
        int row = (int) (q->hemisphere * 256 + q->row_of[v / q->cblocks]);
        return p->weights[row][(v % q->cblocks) * LANES + k];
    }
    uint32_t word = p->mem[g->base + v * WORDS_PER_VECTOR + k / 2];
    return (int16_t) (uint16_t) (word >> (16 * (k & 1)));
}

static void lane_set(vc_ppu *p, const region *g, int64_t v, int k, int32_t x) {
    if (g->role == ROLE_W) {
        const program *q = &p->prog;
        int row = (int) (q->hemisphere * 256 + q->row_of[v / q->cblocks]);
        p->weights[row][(v % q->cblocks) * LANES + k] = (uint8_t) (x < 0 ? 0 : x > VC_WEIGHT_MAX ? VC_WEIGHT_MAX : x);
        return;
    }
    uint32_t *word = &p->mem[g->base + v * WORDS_PER_VECTOR + k / 2];
    int sh = 16 * (k & 1);
    *word = (*word & ~(0xFFFFu << sh)) | ((uint32_t) (uint16_t) x << sh);
}

/* ---- execution ---- */

static int32_t exec(vc_ppu *p, const instr *code, int64_t n, int depth, int64_t i, int64_t j) {
    for (int64_t pc = 0; pc < n; pc++) {
        const instr *in = &code[pc];
        if (in->op == OP_LOOP) {
            for (uint32_t k = 0; k < in->count; k++) {
                int32_t rc = depth == 0 ? exec(p, in + 1, in->body_len, 1, k, 0) : exec(p, in + 1, in->body_len, 2, i, k);
                if (rc != EC_OK) return rc;
            }
            pc += in->body_len;
            continue;
        }
        int64_t at = (int64_t) in->base + (int64_t) in->outer * i + (int64_t) in->inner * j;
        int32_t *d = p->r[in->r0];
        switch (in->op) {
            case OP_LOAD: case OP_STORE: {
                const region *g = &p->prog.reg[in->r1];
                if (at < 0 || at >= g->vectors)
                    return perr(p->err, p->errcap, EC_ERR_RANGE, "processor: region %u has no vector %lld (i %lld, j %lld)", in->r1,
                                (long long) at, (long long) i, (long long) j);
                if (in->op == OP_LOAD) for (int k = 0; k < LANES; k++) d[k] = lane_get(p, g, at, k);
                else for (int k = 0; k < LANES; k++) lane_set(p, g, at, k, d[k]);
                break;
            }
            case OP_SPLAT: for (int k = 0; k < LANES; k++) d[k] = in->value; break;
            case OP_BINARY: {
                const int32_t *a = p->r[in->r1], *b = p->r[in->r2];
                for (int k = 0; k < LANES; k++) d[k] = binary(in->sub, a[k], b[k]);
                break;
            }
            case OP_SELECT: {
                const int32_t *m = p->r[in->r1], *a = p->r[in->r2], *b = p->r[in->r3];
                for (int k = 0; k < LANES; k++) d[k] = m[k] != 0 ? a[k] : b[k];
                break;
            }
            case OP_SHR: {
                const int32_t *a = p->r[in->r1];
                for (int k = 0; k < LANES; k++) d[k] = shr(a[k], in->value);
                break;
            }
            case OP_SHRS: {
                const int32_t *a = p->r[in->r1], *r = p->r[in->r2];
                for (int k = 0; k < LANES; k++) {
                    if (r[k] < 0 || r[k] > 255)
                        return perr(p->err, p->errcap, EC_ERR_RANGE, "processor: stochastic shift with random lane %d = %d outside 0..255", k, r[k]);
                    d[k] = (a[k] + random_below(in->value, r[k])) >> in->value;
                }
                break;
            }
            case OP_DRAW: {
                int64_t base = at * LANES;
                if (base < 0 || base + LANES > p->prog.columns)
                    return perr(p->err, p->errcap, EC_ERR_RANGE, "processor: no column block %lld", (long long) at);
                for (int k = 0; k < LANES; k++) {
                    uint32_t s = p->lfsr[p->prog.first_column + base + k];
                    for (int c = 0; c < 8; c++) s = lfsr_clock(s);
                    p->lfsr[p->prog.first_column + base + k] = s;
                    d[k] = (int32_t) (s >> 8 & 0xFF);
                }
                break;
            }
            default: break;
        }
    }
    return EC_OK;
}

int32_t vc_ppu_begin(vc_ppu *p, uint32_t *memory, uint32_t *lfsr, uint8_t (*weights)[256], int64_t step, char *err, size_t cap) {
    p->mem = memory;
    p->lfsr = lfsr;
    p->weights = weights;
    p->err = err;
    p->errcap = cap;
    if (!p->prog.loaded) return EC_OK;
    if (p->prog.period % step != 0)
        return perr(err, cap, EC_ERR_RANGE, "ec_run: the processor's fast period of %lld cycles is not a multiple of the integration step of %lld",
                    (long long) p->prog.period, (long long) step);
    if (p->reseed) {
        for (uint32_t c = 0; c < p->prog.columns; c++) lfsr[p->prog.first_column + c] = lfsr_seed(p->prog.seed, p->prog.first_column + c);
        p->reseed = 0;
    }
    return EC_OK;
}

void vc_ppu_pre(vc_ppu *p, int row, int column) {
    const program *q = &p->prog;
    if (!q->loaded || row / 256 != (int) q->hemisphere || column >= (int) q->cblocks * LANES) return;
    int lr = q->layout_row[row % 256];
    if (lr < 0) return;
    p->pre_count[((int64_t) lr * q->cblocks + column / LANES) * LANES + column % LANES]++;
    p->any_count = 1;
}

void vc_ppu_spike(vc_ppu *p, int neuron) {
    const program *q = &p->prog;
    if (!q->loaded || neuron / 256 != (int) q->hemisphere || neuron % 256 >= (int) q->cblocks * LANES) return;
    p->post_count[neuron % 256]++;
    p->any_count = 1;
}

static int32_t decay(const program *q, int32_t c) {
    int32_t t = mul_frac(c, q->kc_k);
    if (q->kc_shift > 0) t = shr(t, (int) q->kc_shift);
    return sat16((int64_t) c - t);
}

static int quiet(const vc_ppu *p) {
    const program *q = &p->prog;
    const region *g = &q->reg[q->c_region];
    for (int64_t b = 0; b < (int64_t) q->rows * q->cblocks; b++)
        for (int k = 0; k < LANES; k++) {
            int32_t c = lane_get(p, g, b, k);
            if (c < 0 || decay(q, c) >= q->theta_d) return 0;
        }
    return 1;
}

static int skippable(const vc_ppu *p) {
    const program *q = &p->prog;
    int slow_due = p->k > 0 && p->k % q->ratio == 0;
    return q->quiet_enabled && p->fresh && !p->any_count && !slow_due && quiet(p);
}

static void skip(vc_ppu *p, int64_t n) {
    const program *q = &p->prog;
    const region *g = &q->reg[q->c_region];
    for (int64_t b = 0; b < (int64_t) q->rows * q->cblocks; b++)
        for (int k = 0; k < LANES; k++) {
            int32_t c = lane_get(p, g, b, k);
            for (int64_t i = 0; i < n; i++) {
                int32_t d = decay(q, c);
                if (d == c) break;
                c = d;
            }
            lane_set(p, g, b, k, c);
        }
    int64_t clocks = (int64_t) ((n % 65535) * (int64_t) q->rows % 65535) * q->draws % 65535 * 8;
    uint32_t jump[16];
    lfsr_jump_matrix(clocks, jump);
    for (uint32_t c = 0; c < q->cblocks * LANES; c++)
        p->lfsr[q->first_column + c] = mat_apply(jump, p->lfsr[q->first_column + c]);
    p->skipped += n;
}

/* Writes the last period's counts (clipped) where non-zero; true if any. */
static int write_counts(vc_ppu *p) {
    if (!p->any_count) return 0;
    const program *q = &p->prog;
    int64_t synapses = (int64_t) q->rows * q->cblocks * LANES;
    for (int64_t s = 0; s < synapses; s++) {
        if (p->pre_count[s] == 0) continue;
        if (q->pre_region >= 0) lane_set(p, &q->reg[q->pre_region], s / LANES, (int) (s % LANES), p->pre_count[s] < MAX_COUNT ? p->pre_count[s] : MAX_COUNT);
        p->pre_count[s] = 0;
    }
    for (uint32_t c = 0; c < q->cblocks * LANES; c++) {
        if (p->post_count[c] == 0) continue;
        if (q->post_region >= 0) lane_set(p, &q->reg[q->post_region], c / LANES, (int) (c % LANES), p->post_count[c] < MAX_COUNT ? p->post_count[c] : MAX_COUNT);
        p->post_count[c] = 0;
    }
    p->any_count = 0;
    return 1;
}

static void clear_counts(vc_ppu *p) {
    const program *q = &p->prog;
    if (q->pre_region >= 0)
        for (int64_t b = 0; b < (int64_t) q->rows * q->cblocks; b++) for (int k = 0; k < LANES; k++) lane_set(p, &q->reg[q->pre_region], b, k, 0);
    if (q->post_region >= 0)
        for (uint32_t b = 0; b < q->cblocks; b++) for (int k = 0; k < LANES; k++) lane_set(p, &q->reg[q->post_region], b, k, 0);
}

int32_t vc_ppu_advance(vc_ppu *p, int64_t t, char *err, size_t cap) {
    p->err = err;
    p->errcap = cap;
    const program *q = &p->prog;
    if (!q->loaded) return EC_OK;
    while (p->next_boundary <= t) {
        if (skippable(p)) {
            int64_t due = (p->k / q->ratio + 1) * q->ratio - p->k;      /* up to the next slow boundary */
            int64_t reach = (t - p->next_boundary) / q->period + 1;    /* boundaries up to t */
            int64_t n = due < reach ? due : reach;
            skip(p, n);
            p->k += n;
            p->next_boundary += n * q->period;
            continue;
        }
        if (p->k > 0 && p->k % q->ratio == 0) {
            int32_t rc = exec(p, q->slow, q->slow_len, 0, 0, 0);
            if (rc != EC_OK) return rc;
            p->slow_runs++;
            p->fresh = 0;
        }
        int spikes = write_counts(p);
        int32_t rc = exec(p, q->fast, q->fast_len, 0, 0, 0);
        if (rc != EC_OK) return rc;
        p->fast_runs++;
        p->fresh = 1;
        if (spikes) clear_counts(p);
        p->k++;
        p->next_boundary += q->period;
    }
    return EC_OK;
}

int64_t vc_ppu_next(const vc_ppu *p) {
    const program *q = &p->prog;
    if (!q->loaded) return INT64_MAX;
    if (!skippable(p)) return p->next_boundary;
    return p->next_boundary + ((p->k / q->ratio + 1) * q->ratio - p->k) * q->period;
}

int32_t vc_ppu_end(vc_ppu *p, int64_t duration, char *err, size_t cap) {
    (void) err;
    (void) cap;
    if (p->prog.loaded) p->next_boundary -= duration;
    return EC_OK;
}

void vc_ppu_stats(const vc_ppu *p, int64_t out[3]) {
    out[0] = p->fast_runs;
    out[1] = p->slow_runs;
    out[2] = p->skipped;
}
