/*
 * vc_model.h: the virtual BrainScaleS-2 chip's model, behind the ABI dispatch of engram_chip_virtual.c.
 * Arguments reaching these functions are non-NULL; ranges and lengths are checked here, against the
 * layout of engram_chip_virtual.h.
 */
#ifndef ENGRAM_VC_MODEL_H
#define ENGRAM_VC_MODEL_H

#include <stdint.h>

typedef struct vc_chip vc_chip;

int32_t vc_open(vc_chip **out);
int32_t vc_close(vc_chip *c);
const char *vc_error(const vc_chip *c);
/* Records the message (printf format) as the chip's last error and returns code. */
int32_t vc_fail(vc_chip *c, int32_t code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int32_t vc_write_config(vc_chip *c, int32_t block, const uint32_t *words, int64_t len);
int32_t vc_load_program(vc_chip *c, const uint32_t *words, int64_t len);
void vc_write_memory(vc_chip *c, int64_t address, const uint32_t *words, int64_t len);
void vc_read_memory(vc_chip *c, int64_t address, uint32_t *words, int64_t len);
/* Whether an event target (row * 64 + label | mode << VC_MODE_SHIFT) is valid. */
int vc_valid_target(uint32_t target);
int32_t vc_run(vc_chip *c, const int64_t *times, const int32_t *targets, int64_t events, int64_t duration);
int32_t vc_read_spikes(vc_chip *c, int64_t *times, int32_t *sources, int64_t cap, int64_t *count);
int32_t vc_read_samples(vc_chip *c, int32_t *values, int64_t cap, int64_t *count);

#endif
