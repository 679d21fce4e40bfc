/*
 * The loopback device behind engram_chip.h ("loopback:"): a test implementation with no physics, so the
 * Java side can exercise the whole binding. It echoes:
 *   - configuration block b, word i is memory word b * 64 + i (ec_read_memory reads it back);
 *   - ec_run sends every input event (t, n) back as an output spike (t + delay, n), where delay is
 *     memory word 0 (ticks); echoes at or after `duration` are dropped;
 *   - samples: one per program word i: program[i] + the number of input events to neuron i % 256;
 *   - memory word 4095 counts completed runs.
 */
/* Compiled into libengram_chip_virtual.so too, with every ABI name prefixed by lb_ (the virtual
 * library's ec_* calls dispatch "loopback:" devices here): see engram_chip_virtual.c. */
#ifdef EC_LOOPBACK_PREFIX
#define ec_device lb_device
#define ec_abi_version lb_ec_abi_version
#define ec_strerror lb_ec_strerror
#define ec_open lb_ec_open
#define ec_query lb_ec_query
#define ec_last_error lb_ec_last_error
#define ec_write_config lb_ec_write_config
#define ec_load_program lb_ec_load_program
#define ec_write_memory lb_ec_write_memory
#define ec_read_memory lb_ec_read_memory
#define ec_run lb_ec_run
#define ec_read_spikes lb_ec_read_spikes
#define ec_read_samples lb_ec_read_samples
#define ec_close lb_ec_close
#endif
#include "engram_chip.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LB_NEURONS 256
#define LB_BLOCKS 16
#define LB_BLOCK_WORDS 64
#define LB_MEMORY 4096
#define LB_PROGRAM 1024
#define LB_EVENTS (1 << 20)

struct ec_device {
    char error[256];
    uint32_t memory[LB_MEMORY];
    uint32_t program[LB_PROGRAM];
    int64_t program_len;
    int ran;
    int64_t *out_times;
    int32_t *out_sources;
    int64_t out_len, out_read;
    int32_t *samples;
    int64_t samples_len, samples_read;
};

static int32_t fail(ec_device *d, int32_t code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->error, sizeof d->error, fmt, ap);
    va_end(ap);
    return code;
}

int32_t ec_abi_version(void) { return EC_ABI_VERSION; }

const char *ec_strerror(int32_t code) {
    switch (code) {
        case EC_OK: return "ok";
        case EC_ERR_NULL: return "null pointer";
        case EC_ERR_LENGTH: return "wrong length";
        case EC_ERR_RANGE: return "value out of range";
        case EC_ERR_STATE: return "call out of order";
        case EC_ERR_NOMEM: return "out of memory";
        case EC_ERR_NO_DEVICE: return "no such device";
        case EC_ERR_VERSION: return "incompatible structure version";
        case EC_ERR_IO: return "hardware link failed";
        case EC_ERR_TIMEOUT: return "timeout";
        default: return "unknown error code";
    }
}

int32_t ec_open(const char *uri, ec_device **out) {
    if (!uri || !out) return EC_ERR_NULL;
    *out = NULL;
    if (strncmp(uri, "loopback:", 9) != 0) return EC_ERR_NO_DEVICE;
    ec_device *d = calloc(1, sizeof *d);
    if (!d) return EC_ERR_NOMEM;
    *out = d;
    return EC_OK;
}

int32_t ec_last_error(const ec_device *d, uint8_t *buf, int64_t cap) {
    if (!d) return EC_ERR_NULL;
    int32_t len = (int32_t) strlen(d->error);
    if (buf && cap > 0) {
        int64_t n = len < cap - 1 ? len : cap - 1;
        memcpy(buf, d->error, (size_t) n);
        buf[n] = 0;
    }
    return len;
}

int32_t ec_query(ec_device *d, ec_info *info) {
    if (!d || !info) return EC_ERR_NULL;
    if (info->struct_size < 2 * sizeof(uint32_t))
        return fail(d, EC_ERR_VERSION, "ec_query: struct_size %u is below the 8-byte header", info->struct_size);
    ec_info full;
    memset(&full, 0, sizeof full);
    full.struct_size = info->struct_size < sizeof full ? info->struct_size : (uint32_t) sizeof full;
    full.abi_version = EC_ABI_VERSION;
    full.capabilities = EC_CAP_CONFIG | EC_CAP_PLASTICITY | EC_CAP_EVENTS | EC_CAP_SAMPLES | EC_CAP_MEMORY | EC_CAP_LOOPBACK;
    full.neurons = LB_NEURONS;
    full.config_blocks = LB_BLOCKS;
    full.memory_words = LB_MEMORY;
    full.config_block_words = LB_BLOCK_WORDS;
    full.max_program_words = LB_PROGRAM;
    full.max_events = LB_EVENTS;
    full.tick_ns = 1000;
    snprintf(full.name, sizeof full.name, "engram loopback");
    memcpy(info, &full, full.struct_size);
    return EC_OK;
}

int32_t ec_write_config(ec_device *d, int32_t block, const uint32_t *words, int64_t len) {
    if (!d) return EC_ERR_NULL;
    if (!words) return fail(d, EC_ERR_NULL, "ec_write_config: words is NULL");
    if (block < 0 || block >= LB_BLOCKS) return fail(d, EC_ERR_RANGE, "ec_write_config: block %d outside [0, %d)", block, LB_BLOCKS);
    if (len < 1 || len > LB_BLOCK_WORDS) return fail(d, EC_ERR_LENGTH, "ec_write_config: %lld words, a block holds 1 to %d", (long long) len, LB_BLOCK_WORDS);
    memcpy(d->memory + (int64_t) block * LB_BLOCK_WORDS, words, (size_t) len * 4);
    return EC_OK;
}

int32_t ec_load_program(ec_device *d, const uint32_t *words, int64_t len) {
    if (!d) return EC_ERR_NULL;
    if (!words) return fail(d, EC_ERR_NULL, "ec_load_program: words is NULL");
    if (len < 1 || len > LB_PROGRAM) return fail(d, EC_ERR_LENGTH, "ec_load_program: %lld words, the program memory holds 1 to %d", (long long) len, LB_PROGRAM);
    memcpy(d->program, words, (size_t) len * 4);
    d->program_len = len;
    return EC_OK;
}

static int32_t check_span(ec_device *d, const char *fn, int64_t address, int64_t len) {
    if (len < 0 || len > LB_MEMORY) return fail(d, EC_ERR_LENGTH, "%s: length %lld outside [0, %d]", fn, (long long) len, LB_MEMORY);
    if (address < 0 || address > LB_MEMORY - len)
        return fail(d, EC_ERR_RANGE, "%s: words [%lld, %lld) outside memory [0, %d)", fn, (long long) address, (long long) (address + len), LB_MEMORY);
    return EC_OK;
}

int32_t ec_write_memory(ec_device *d, int64_t address, const uint32_t *words, int64_t len) {
    if (!d) return EC_ERR_NULL;
    if (!words && len > 0) return fail(d, EC_ERR_NULL, "ec_write_memory: words is NULL");
    int32_t rc = check_span(d, "ec_write_memory", address, len);
    if (rc != EC_OK) return rc;
    if (len > 0) memcpy(d->memory + address, words, (size_t) len * 4);
    return EC_OK;
}

int32_t ec_read_memory(ec_device *d, int64_t address, uint32_t *words, int64_t len) {
    if (!d) return EC_ERR_NULL;
    if (!words && len > 0) return fail(d, EC_ERR_NULL, "ec_read_memory: words is NULL");
    int32_t rc = check_span(d, "ec_read_memory", address, len);
    if (rc != EC_OK) return rc;
    if (len > 0) memcpy(words, d->memory + address, (size_t) len * 4);
    return EC_OK;
}

int32_t ec_run(ec_device *d, const int64_t *times, const int32_t *targets, int64_t events, int64_t duration) {
    if (!d) return EC_ERR_NULL;
    if (events > 0 && (!times || !targets)) return fail(d, EC_ERR_NULL, "ec_run: times or targets is NULL");
    if (events < 0 || events > LB_EVENTS) return fail(d, EC_ERR_LENGTH, "ec_run: %lld events, at most %d", (long long) events, LB_EVENTS);
    if (duration < 0) return fail(d, EC_ERR_RANGE, "ec_run: negative duration %lld", (long long) duration);
    for (int64_t i = 0; i < events; i++) {
        if (times[i] < 0 || times[i] >= duration)
            return fail(d, EC_ERR_RANGE, "ec_run: event %lld at tick %lld outside [0, %lld)", (long long) i, (long long) times[i], (long long) duration);
        if (i > 0 && times[i] < times[i - 1])
            return fail(d, EC_ERR_RANGE, "ec_run: event %lld at tick %lld is earlier than the one before", (long long) i, (long long) times[i]);
        if (targets[i] < 0 || targets[i] >= LB_NEURONS)
            return fail(d, EC_ERR_RANGE, "ec_run: event %lld targets neuron %d outside [0, %d)", (long long) i, targets[i], LB_NEURONS);
    }
    free(d->out_times); free(d->out_sources); free(d->samples);
    d->out_times = NULL; d->out_sources = NULL; d->samples = NULL;
    d->out_len = d->out_read = d->samples_len = d->samples_read = 0;
    d->ran = 0;
    int64_t delay = d->memory[0];
    d->out_times = malloc((size_t) (events > 0 ? events : 1) * 8);
    d->out_sources = malloc((size_t) (events > 0 ? events : 1) * 4);
    d->samples = calloc((size_t) (d->program_len > 0 ? d->program_len : 1), 4);
    if (!d->out_times || !d->out_sources || !d->samples) return fail(d, EC_ERR_NOMEM, "ec_run: out of memory");
    int64_t counts[LB_NEURONS] = {0};
    for (int64_t i = 0; i < events; i++) {
        counts[targets[i]]++;
        if (times[i] + delay < duration) {
            d->out_times[d->out_len] = times[i] + delay;
            d->out_sources[d->out_len] = targets[i];
            d->out_len++;
        }
    }
    for (int64_t i = 0; i < d->program_len; i++) d->samples[i] = (int32_t) (d->program[i] + (uint32_t) counts[i % LB_NEURONS]);
    d->samples_len = d->program_len;
    d->memory[LB_MEMORY - 1]++;
    d->ran = 1;
    return EC_OK;
}

int32_t ec_read_spikes(ec_device *d, int64_t *times, int32_t *sources, int64_t cap, int64_t *count) {
    if (!d) return EC_ERR_NULL;
    if (!times || !sources || !count) return fail(d, EC_ERR_NULL, "ec_read_spikes: times, sources or count is NULL");
    *count = 0;
    if (cap < 0) return fail(d, EC_ERR_LENGTH, "ec_read_spikes: negative capacity %lld", (long long) cap);
    if (!d->ran) return fail(d, EC_ERR_STATE, "ec_read_spikes: no completed run");
    int64_t n = d->out_len - d->out_read < cap ? d->out_len - d->out_read : cap;
    memcpy(times, d->out_times + d->out_read, (size_t) n * 8);
    memcpy(sources, d->out_sources + d->out_read, (size_t) n * 4);
    d->out_read += n;
    *count = n;
    return EC_OK;
}

int32_t ec_read_samples(ec_device *d, int32_t *values, int64_t cap, int64_t *count) {
    if (!d) return EC_ERR_NULL;
    if (!values || !count) return fail(d, EC_ERR_NULL, "ec_read_samples: values or count is NULL");
    *count = 0;
    if (cap < 0) return fail(d, EC_ERR_LENGTH, "ec_read_samples: negative capacity %lld", (long long) cap);
    if (!d->ran) return fail(d, EC_ERR_STATE, "ec_read_samples: no completed run");
    int64_t n = d->samples_len - d->samples_read < cap ? d->samples_len - d->samples_read : cap;
    memcpy(values, d->samples + d->samples_read, (size_t) n * 4);
    d->samples_read += n;
    *count = n;
    return EC_OK;
}

int32_t ec_close(ec_device *d) {
    if (!d) return EC_ERR_NULL;
    free(d->out_times); free(d->out_sources); free(d->samples);
    free(d);
    return EC_OK;
}
