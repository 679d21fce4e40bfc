package org.engram.brainscales.ppu;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference interpreter: one plasticity processor executing {@link PpuProgram}s bit-exactly over its
 * memory regions and per-column random generators, counting cycles with a {@link CostModel}.
 *
 * <p>{@code activeLanes} (1..64) restricts the computation to the first lanes of every vector: those
 * lanes (their memory and their columns' generators) hold exactly what a full machine computes, because
 * lanes never interact; the other lanes and generators are not maintained. Cycles are always those of
 * the full vector unit.
 */
public final class PpuMachine {
    public static final int LANES = Lane.H16.lanes();

    private final MemoryMap map;
    private final CostModel cost;
    private final int activeLanes;
    private final Map<String, short[]> memory = new HashMap<>();
    private final int[][] reg = new int[Instr.REGISTERS][LANES];
    private final int[] lfsr;
    private long cycles;

    /**
     * @param seed        the experiment seed
     * @param firstColumn the chip column of this processor's column 0 (hemisphere x 256)
     * @param columns     generators (columns) this processor drives
     */
    public PpuMachine(MemoryMap map, CostModel cost, long seed, int firstColumn, int columns, int activeLanes) {
        if (activeLanes < 1 || activeLanes > LANES) throw new IllegalArgumentException("active lanes must be 1.." + LANES);
        if (columns < 1) throw new IllegalArgumentException("columns must be >= 1");
        this.map = map;
        this.cost = cost;
        this.activeLanes = activeLanes;
        for (Region r : map.regions()) memory.put(r.name(), new short[r.vectors() * LANES]);
        lfsr = new int[columns];
        for (int c = 0; c < columns; c++) lfsr[c] = Lfsr.seed(seed, firstColumn + c);
    }

    public MemoryMap memoryMap() { return map; }

    public CostModel costModel() { return cost; }

    public int activeLanes() { return activeLanes; }

    public long cycles() { return cycles; }

    /** Adds cycles spent outside {@link #run} (an exactly equivalent skip of program runs). */
    public void addCycles(long n) {
        if (n < 0) throw new IllegalArgumentException("cycles must be >= 0");
        cycles += n;
    }

    public int read(String region, int vector, int lane) {
        return words(region, vector)[vector * LANES + lane];
    }

    public void write(String region, int vector, int lane, int value) {
        if (!Lane.H16.fits(value)) throw new IllegalArgumentException(value + " does not fit a 16-bit word");
        words(region, vector)[vector * LANES + lane] = (short) value;
    }

    private short[] words(String region, int vector) {
        short[] m = memory.get(region);
        if (m == null) throw new IllegalArgumentException("no region named " + region);
        if (vector < 0 || vector * LANES >= m.length) {
            throw new IndexOutOfBoundsException("region " + region + " has no vector " + vector);
        }
        return m;
    }

    public int generator(int column) { return lfsr[column]; }

    public void setGenerator(int column, int state) {
        if (state <= 0 || state > 0xFFFF) throw new IllegalArgumentException("generator state must be 1..65535");
        lfsr[column] = state;
    }

    public int columns() { return lfsr.length; }

    /** A copy of every region's words and every generator (for equality checks). */
    public Snapshot snapshot() {
        Map<String, short[]> m = new HashMap<>();
        memory.forEach((k, v) -> m.put(k, v.clone()));
        return new Snapshot(m, lfsr.clone(), cycles);
    }

    public record Snapshot(Map<String, short[]> memory, int[] generators, long cycles) {
        public boolean sameAs(Snapshot o, int lanes) {
            if (cycles != o.cycles || !memory.keySet().equals(o.memory.keySet())) return false;
            for (var e : memory.entrySet()) {
                short[] a = e.getValue(), b = o.memory.get(e.getKey());
                for (int k = 0; k < a.length; k++) if (k % LANES < lanes && a[k] != b[k]) return false;
            }
            for (int c = 0; c < generators.length; c++) if (c % LANES < lanes && generators[c] != o.generators[c]) return false;
            return true;
        }
    }

    /** Executes a program once. */
    public void run(PpuProgram program) {
        exec(program.body(), 0, 0, 0);
    }

    private void exec(List<Instr> body, int depth, int i, int j) {
        for (Instr in : body) {
            if (in instanceof Instr.Loop l) {
                for (int k = 0; k < l.count(); k++) {
                    cycles += cost.loopIterationCycles();
                    if (depth == 0) exec(l.body(), 1, k, 0);
                    else exec(l.body(), 2, i, k);
                }
                continue;
            }
            cycles += cost.cycles(in, map);
            step(in, i, j);
        }
    }

    private void step(Instr in, int i, int j) {
        int n = activeLanes;
        switch (in) {
            case Instr.Load l -> {
                int v = l.at().at(i, j);
                short[] m = words(l.region(), v);
                for (int k = 0; k < n; k++) reg[l.dst()][k] = m[v * LANES + k];
            }
            case Instr.Store s -> {
                int v = s.at().at(i, j);
                short[] m = words(s.region(), v);
                for (int k = 0; k < n; k++) m[v * LANES + k] = (short) reg[s.src()][k];
            }
            case Instr.Splat s -> {
                for (int k = 0; k < n; k++) reg[s.dst()][k] = s.value();
            }
            case Instr.Binary b -> {
                int[] x = reg[b.a()], y = reg[b.b()], d = reg[b.dst()];
                for (int k = 0; k < n; k++) d[k] = b.op().apply(x[k], y[k]);
            }
            case Instr.Select s -> {
                int[] m = reg[s.mask()], x = reg[s.a()], y = reg[s.b()], d = reg[s.dst()];
                for (int k = 0; k < n; k++) d[k] = PpuArithmetic.select(Lane.H16, m[k], x[k], y[k]);
            }
            case Instr.Shr s -> {
                int[] x = reg[s.a()], d = reg[s.dst()];
                for (int k = 0; k < n; k++) d[k] = PpuArithmetic.shr(Lane.H16, x[k], s.n());
            }
            case Instr.ShrStochastic s -> {
                int[] x = reg[s.a()], r = reg[s.rnd()], d = reg[s.dst()];
                for (int k = 0; k < n; k++) d[k] = PpuArithmetic.shrStochastic(Lane.H16, x[k], s.n(), r[k]);
            }
            case Instr.Draw d -> {
                int base = d.columnBlock().at(i, j) * LANES;
                if (base < 0 || base + LANES > lfsr.length) throw new IndexOutOfBoundsException("no column block " + base / LANES);
                for (int k = 0; k < n; k++) {
                    int s = Lfsr.afterDraw(lfsr[base + k]);
                    lfsr[base + k] = s;
                    reg[d.dst()][k] = Lfsr.output(s);
                }
            }
            case Instr.Loop l -> throw new IllegalStateException("unreachable");
        }
    }
}
