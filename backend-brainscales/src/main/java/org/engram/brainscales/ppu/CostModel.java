package org.engram.brainscales.ppu;

/**
 * Cycles per instruction of a plasticity processor and its memories. The clock (250 MHz) and the SRAM size
 * (16 KiB) are the chip's; the per-instruction cycles and the external-memory cost are not public and are
 * assumptions, stated in {@link #ASSUMED}:
 * <ul>
 *   <li>vector ALU operation (add, subtract, min/max, compare, select, shift, splat): 1 cycle; multiply: 2;
 *       random draw: 1 (the generators are hardware, all lanes at once);</li>
 *   <li>vector load/store from SRAM: 8 cycles (128 bytes over a 16-byte port); to/from the synapse array: 8;</li>
 *   <li>external memory (FPGA memory over the chip link): 40 cycles latency + 0.5 cycles per byte, i.e.
 *       104 cycles per 128-byte vector;</li>
 *   <li>loop iteration: 2 cycles (counter and branch); 4 KiB of the SRAM reserved for code and stack.</li>
 * </ul>
 */
public record CostModel(double clockHz, int aluCycles, int multiplyCycles, int drawCycles, int sramVectorCycles,
                        int synapseArrayVectorCycles, int externalLatencyCycles, double externalCyclesPerByte,
                        int loopIterationCycles, int sramBytes, int reservedSramBytes) {
    public static final CostModel ASSUMED = new CostModel(250e6, 1, 2, 1, 8, 8, 40, 0.5, 2, 16 * 1024, 4 * 1024);

    public CostModel {
        if (!(clockHz > 0)) throw new IllegalArgumentException("clock must be > 0");
        if (aluCycles < 0 || multiplyCycles < 0 || drawCycles < 0 || sramVectorCycles < 0 || synapseArrayVectorCycles < 0
                || externalLatencyCycles < 0 || externalCyclesPerByte < 0 || loopIterationCycles < 0) {
            throw new IllegalArgumentException("cycle costs must be >= 0");
        }
        if (reservedSramBytes < 0 || reservedSramBytes > sramBytes) throw new IllegalArgumentException("reserved SRAM outside [0, sram]");
    }

    /** SRAM left for data. */
    public int dataSramBytes() {
        return sramBytes - reservedSramBytes;
    }

    /** Cycles of one vector transfer to or from a memory. */
    public long transfer(Region.Memory memory) {
        return switch (memory) {
            case SRAM -> sramVectorCycles;
            case SYNAPSE_ARRAY -> synapseArrayVectorCycles;
            case EXTERNAL -> externalLatencyCycles + (long) Math.ceil(externalCyclesPerByte * Region.VECTOR_BYTES);
        };
    }

    /** Cycles of one execution of a non-loop instruction. */
    public long cycles(Instr in, MemoryMap map) {
        return switch (in) {
            case Instr.Load l -> transfer(map.region(l.region()).memory());
            case Instr.Store s -> transfer(map.region(s.region()).memory());
            case Instr.Binary b -> b.op().multiply() ? multiplyCycles : aluCycles;
            case Instr.Draw d -> drawCycles;
            case Instr.Splat s -> aluCycles;
            case Instr.Select s -> aluCycles;
            case Instr.Shr s -> aluCycles;
            case Instr.ShrStochastic s -> aluCycles;
            case Instr.Loop l -> throw new IllegalArgumentException("a loop has no cycles of its own");
        };
    }

    /** Cycles of one run of a program (the cost depends on the program only, not on the data). */
    public long cycles(PpuProgram p, MemoryMap map) {
        return cycles(p.body(), map);
    }

    private long cycles(java.util.List<Instr> body, MemoryMap map) {
        long n = 0;
        for (Instr in : body) {
            n += in instanceof Instr.Loop l ? l.count() * (loopIterationCycles + cycles(l.body(), map)) : cycles(in, map);
        }
        return n;
    }

    public double seconds(long cycles) {
        return cycles / clockHz;
    }
}
