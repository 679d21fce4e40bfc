/*
 * engram_chip_virtual.h: the configuration format of the virtual BrainScaleS-2 chip ("virtual:") served
 * by libengram_chip_virtual.so behind engram_chip.h. Only the layout constants live here; the calls are
 * those of engram_chip.h. docs/brainscales.md, "The virtual chip", describes the model.
 *
 * Time is counted in ticks of one 8 ns FPGA cycle. Voltages are in the chip's analog units, which the
 * adapter sets equal to biological mV (the CADC maps a configured window onto 8 bits).
 *
 * Configuration blocks (ec_write_config), VC_BLOCK_WORDS 32-bit words each; "f" = IEEE-754 float32 bits:
 *   block 0 (global): [0] integration step in cycles (1..1024, default 8) [1] chip seed low [2] chip seed
 *     high [3] f fixed-pattern spread (relative, 0..0.5, default 0.03) [4] f trial-to-trial threshold
 *     noise sd (mV, default 0.1) [5] CADC sample period in cycles (0: no samples) [6] f CADC window low (mV)
 *     [7] f CADC window high (mV) [8] flags: bit 0 apply the calibration trims in memory
 *   blocks 1 + n, n in [0, 512) (neuron circuit n; hemisphere n / 256, column n % 256):
 *     [0] enabled 0/1 [1] f tau_mem (cycles) [2] f tau_syn (cycles) [3] f v_leak [4] f v_threshold
 *     [5] f v_reset [6] refractory (cycles) [7] f excitatory mV per weight level [8] f inhibitory mV per
 *     weight level [9] sampled by the CADC 0/1 [10] route count k (<= VC_MAX_ROUTES)
 *     [11 + 2i] route i: the event target the spike is sent to (below), [12 + 2i] its delay in cycles (0: on-chip,
 *     delivered at the next step; > 0: through the FPGA loopback)
 *   blocks 513 + r, r in [0, 512) (synapse row r; hemisphere r / 256): [0] sign (0 excitatory, 1
 *     inhibitory) [1 + c] synapse at column c: weight (6 bits) | label << 8 (6 bits)
 * Memory (ec_read_memory / ec_write_memory), 32-bit words:
 *   [VC_MEM_TRIMS, + 4 x 512): calibration trims per neuron, f: threshold offset (mV), leak offset (mV),
 *     reset offset (mV), tau_mem factor; applied when global flag bit 0 is set
 *   [VC_MEM_PPU, + VC_PPU_WORDS): the plasticity processor's memory, two 16-bit lanes per word (lane 2k in
 *     the low half), a 64-lane vector in 32 words
 *   [VC_MEM_LFSR, + 512): the state of the per-column 16-bit random generators (column = hemisphere x 256 +
 *     column), seeded when a program is loaded
 * Event targets (ec_run inputs and neuron routes) are row * 64 + label | mode << 15: mode 0 the event
 * drives the synapses and the processor's presynaptic counters, 1 only the synapses, 2 only the counters
 * (the FPGA sends a copy after the calcium delay of the plasticity rule). Samples (ec_read_samples): at every multiple of the
 * sample period within a run, one 8-bit code per sampled neuron, in neuron order.
 */
#ifndef ENGRAM_CHIP_VIRTUAL_H
#define ENGRAM_CHIP_VIRTUAL_H

#define VC_NEURONS 512
#define VC_COLUMNS 256
#define VC_ROWS 512
#define VC_LABELS 64
#define VC_WEIGHT_MAX 63
#define VC_BLOCK_WORDS 257
#define VC_BLOCK_GLOBAL 0
#define VC_BLOCK_NEURON 1
#define VC_BLOCK_ROW (1 + VC_NEURONS)
#define VC_BLOCKS (1 + VC_NEURONS + VC_ROWS)
#define VC_MAX_ROUTES 120
#define VC_MODE_SHIFT 15
#define VC_ADDRESS_MASK 0x7FFF
#define VC_MODE_BOTH 0
#define VC_MODE_CURRENT 1
#define VC_MODE_COUNT 2
#define VC_MEM_TRIMS 0
#define VC_TRIM_FIELDS 4
#define VC_MEM_PPU 4096
#define VC_PPU_WORDS 65536
#define VC_MEM_LFSR (VC_MEM_PPU + VC_PPU_WORDS)
#define VC_MEMORY_WORDS (VC_MEM_LFSR + VC_NEURONS)
#define VC_MAX_EVENTS (1 << 24)
#define VC_PROGRAM_WORDS 4096

#endif
