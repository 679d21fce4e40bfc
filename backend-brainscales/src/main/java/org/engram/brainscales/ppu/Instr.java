package org.engram.brainscales.ppu;

import java.util.List;

/**
 * One instruction of a plasticity-processor program. Registers are vector registers v0..v31 of 64 signed
 * 16-bit lanes (the lowering uses the 16-bit mode only). Memory is addressed per vector: a region name
 * and an {@link Index} over the enclosing loop counters. Lane semantics are those of {@link PpuArithmetic}
 * at {@link Lane#H16}. Programs are trees: a {@link Loop} holds its body; at most two nested loops.
 */
public sealed interface Instr {
    int REGISTERS = 32;

    /** Lane-wise binary operations. */
    enum Op {
        ADD_SAT, SUB_SAT, ADD_MOD, SUB_MOD, MUL_FRAC, MUL_MOD, MIN, MAX, CMP_GE;

        int apply(int a, int b) {
            Lane w = Lane.H16;
            return switch (this) {
                case ADD_SAT -> PpuArithmetic.addSat(w, a, b);
                case SUB_SAT -> PpuArithmetic.subSat(w, a, b);
                case ADD_MOD -> PpuArithmetic.addMod(w, a, b);
                case SUB_MOD -> PpuArithmetic.subMod(w, a, b);
                case MUL_FRAC -> PpuArithmetic.mulFrac(w, a, b);
                case MUL_MOD -> PpuArithmetic.mulMod(w, a, b);
                case MIN -> PpuArithmetic.min(w, a, b);
                case MAX -> PpuArithmetic.max(w, a, b);
                case CMP_GE -> PpuArithmetic.cmpGe(w, a, b);
            };
        }

        boolean multiply() {
            return this == MUL_FRAC || this == MUL_MOD;
        }
    }

    private static int reg(int r) {
        if (r < 0 || r >= REGISTERS) throw new IllegalArgumentException("no register v" + r);
        return r;
    }

    /** dst ← region[index]. */
    record Load(int dst, String region, Index at) implements Instr {
        public Load { reg(dst); }
    }

    /** region[index] ← src. */
    record Store(int src, String region, Index at) implements Instr {
        public Store { reg(src); }
    }

    /** Every lane of dst ← value (a 16-bit constant). */
    record Splat(int dst, int value) implements Instr {
        public Splat {
            reg(dst);
            if (!Lane.H16.fits(value)) throw new IllegalArgumentException("constant " + value + " does not fit 16 bits");
        }
    }

    /** dst ← a op b, lane by lane. */
    record Binary(Op op, int dst, int a, int b) implements Instr {
        public Binary { reg(dst); reg(a); reg(b); }
    }

    /** dst ← mask ≠ 0 ? a : b, lane by lane. */
    record Select(int dst, int mask, int a, int b) implements Instr {
        public Select { reg(dst); reg(mask); reg(a); reg(b); }
    }

    /** dst ← a >> n, rounded half up. */
    record Shr(int dst, int a, int n) implements Instr {
        public Shr {
            reg(dst); reg(a);
            if (n < 1 || n > 15) throw new IllegalArgumentException("shift must be 1..15, got " + n);
        }
    }

    /** dst ← (a + random bits of register rnd below the kept precision) >> n: stochastic rounding. */
    record ShrStochastic(int dst, int a, int n, int rnd) implements Instr {
        public ShrStochastic {
            reg(dst); reg(a); reg(rnd);
            if (n < 1 || n > 15) throw new IllegalArgumentException("shift must be 1..15, got " + n);
        }
    }

    /**
     * dst ← one 8-bit draw (0..255) per lane from the generator of the lane's column,
     * column = 64 · columnBlock + lane.
     */
    record Draw(int dst, Index columnBlock) implements Instr {
        public Draw { reg(dst); }
    }

    /** Runs body count times; the outer loop's counter is i, a nested loop's is j. */
    record Loop(int count, List<Instr> body) implements Instr {
        public Loop {
            if (count < 0) throw new IllegalArgumentException("loop count must be >= 0");
            body = List.copyOf(body);
        }
    }
}
