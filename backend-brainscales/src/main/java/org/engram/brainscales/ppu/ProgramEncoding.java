package org.engram.brainscales.ppu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of processor programs (32-bit words), as the virtual chip's processor decodes it
 * (native/src/main/c/vc_ppu.c) and a real chip's loader would receive it. Opcode in bits 31..27:
 * <pre>
 *   1 LOAD   dst:26..22 region:21..17, then 3 words: index base, outer (× i), inner (× j)
 *   2 STORE  src:26..22 region:21..17, then the 3 index words
 *   3 SPLAT  dst:26..22, value: 15..0 (16-bit two's complement)
 *   4 BINARY op:26..23 (ADD_SAT 0, SUB_SAT, ADD_MOD, SUB_MOD, MUL_FRAC, MUL_MOD, MIN, MAX, CMP_GE 8)
 *            dst:22..18 a:17..13 b:12..8
 *   5 SELECT dst:26..22 mask:21..17 a:16..12 b:11..7
 *   6 SHR    dst:26..22 a:21..17 n:3..0
 *   7 SHRS   dst:26..22 a:21..17 rnd:16..12 n:3..0 (stochastic shift)
 *   8 DRAW   dst:26..22, then the 3 index words (the column block)
 *   9 LOOP   count:26..0, then 1 word: the body's length in words; the body follows
 * </pre>
 * Unused bits are 0. A <b>container</b> (what ec_load_program receives) is a header of 20 words (magic
 * 'EPPU', version 1, hemisphere, layout rows, column blocks, fast period in cycles, slow/fast ratio, seed
 * low and high, first generator column, generator count, region count, fast and slow program lengths,
 * quiet skipping on/off, C region, Kc multiplier and shift, θd, draws per fast block), the chip row of each
 * layout row, 4 words per region (role: 0 data, 1 PRE, 2 POST, 3 W; vectors; memory: 0 SRAM, 1 external,
 * 2 synapse array; first word in processor memory, two 16-bit lanes per word), then the two programs.
 */
public final class ProgramEncoding {
    public static final int MAGIC = 0x45505055, VERSION = 1, HEADER_WORDS = 20, WORDS_PER_VECTOR = 32;
    static final int LOAD = 1, STORE = 2, SPLAT = 3, BINARY = 4, SELECT = 5, SHR = 6, SHRS = 7, DRAW = 8, LOOP = 9;
    static final int MAX_LOOP_COUNT = (1 << 27) - 1;

    private ProgramEncoding() {}

    /** The words of one program; regions are numbered in the map's order. */
    public static int[] encode(PpuProgram program, MemoryMap map) {
        List<Integer> out = new ArrayList<>();
        body(program.body(), map, out, program.name());
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void body(List<Instr> body, MemoryMap map, List<Integer> out, String name) {
        for (Instr in : body) {
            switch (in) {
                case Instr.Load l -> memory(out, LOAD, l.dst(), region(map, l.region(), name), l.at());
                case Instr.Store s -> memory(out, STORE, s.src(), region(map, s.region(), name), s.at());
                case Instr.Draw d -> memory(out, DRAW, d.dst(), 0, d.columnBlock());
                case Instr.Splat s -> out.add(SPLAT << 27 | s.dst() << 22 | (s.value() & 0xFFFF));
                case Instr.Binary b -> out.add(BINARY << 27 | b.op().ordinal() << 23 | b.dst() << 18 | b.a() << 13 | b.b() << 8);
                case Instr.Select s -> out.add(SELECT << 27 | s.dst() << 22 | s.mask() << 17 | s.a() << 12 | s.b() << 7);
                case Instr.Shr s -> out.add(SHR << 27 | s.dst() << 22 | s.a() << 17 | s.n());
                case Instr.ShrStochastic s -> out.add(SHRS << 27 | s.dst() << 22 | s.a() << 17 | s.rnd() << 12 | s.n());
                case Instr.Loop l -> {
                    if (l.count() > MAX_LOOP_COUNT) {
                        throw new IllegalArgumentException("program " + name + ": loop count " + l.count() + " exceeds the 27-bit field");
                    }
                    out.add(LOOP << 27 | l.count());
                    int at = out.size();
                    out.add(0);
                    body(l.body(), map, out, name);
                    out.set(at, out.size() - at - 1);
                }
            }
        }
    }

    private static void memory(List<Integer> out, int op, int reg, int region, Index at) {
        out.add(op << 27 | reg << 22 | region << 17);
        out.add(at.base());
        out.add(at.outer());
        out.add(at.inner());
    }

    private static int region(MemoryMap map, String name, String program) {
        for (int i = 0; i < map.regions().size(); i++) if (map.regions().get(i).name().equals(name)) return i;
        throw new IllegalArgumentException("program " + program + " uses region " + name + ", which the memory map lacks");
    }

    /** Regions one after another in processor memory (synapse-array regions take none): first word of each. */
    public static Map<String, Integer> place(MemoryMap map) {
        Map<String, Integer> base = new LinkedHashMap<>();
        int next = 0;
        for (Region r : map.regions()) {
            if (r.memory() == Region.Memory.SYNAPSE_ARRAY) {
                base.put(r.name(), 0);
                continue;
            }
            base.put(r.name(), next);
            next += r.vectors() * WORDS_PER_VECTOR;
        }
        return base;
    }

    /** Exact quiet skipping (PlasticityDriver): the calcium region and its decay, θd and draws per fast block. */
    public record Quiet(String calciumRegion, Scaled kc, int thetaD, int drawsPerFastBlock) {}

    /**
     * The container for a processor of {@code hemisphere} whose layout row r is chip row {@code rows[r]}.
     *
     * @param quiet null: no quiet skipping
     */
    public static int[] container(int hemisphere, int[] rows, int columnBlocks, long fastPeriodCycles, int ratio, long seed,
                                  int firstColumn, int columns, MemoryMap map, Map<String, Integer> base,
                                  PpuProgram fast, PpuProgram slow, Quiet quiet) {
        if (fastPeriodCycles < 1 || fastPeriodCycles > 0xFFFFFFFFL) throw new IllegalArgumentException("fast period of " + fastPeriodCycles + " cycles");
        if (map.regions().size() > 16) throw new IllegalArgumentException("at most 16 regions, got " + map.regions().size());
        int[] f = encode(fast, map), s = encode(slow, map);
        int g = map.regions().size();
        int[] w = new int[HEADER_WORDS + rows.length + 4 * g + f.length + s.length];
        w[0] = MAGIC;
        w[1] = VERSION;
        w[2] = hemisphere;
        w[3] = rows.length;
        w[4] = columnBlocks;
        w[5] = (int) fastPeriodCycles;
        w[6] = ratio;
        w[7] = (int) seed;
        w[8] = (int) (seed >>> 32);
        w[9] = firstColumn;
        w[10] = columns;
        w[11] = g;
        w[12] = f.length;
        w[13] = s.length;
        if (quiet != null) {
            w[14] = 1;
            w[15] = region(map, quiet.calciumRegion(), "quiet skipping");
            w[16] = quiet.kc().k();
            w[17] = quiet.kc().shift();
            w[18] = quiet.thetaD();
            w[19] = quiet.drawsPerFastBlock();
        }
        System.arraycopy(rows, 0, w, HEADER_WORDS, rows.length);
        int at = HEADER_WORDS + rows.length;
        for (Region r : map.regions()) {
            int role = r.memory() == Region.Memory.SYNAPSE_ARRAY ? 3 : r.name().equals(LoweredRule.PRE) ? 1 : r.name().equals(LoweredRule.POST) ? 2 : 0;
            w[at++] = role;
            w[at++] = r.vectors();
            w[at++] = r.memory().ordinal();
            w[at++] = base.get(r.name());
        }
        System.arraycopy(f, 0, w, at, f.length);
        System.arraycopy(s, 0, w, at + f.length, s.length);
        return w;
    }

    /** The container of a lowered rule (quiet skipping on). */
    public static int[] container(LoweredRule rule, int hemisphere, int[] rows, long fastPeriodCycles, long seed) {
        if (rows.length != rule.layout().rows()) throw new IllegalArgumentException(rows.length + " chip rows for a layout of " + rule.layout().rows());
        return container(hemisphere, rows, rule.layout().columnBlocks(), fastPeriodCycles, rule.periods().ratio(), seed,
                hemisphere * 256, rule.layout().columns(), rule.memory(), place(rule.memory()), rule.fast(), rule.slow(),
                new Quiet(LoweredRule.C, rule.factor("Kc"), rule.word("theta_d"), rule.drawsPerFastBlock()));
    }
}
