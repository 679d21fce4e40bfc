package org.engram.brainscales.ppu;

/**
 * A named array of 128-byte vectors (64 x 16-bit lanes) and where it lives: the processor's SRAM, the
 * external memory behind the FPGA, or the synapse array itself (weights, written through the vector
 * unit's synapse port).
 */
public record Region(String name, int vectors, Memory memory) {
    public static final int VECTOR_BYTES = 128;

    public enum Memory { SRAM, EXTERNAL, SYNAPSE_ARRAY }

    public Region {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("region needs a name");
        if (vectors <= 0) throw new IllegalArgumentException("region " + name + " needs at least one vector");
    }

    public long bytes() {
        return (long) vectors * VECTOR_BYTES;
    }
}
