package org.engram.brainscales.ppu;

import org.engram.hal.model.TwoPhaseRule;

import java.util.Map;

/**
 * A two-phase rule lowered for one processor: the memory map, the fast program (calcium, early phase and
 * the synapse weights, every {@code periods.fast()}), the slow program (h relaxation, tags, protein, late
 * phase, every {@code periods.slow()}), and the integer constants they use (by name, for the docs and for
 * a native implementation, which receives them rather than recomputing them).
 *
 * <p>Memory regions: {@code C, H, Z} (per synapse block: calcium, early weight, late weight), {@code PRE}
 * (per synapse block: presynaptic spikes whose calcium arrives in the last fast period), {@code POST} (per
 * column block: postsynaptic spikes in the last fast period), {@code P, THETA} (per column block: protein and
 * the synthesis flag), {@code W} (the synapse array's 6-bit weights).
 */
public record LoweredRule(TwoPhaseRule rule, UpdatePeriods periods, SynapseLayout layout, double weightScale,
                          MemoryMap memory, PpuProgram fast, PpuProgram slow, Map<String, Integer> words,
                          Map<String, Scaled> factors, int drawsPerFastBlock, int drawsPerSlowBlock) {
    public static final String C = "C", H = "H", Z = "Z", PRE = "PRE", POST = "POST", P = "P", THETA = "THETA", W = "W";
    /** Per synapse slot: −1 where the slot holds no synapse (its column's Σ|h − h0| must not count it), 0 otherwise. */
    public static final String DEAD = "DEAD";

    public LoweredRule {
        words = Map.copyOf(words);
        factors = Map.copyOf(factors);
    }

    public int word(String name) {
        Integer v = words.get(name);
        if (v == null) throw new IllegalArgumentException("no constant " + name);
        return v;
    }

    public Scaled factor(String name) {
        Scaled s = factors.get(name);
        if (s == null) throw new IllegalArgumentException("no factor " + name);
        return s;
    }

    /** Writes the initial state into every lane: h = h_init, z = z_init, c = p = 0, no synthesis, weights of h, z. */
    public void initialise(PpuMachine m) {
        int h = Fixed.word("h_init", rule.hInit(), Formats.H_FRAC), z = Fixed.word("z_init", rule.zInit(), Formats.Z_FRAC);
        int level = level(rule.hInit(), rule.zInit());
        for (int b = 0; b < layout.blocks(); b++) {
            for (int k = 0; k < PpuMachine.LANES; k++) {
                m.write(H, b, k, h);
                m.write(Z, b, k, z);
                m.write(C, b, k, 0);
                m.write(PRE, b, k, 0);
                m.write(W, b, k, level);
            }
        }
        for (int cb = 0; cb < layout.columnBlocks(); cb++) {
            for (int k = 0; k < PpuMachine.LANES; k++) {
                m.write(P, cb, k, 0);
                m.write(THETA, cb, k, 0);
                m.write(POST, cb, k, 0);
            }
        }
    }

    /** The nearest weight level (0..63) of a weight h + h0 z, in double (for the initial state and checks). */
    public int level(double h, double z) {
        long l = Math.round((h + rule.h0() * z) / weightScale);
        return (int) Math.max(0, Math.min(63, l));
    }

    /** Cycles of one run of each program. */
    public long fastCycles(CostModel cost) { return cost.cycles(fast, memory); }

    public long slowCycles(CostModel cost) { return cost.cycles(slow, memory); }
}
