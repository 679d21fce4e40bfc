/*
 * engram_chip.h: the chip driver ABI. backend-brainscales reaches a chip through these functions; a lab
 * implements them over its own hardware connection (USB, Ethernet, FPGA host link) in a shared library,
 * and Engram loads that library instead of the built-in one (docs/native.md, "The chip driver ABI").
 *
 * Contract in brief: every call returns EC_OK (0) or a negative EC_ERR_* code and never crashes on bad
 * arguments (NULL pointers and lengths are checked); a device is an opaque handle from ec_open, used by
 * one thread at a time and released by ec_close; ec_query fills a versioned ec_info (struct_size first).
 * The built-in library serves "loopback:" (a test device that echoes: see docs/native.md).
 */
#ifndef ENGRAM_CHIP_H
#define ENGRAM_CHIP_H

#include <stdint.h>

#if defined(ENGRAM_BUILD)
#define EC_API __attribute__((visibility("default")))
#else
#define EC_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define EC_ABI_VERSION 1

#define EC_OK 0
#define EC_ERR_NULL (-1)        /* a required pointer is NULL */
#define EC_ERR_LENGTH (-2)      /* a length is out of what the device accepts */
#define EC_ERR_RANGE (-3)       /* an address, block, time or field is out of range */
#define EC_ERR_STATE (-4)       /* call out of order (e.g. read before run, use after a failure) */
#define EC_ERR_NOMEM (-5)
#define EC_ERR_NO_DEVICE (-7)   /* ec_open: no device answers at this URI */
#define EC_ERR_VERSION (-8)     /* the caller's ec_info is older/smaller than the fields it needs */
#define EC_ERR_IO (-9)          /* the hardware link failed */
#define EC_ERR_TIMEOUT (-10)    /* the run did not complete in time */

/* capability bits of ec_info.capabilities */
#define EC_CAP_CONFIG 1u        /* ec_write_config */
#define EC_CAP_PLASTICITY 2u    /* ec_load_program (an on-chip plasticity processor) */
#define EC_CAP_EVENTS 4u        /* ec_run with timed input events, ec_read_spikes */
#define EC_CAP_SAMPLES 8u       /* ec_read_samples (e.g. membrane ADC) */
#define EC_CAP_MEMORY 16u       /* ec_read_memory / ec_write_memory */
#define EC_CAP_LOOPBACK 32u     /* a test device: echoes, no physics */

typedef struct ec_device ec_device;

/* Versioned: the caller sets struct_size = sizeof(ec_info) as it was compiled; the driver writes no
 * byte past it, and sets struct_size to the size it filled. Fields are only ever appended. */
typedef struct ec_info {
    uint32_t struct_size;
    uint32_t abi_version;
    uint64_t capabilities;
    uint32_t neurons;            /* addressable neuron circuits (event targets and sources) */
    uint32_t config_blocks;      /* configuration blocks */
    uint64_t memory_words;       /* 32-bit words reachable by ec_read_memory / ec_write_memory */
    uint32_t config_block_words; /* words per configuration block */
    uint32_t max_program_words;  /* plasticity program size limit */
    uint32_t max_events;         /* input events per run */
    uint32_t tick_ns;            /* length of one time tick of ec_run, in ns of wall-clock chip time */
    char name[64];               /* NUL-terminated */
} ec_info;

EC_API int32_t ec_abi_version(void);
EC_API const char *ec_strerror(int32_t code);
EC_API int32_t ec_open(const char *uri, ec_device **out);
EC_API int32_t ec_query(ec_device *dev, ec_info *info);
/* Copies the device's last error message (NUL-terminated, truncated to cap); returns its full length. */
EC_API int32_t ec_last_error(const ec_device *dev, uint8_t *buf, int64_t cap);
EC_API int32_t ec_write_config(ec_device *dev, int32_t block, const uint32_t *words, int64_t len);
EC_API int32_t ec_load_program(ec_device *dev, const uint32_t *words, int64_t len);
EC_API int32_t ec_write_memory(ec_device *dev, int64_t address, const uint32_t *words, int64_t len);
EC_API int32_t ec_read_memory(ec_device *dev, int64_t address, uint32_t *words, int64_t len);
/* Runs a timed event program: input events (time in ticks, non-decreasing; target neuron) for
 * `duration` ticks. Output spikes and samples are kept until the next run. */
EC_API int32_t ec_run(ec_device *dev, const int64_t *times, const int32_t *targets, int64_t events, int64_t duration);
/* Copies up to cap of the last run's output spikes (time in ticks, source neuron), in time order, that
 * were not read yet; *count receives how many were copied (0: all read). ec_read_samples likewise. */
EC_API int32_t ec_read_spikes(ec_device *dev, int64_t *times, int32_t *sources, int64_t cap, int64_t *count);
EC_API int32_t ec_read_samples(ec_device *dev, int32_t *values, int64_t cap, int64_t *count);
EC_API int32_t ec_close(ec_device *dev);

#ifdef __cplusplus
}
#endif
#endif
