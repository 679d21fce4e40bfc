package org.engram.brainscales.virtual;

import org.engram.brainscales.ppu.*;
import org.engram.hal.model.TwoPhaseRule;
import org.engram.nativelib.Binding;
import org.engram.nativelib.chip.ChipDriver;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The virtual chip's processor against the Java reference interpreter (PpuMachine): random programs
 * (every instruction kind, nested loops with indexed loads and stores, draws, stochastic shifts) over
 * random memory, and the lowered two-phase rule's own programs, give the same memory words and the same
 * generator states, bit for bit, through ProgramEncoding and the driver ABI.
 */
class PpuOnChipTest {
    static final int VECTORS = 4, COLUMNS = 128, PERIOD = 125;
    static final MemoryMap MAP = new MemoryMap(List.of(new Region("A", VECTORS, Region.Memory.SRAM),
            new Region("B", VECTORS, Region.Memory.EXTERNAL), new Region("D", 2, Region.Memory.SRAM)));
    static final int RND = 30;   // registers 30 and 31 hold only draws (0..255)

    @Test
    void randomProgramsAreBitExactWithTheReferenceInterpreter() {
        SplittableRandom rng = new SplittableRandom(2026);
        for (int trial = 0; trial < 60; trial++) {
            long seed = rng.nextLong();
            PpuProgram fast = new PpuProgram("fast" + trial, program(rng, 0, 1, 1, 12));
            PpuProgram slow = new PpuProgram("slow" + trial, program(rng, 0, 1, 1, 6));
            compare(MAP, fast, slow, seed, rng, "trial " + trial);
        }
    }

    @Test
    void theLoweredRulesProgramsAreBitExact() {
        SynapseLayout layout = new SynapseLayout(2, 1);
        LoweredRule rule = PlasticityLowering.lower(TwoPhaseRule.DEFAULT, UpdatePeriods.DEFAULT, layout, 14.20075 / 63, CostModel.ASSUMED);
        // W lives in the synapse array on the chip: compare a map without it (the programs' W stores go to a data region)
        List<Region> regions = new ArrayList<>();
        for (Region r : rule.memory().regions()) {
            regions.add(r.memory() == Region.Memory.SYNAPSE_ARRAY ? new Region(r.name(), r.vectors(), Region.Memory.SRAM) : r);
        }
        MemoryMap map = new MemoryMap(regions);
        SplittableRandom rng = new SplittableRandom(7);
        for (int trial = 0; trial < 5; trial++) compare(map, rule.fast(), rule.slow(), rng.nextLong(), rng, "lowered rule, trial " + trial);
    }

    /** Runs fast, then slow and fast again (ratio 1, two periods) on both machines from the same random state. */
    static void compare(MemoryMap map, PpuProgram fast, PpuProgram slow, long seed, SplittableRandom rng, String what) {
        PpuMachine m = new PpuMachine(map, CostModel.ASSUMED, seed, 0, COLUMNS, PpuMachine.LANES);
        Map<String, Integer> base = ProgramEncoding.place(map);
        try (ChipDriver chip = ChipDriver.open(Binding.FFM, "virtual:")) {
            chip.writeConfig(ChipFormat.BLOCK_GLOBAL, new ChipFormat.Global(25, 1, 0.03, 0.1, 0, -80, -40, false).words());
            for (Region r : map.regions()) {
                int[] words = new int[r.vectors() * ProgramEncoding.WORDS_PER_VECTOR];
                for (int v = 0; v < r.vectors(); v++) {
                    for (int k = 0; k < PpuMachine.LANES; k++) {
                        int x = (short) rng.nextInt();
                        m.write(r.name(), v, k, x);
                        words[v * 32 + k / 2] |= (x & 0xFFFF) << (16 * (k & 1));
                    }
                }
                chip.writeMemory(ChipFormat.MEM_PPU + base.get(r.name()), words);
            }
            chip.loadProgram(ProgramEncoding.container(0, new int[]{0}, 1, PERIOD, 1, seed, 0, COLUMNS, map, base, fast, slow, null));
            chip.run(new long[0], new int[0], 2L * PERIOD);
            m.run(fast);
            m.run(slow);
            m.run(fast);
            for (Region r : map.regions()) {
                int[] words = chip.readMemory(ChipFormat.MEM_PPU + base.get(r.name()), r.vectors() * ProgramEncoding.WORDS_PER_VECTOR);
                for (int v = 0; v < r.vectors(); v++) {
                    for (int k = 0; k < PpuMachine.LANES; k++) {
                        int chipLane = (short) (words[v * 32 + k / 2] >> (16 * (k & 1)));
                        assertEquals(m.read(r.name(), v, k), chipLane, what + ": region " + r.name() + " vector " + v + " lane " + k);
                    }
                }
            }
            int[] gens = chip.readMemory(ChipFormat.MEM_LFSR, COLUMNS);
            for (int c = 0; c < COLUMNS; c++) assertEquals(m.generator(c), gens[c], what + ": generator " + c);
        }
    }

    /** A random instruction list; loops nest at most two deep and index only vectors that exist. */
    static List<Instr> program(SplittableRandom rng, int depth, int outerCount, int innerCount, int length) {
        List<Instr> out = new ArrayList<>();
        out.add(new Instr.Draw(RND, Index.fixed(0)));
        out.add(new Instr.Draw(RND + 1, Index.fixed(1)));
        for (int n = 0; n < length; n++) {
            int kind = rng.nextInt(depth < 2 ? 9 : 8);
            int d = rng.nextInt(8), a = rng.nextInt(8), b = rng.nextInt(8);
            switch (kind) {
                case 0 -> out.add(new Instr.Splat(d, rng.nextInt(65536) - 32768));
                case 1 -> out.add(new Instr.Binary(Instr.Op.values()[rng.nextInt(Instr.Op.values().length)], d, a, b));
                case 2 -> out.add(new Instr.Select(d, a, b, rng.nextInt(8)));
                case 3 -> out.add(new Instr.Shr(d, a, 1 + rng.nextInt(15)));
                case 4 -> out.add(new Instr.ShrStochastic(d, a, 1 + rng.nextInt(15), RND + rng.nextInt(2)));
                case 5 -> out.add(new Instr.Draw(RND + rng.nextInt(2), index(rng, depth, outerCount, innerCount, COLUMNS / 64)));
                case 6 -> {
                    Region r = MAP.regions().get(rng.nextInt(MAP.regions().size()));
                    out.add(new Instr.Load(d, r.name(), index(rng, depth, outerCount, innerCount, r.vectors())));
                }
                case 7 -> {
                    Region r = MAP.regions().get(rng.nextInt(MAP.regions().size()));
                    out.add(new Instr.Store(a, r.name(), index(rng, depth, outerCount, innerCount, r.vectors())));
                }
                default -> {
                    int count = 1 + rng.nextInt(3);
                    out.add(new Instr.Loop(count, program(rng, depth + 1, depth == 0 ? count : outerCount, depth == 0 ? 1 : count, 1 + rng.nextInt(5))));
                }
            }
        }
        return out;
    }

    /** An index valid for every counter value: base + outer i + inner j inside [0, vectors). */
    static Index index(SplittableRandom rng, int depth, int outerCount, int innerCount, int vectors) {
        for (int attempt = 0; attempt < 20; attempt++) {
            int outer = depth >= 1 ? rng.nextInt(3) - 1 : 0, inner = depth >= 2 ? rng.nextInt(3) - 1 : 0;
            int lo = Math.min(0, outer * (outerCount - 1)) + Math.min(0, inner * (innerCount - 1));
            int hi = Math.max(0, outer * (outerCount - 1)) + Math.max(0, inner * (innerCount - 1));
            if (hi - lo >= vectors) continue;
            int base = -lo + rng.nextInt(vectors - (hi - lo));
            return new Index(base, outer, inner);
        }
        return Index.fixed(rng.nextInt(vectors));
    }
}
