/*
 * vc_ppu.h: the virtual chip's plasticity processor (one per chip in this model, serving one hemisphere):
 * an interpreter of the program container loaded by ec_load_program, bit-exact with the Java reference
 * interpreter (org.engram.brainscales.ppu.PpuMachine) and driven period by period like
 * org.engram.brainscales.ppu.PlasticityDriver. The container format (words of 32 bits) is documented in
 * engram_chip_virtual.h and docs/brainscales.md, "Program encoding".
 */
#ifndef ENGRAM_VC_PPU_H
#define ENGRAM_VC_PPU_H

#include <stddef.h>
#include <stdint.h>

typedef struct vc_ppu vc_ppu;

vc_ppu *vc_ppu_new(void);
void vc_ppu_free(vc_ppu *p);
/* Decodes and checks a container; on failure writes a message to err and keeps the previous program. */
int32_t vc_ppu_load(vc_ppu *p, const uint32_t *words, int64_t len, char *err, size_t cap);
/* Starts a run: the processor works on memory (VC_PPU_WORDS words, 2 lanes per word), its generators
 * live in lfsr (VC_NEURONS words), its W region in weights[row][column] (VC_ROWS x VC_COLUMNS). */
int32_t vc_ppu_begin(vc_ppu *p, uint32_t *memory, uint32_t *lfsr, uint8_t (*weights)[256], int64_t step, char *err, size_t cap);
/* A presynaptic event reached synapse (row, column of the hemisphere); a neuron circuit spiked. */
void vc_ppu_pre(vc_ppu *p, int row, int column);
void vc_ppu_spike(vc_ppu *p, int neuron);
/* Runs every period boundary at or before run time t (cycles since the run began). */
int32_t vc_ppu_advance(vc_ppu *p, int64_t t, char *err, size_t cap);
/* The next run time at which the processor must work (INT64_MAX: none); quiet periods are skipped exactly. */
int64_t vc_ppu_next(const vc_ppu *p);
/* Ends a run of `duration` cycles (the phase carries into the next run). */
int32_t vc_ppu_end(vc_ppu *p, int64_t duration, char *err, size_t cap);
/* Fast and slow program runs and quiet periods skipped, since the program was loaded. */
void vc_ppu_stats(const vc_ppu *p, int64_t out[3]);

#endif
