package org.engram.brainscales.ppu;

/** A vector index linear in the loop counters: base + outer·i + inner·j (i: outer loop, j: nested loop). */
public record Index(int base, int outer, int inner) {
    public static Index fixed(int base) {
        return new Index(base, 0, 0);
    }

    public int at(int i, int j) {
        return base + outer * i + inner * j;
    }
}
