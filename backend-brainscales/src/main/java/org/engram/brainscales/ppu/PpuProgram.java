package org.engram.brainscales.ppu;

import java.util.List;

/** A named instruction tree for one processor; at most two nested loops. */
public record PpuProgram(String name, List<Instr> body) {
    public PpuProgram {
        body = List.copyOf(body);
        depth(body, 0, name);
    }

    private static void depth(List<Instr> body, int d, String name) {
        for (Instr in : body) {
            if (in instanceof Instr.Loop l) {
                if (d >= 2) throw new IllegalArgumentException("program " + name + ": loops nest at most two deep");
                depth(l.body(), d + 1, name);
            }
        }
    }

    /** Instructions executed per run (loop bodies counted as often as they run). */
    public long executed() {
        return executed(body);
    }

    private static long executed(List<Instr> body) {
        long n = 0;
        for (Instr in : body) n += in instanceof Instr.Loop l ? l.count() * executed(l.body()) : 1;
        return n;
    }
}
