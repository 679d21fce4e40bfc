package org.engram.brainscales.virtual;

/**
 * The virtual chip's configuration format (native/src/main/c/engram_chip_virtual.h), as Java values that
 * encode themselves into configuration blocks of 32-bit words. Voltages are the chip's analog units,
 * which the adapter sets equal to biological mV; times are 8 ns FPGA cycles.
 */
public final class ChipFormat {
    public static final int NEURONS = 512, COLUMNS = 256, ROWS = 512, LABELS = 64, WEIGHT_MAX = 63;
    public static final int BLOCK_WORDS = 257, BLOCK_GLOBAL = 0, BLOCK_NEURON = 1, BLOCK_ROW = 1 + NEURONS;
    public static final int MAX_ROUTES = 120;
    public static final int MODE_SHIFT = 15, MODE_BOTH = 0, MODE_CURRENT = 1, MODE_COUNT = 2;
    public static final int MEM_TRIMS = 0, TRIM_FIELDS = 4, MEM_PPU = 4096, PPU_WORDS = 65536, MEM_LFSR = MEM_PPU + PPU_WORDS;

    private ChipFormat() {}

    /** An event target: synapse row (0..511), label (0..63) and what the event drives. */
    public static int target(int row, int label, int mode) {
        if (row < 0 || row >= ROWS || label < 0 || label >= LABELS || mode < 0 || mode > MODE_COUNT) {
            throw new IllegalArgumentException("no event target row " + row + ", label " + label + ", mode " + mode);
        }
        return (row * LABELS + label) | mode << MODE_SHIFT;
    }

    static int f(double x) {
        return Float.floatToRawIntBits((float) x);
    }

    /** Block 0. */
    public record Global(int stepCycles, long chipSeed, double spread, double trialNoise, int samplePeriod, double cadcLow,
                         double cadcHigh, boolean applyTrims) {
        public int[] words() {
            return new int[]{stepCycles, (int) chipSeed, (int) (chipSeed >>> 32), f(spread), f(trialNoise), samplePeriod,
                    f(cadcLow), f(cadcHigh), applyTrims ? 1 : 0};
        }
    }

    /** A neuron circuit's block; routes are event targets with their delays in cycles (0: on chip). */
    public record Neuron(boolean enabled, double tauMem, double tauSyn, double vLeak, double vThreshold, double vReset,
                         int refractory, double scaleExc, double scaleInh, boolean sampled, int[] routes, int[] delays) {
        public Neuron {
            if (routes.length != delays.length) throw new IllegalArgumentException("one delay per route");
            if (routes.length > MAX_ROUTES) {
                throw new IllegalArgumentException(routes.length + " routes from one neuron circuit, the chip's routing table holds " + MAX_ROUTES);
            }
            routes = routes.clone();
            delays = delays.clone();
        }

        public int[] words() {
            int[] w = new int[11 + 2 * routes.length];
            w[0] = enabled ? 1 : 0;
            w[1] = f(tauMem);
            w[2] = f(tauSyn);
            w[3] = f(vLeak);
            w[4] = f(vThreshold);
            w[5] = f(vReset);
            w[6] = refractory;
            w[7] = f(scaleExc);
            w[8] = f(scaleInh);
            w[9] = sampled ? 1 : 0;
            w[10] = routes.length;
            for (int i = 0; i < routes.length; i++) {
                w[11 + 2 * i] = routes[i];
                w[12 + 2 * i] = delays[i];
            }
            return w;
        }
    }

    /** A synapse row: its sign and, per column, a 6-bit weight and a 6-bit label. */
    public record Row(boolean inhibitory, int[] weights, int[] labels) {
        public Row {
            if (weights.length != COLUMNS || labels.length != COLUMNS) throw new IllegalArgumentException("a row has " + COLUMNS + " synapses");
            for (int k = 0; k < COLUMNS; k++) {
                if (weights[k] < 0 || weights[k] > WEIGHT_MAX || labels[k] < 0 || labels[k] >= LABELS) {
                    throw new IllegalArgumentException("column " + k + ": weight " + weights[k] + " or label " + labels[k] + " outside 6 bits");
                }
            }
            weights = weights.clone();
            labels = labels.clone();
        }

        public int[] words() {
            int[] w = new int[1 + COLUMNS];
            w[0] = inhibitory ? 1 : 0;
            for (int k = 0; k < COLUMNS; k++) w[1 + k] = weights[k] | labels[k] << 8;
            return w;
        }
    }
}
