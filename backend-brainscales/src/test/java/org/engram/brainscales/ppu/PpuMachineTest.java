package org.engram.brainscales.ppu;

import org.engram.brainscales.ppu.Instr.*;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PpuMachineTest {
    static final MemoryMap MAP = new MemoryMap(List.of(
            new Region("A", 6, Region.Memory.SRAM), new Region("B", 6, Region.Memory.EXTERNAL), new Region("K", 3, Region.Memory.SRAM)));

    /** B[i·3 + j] ← sat(A[i·3 + j] + K[j]) and a draw into K[j] each step: two nested loops (2 x 3). */
    static PpuProgram program() {
        List<Instr> inner = List.of(
                new Load(0, "A", new Index(0, 3, 1)),
                new Load(1, "K", new Index(0, 0, 1)),
                new Binary(Op.ADD_SAT, 2, 0, 1),
                new Store(2, "B", new Index(0, 3, 1)),
                new Draw(3, new Index(0, 0, 1)),
                new Store(3, "K", new Index(0, 0, 1)));
        return new PpuProgram("t", List.of(new Splat(5, 1), new Loop(2, List.of(new Loop(3, inner)))));
    }

    static PpuMachine machine(int lanes) {
        PpuMachine m = new PpuMachine(MAP, CostModel.ASSUMED, 9, 0, 3 * 64, lanes);
        for (int v = 0; v < 6; v++) for (int k = 0; k < 64; k++) m.write("A", v, k, 32700 - v * 1000 + k);
        for (int v = 0; v < 3; v++) for (int k = 0; k < 64; k++) m.write("K", v, k, 10);
        return m;
    }

    @Test
    void executesLoopsAddressingAndSaturationLaneByLane() {
        PpuMachine m = machine(64);
        m.run(program());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 64; k++) {
                    int a = 32700 - (3 * i + j) * 1000 + k;
                    // in the second pass K[j] holds the first pass's draw
                    int kv = i == 0 ? 10 : Lfsr.output(Lfsr.afterDraw(Lfsr.seed(9, 64 * j + k)));
                    assertEquals(Math.min(32767, a + kv), m.read("B", 3 * i + j, k), "i " + i + " j " + j + " lane " + k);
                }
            }
        }
        // K[j] was overwritten by the second draw of column block j's generators
        for (int j = 0; j < 3; j++) {
            for (int k = 0; k < 64; k++) {
                int s = Lfsr.seed(9, 64 * j + k);
                s = Lfsr.afterDraw(Lfsr.afterDraw(s));
                assertEquals(Lfsr.output(s), m.read("K", j, k));
                assertEquals(s, m.generator(64 * j + k));
            }
        }
    }

    @Test
    void cyclesFollowTheCostModel() {
        PpuMachine m = machine(64);
        m.run(program());
        CostModel c = CostModel.ASSUMED;
        long ext = c.externalLatencyCycles() + (long) (c.externalCyclesPerByte() * 128);
        long inner = 8 + 8 + 1 + ext + 1 + 8;   // load A, load K, add, store B (external), draw, store K
        long expected = 1 + 2 * (2 + 3 * (2 + inner));
        assertEquals(expected, m.cycles());
        assertEquals(expected, c.cycles(program(), MAP));
        assertEquals(104, c.transfer(Region.Memory.EXTERNAL));
    }

    @Test
    void restrictingLanesKeepsTheirBitsAndTheCycles() {
        PpuMachine full = machine(64), one = machine(1);
        full.run(program());
        one.run(program());
        assertTrue(full.snapshot().sameAs(one.snapshot(), 1));
        assertFalse(full.snapshot().sameAs(one.snapshot(), 2), "lane 1 is not maintained with one active lane");
    }

    @Test
    void badProgramsAndAddressesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Splat(32, 0));
        assertThrows(IllegalArgumentException.class, () -> new Splat(0, 40000));
        assertThrows(IllegalArgumentException.class, () -> new Shr(0, 0, 16));
        Loop deep = new Loop(1, List.of(new Loop(1, List.of(new Loop(1, List.of())))));
        assertThrows(IllegalArgumentException.class, () -> new PpuProgram("deep", List.of(deep)));
        PpuMachine m = machine(64);
        var outOfRange = new PpuProgram("oob", List.of(new Load(0, "K", Index.fixed(3))));
        assertThrows(IndexOutOfBoundsException.class, () -> m.run(outOfRange));
        var unknown = new PpuProgram("unknown", List.of(new Load(0, "Q", Index.fixed(0))));
        assertThrows(IllegalArgumentException.class, () -> m.run(unknown));
    }
}
