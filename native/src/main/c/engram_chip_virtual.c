/*
 * The virtual BrainScaleS-2 chip behind engram_chip.h ("virtual:"), and the dispatch of this library's
 * ec_* calls: "loopback:" devices go to the loopback device (compiled in with lb_ names), "virtual:"
 * devices to vc_chip. Configuration format: engram_chip_virtual.h. Model: docs/brainscales.md, "The
 * virtual chip". Neuron dynamics: vc_neurons.c; plasticity processors: vc_ppu.c.
 */
#include "engram_chip.h"
#include "engram_chip_virtual.h"
#include "vc_model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct lb_device lb_device;
int32_t lb_ec_open(const char *uri, lb_device **out);
int32_t lb_ec_query(lb_device *dev, ec_info *info);
int32_t lb_ec_last_error(const lb_device *dev, uint8_t *buf, int64_t cap);
int32_t lb_ec_write_config(lb_device *dev, int32_t block, const uint32_t *words, int64_t len);
int32_t lb_ec_load_program(lb_device *dev, const uint32_t *words, int64_t len);
int32_t lb_ec_write_memory(lb_device *dev, int64_t address, const uint32_t *words, int64_t len);
int32_t lb_ec_read_memory(lb_device *dev, int64_t address, uint32_t *words, int64_t len);
int32_t lb_ec_run(lb_device *dev, const int64_t *times, const int32_t *targets, int64_t events, int64_t duration);
int32_t lb_ec_read_spikes(lb_device *dev, int64_t *times, int32_t *sources, int64_t cap, int64_t *count);
int32_t lb_ec_read_samples(lb_device *dev, int32_t *values, int64_t cap, int64_t *count);
int32_t lb_ec_close(lb_device *dev);
const char *lb_ec_strerror(int32_t code);

struct ec_device {
    lb_device *loopback;   /* exactly one of the two is set */
    vc_chip *chip;
};

int32_t ec_abi_version(void) { return EC_ABI_VERSION; }

const char *ec_strerror(int32_t code) { return lb_ec_strerror(code); }

int32_t ec_open(const char *uri, ec_device **out) {
    if (!uri || !out) return EC_ERR_NULL;
    *out = NULL;
    ec_device *d = calloc(1, sizeof *d);
    if (!d) return EC_ERR_NOMEM;
    int32_t rc;
    if (strncmp(uri, "loopback:", 9) == 0) rc = lb_ec_open(uri, &d->loopback);
    else if (strncmp(uri, "virtual:", 8) == 0) rc = vc_open(&d->chip);
    else rc = EC_ERR_NO_DEVICE;
    if (rc != EC_OK) {
        free(d);
        return rc;
    }
    *out = d;
    return EC_OK;
}

int32_t ec_last_error(const ec_device *d, uint8_t *buf, int64_t cap) {
    if (!d) return EC_ERR_NULL;
    if (d->loopback) return lb_ec_last_error(d->loopback, buf, cap);
    const char *e = vc_error(d->chip);
    int32_t len = (int32_t) strlen(e);
    if (buf && cap > 0) {
        int64_t n = len < cap - 1 ? len : cap - 1;
        memcpy(buf, e, (size_t) n);
        buf[n] = 0;
    }
    return len;
}

int32_t ec_query(ec_device *d, ec_info *info) {
    if (!d || !info) return EC_ERR_NULL;
    if (d->loopback) return lb_ec_query(d->loopback, info);
    if (info->struct_size < 2 * sizeof(uint32_t))
        return vc_fail(d->chip, EC_ERR_VERSION, "ec_query: struct_size %u is below the 8-byte header", info->struct_size);
    ec_info full;
    memset(&full, 0, sizeof full);
    full.struct_size = info->struct_size < sizeof full ? info->struct_size : (uint32_t) sizeof full;
    full.abi_version = EC_ABI_VERSION;
    full.capabilities = EC_CAP_CONFIG | EC_CAP_PLASTICITY | EC_CAP_EVENTS | EC_CAP_SAMPLES | EC_CAP_MEMORY;
    full.neurons = VC_NEURONS;
    full.config_blocks = VC_BLOCKS;
    full.memory_words = VC_MEMORY_WORDS;
    full.config_block_words = VC_BLOCK_WORDS;
    full.max_program_words = VC_PROGRAM_WORDS;
    full.max_events = VC_MAX_EVENTS;
    full.tick_ns = 8;
    snprintf(full.name, sizeof full.name, "engram virtual BrainScaleS-2");
    memcpy(info, &full, full.struct_size);
    return EC_OK;
}

int32_t ec_write_config(ec_device *d, int32_t block, const uint32_t *words, int64_t len) {
    if (!d) return EC_ERR_NULL;
    if (d->loopback) return lb_ec_write_config(d->loopback, block, words, len);
    if (!words) return vc_fail(d->chip, EC_ERR_NULL, "ec_write_config: words is NULL");
    return vc_write_config(d->chip, block, words, len);
}

int32_t ec_load_program(ec_device *d, const uint32_t *words, int64_t len) {
    if (!d) return EC_ERR_NULL;
    if (d->loopback) return lb_ec_load_program(d->loopback, words, len);
    if (!words) return vc_fail(d->chip, EC_ERR_NULL, "ec_load_program: words is NULL");
    return vc_load_program(d->chip, words, len);
}

static int32_t span(vc_chip *c, const char *fn, int64_t address, int64_t len) {
    if (len < 0 || len > VC_MEMORY_WORDS)
        return vc_fail(c, EC_ERR_LENGTH, "%s: length %lld outside [0, %d]", fn, (long long) len, VC_MEMORY_WORDS);
    if (address < 0 || address > VC_MEMORY_WORDS - len)
        return vc_fail(c, EC_ERR_RANGE, "%s: words [%lld, %lld) outside memory [0, %d)", fn, (long long) address,
                       (long long) (address + len), VC_MEMORY_WORDS);
    return EC_OK;
}

int32_t ec_write_memory(ec_device *d, int64_t address, const uint32_t *words, int64_t len) {
    if (!d) return EC_ERR_NULL;
    if (d->loopback) return lb_ec_write_memory(d->loopback, address, words, len);
    if (!words && len > 0) return vc_fail(d->chip, EC_ERR_NULL, "ec_write_memory: words is NULL");
    int32_t rc = span(d->chip, "ec_write_memory", address, len);
    if (rc != EC_OK) return rc;
    vc_write_memory(d->chip, address, words, len);
    return EC_OK;
}

int32_t ec_read_memory(ec_device *d, int64_t address, uint32_t *words, int64_t len) {
    if (!d) return EC_ERR_NULL;
    if (d->loopback) return lb_ec_read_memory(d->loopback, address, words, len);
    if (!words && len > 0) return vc_fail(d->chip, EC_ERR_NULL, "ec_read_memory: words is NULL");
    int32_t rc = span(d->chip, "ec_read_memory", address, len);
    if (rc != EC_OK) return rc;
    vc_read_memory(d->chip, address, words, len);
    return EC_OK;
}

int32_t ec_run(ec_device *d, const int64_t *times, const int32_t *targets, int64_t events, int64_t duration) {
    if (!d) return EC_ERR_NULL;
    if (d->loopback) return lb_ec_run(d->loopback, times, targets, events, duration);
    vc_chip *c = d->chip;
    if (events > 0 && (!times || !targets)) return vc_fail(c, EC_ERR_NULL, "ec_run: times or targets is NULL");
    if (events < 0 || events > VC_MAX_EVENTS)
        return vc_fail(c, EC_ERR_LENGTH, "ec_run: %lld events, at most %d", (long long) events, VC_MAX_EVENTS);
    if (duration < 0 || duration > ((int64_t) 1 << 32))
        return vc_fail(c, EC_ERR_RANGE, "ec_run: duration %lld cycles outside [0, 2^32]", (long long) duration);
    for (int64_t i = 0; i < events; i++) {
        if (times[i] < 0 || times[i] >= duration)
            return vc_fail(c, EC_ERR_RANGE, "ec_run: event %lld at cycle %lld outside [0, %lld)", (long long) i,
                           (long long) times[i], (long long) duration);
        if (i > 0 && times[i] < times[i - 1])
            return vc_fail(c, EC_ERR_RANGE, "ec_run: event %lld at cycle %lld is earlier than the one before", (long long) i,
                           (long long) times[i]);
        if (targets[i] < 0 || !vc_valid_target((uint32_t) targets[i]))
            return vc_fail(c, EC_ERR_RANGE, "ec_run: event %lld target 0x%x is not row * 64 + label (< %d) | mode (0..2) << %d",
                           (long long) i, (uint32_t) targets[i], VC_ROWS * VC_LABELS, VC_MODE_SHIFT);
    }
    return vc_run(c, times, targets, events, duration);
}

int32_t ec_read_spikes(ec_device *d, int64_t *times, int32_t *sources, int64_t cap, int64_t *count) {
    if (!d) return EC_ERR_NULL;
    if (d->loopback) return lb_ec_read_spikes(d->loopback, times, sources, cap, count);
    if (!times || !sources || !count) return vc_fail(d->chip, EC_ERR_NULL, "ec_read_spikes: times, sources or count is NULL");
    *count = 0;
    if (cap < 0) return vc_fail(d->chip, EC_ERR_LENGTH, "ec_read_spikes: negative capacity %lld", (long long) cap);
    return vc_read_spikes(d->chip, times, sources, cap, count);
}

int32_t ec_read_samples(ec_device *d, int32_t *values, int64_t cap, int64_t *count) {
    if (!d) return EC_ERR_NULL;
    if (d->loopback) return lb_ec_read_samples(d->loopback, values, cap, count);
    if (!values || !count) return vc_fail(d->chip, EC_ERR_NULL, "ec_read_samples: values or count is NULL");
    *count = 0;
    if (cap < 0) return vc_fail(d->chip, EC_ERR_LENGTH, "ec_read_samples: negative capacity %lld", (long long) cap);
    return vc_read_samples(d->chip, values, cap, count);
}

int32_t ec_close(ec_device *d) {
    if (!d) return EC_ERR_NULL;
    int32_t rc = d->loopback ? lb_ec_close(d->loopback) : vc_close(d->chip);
    free(d);
    return rc;
}
