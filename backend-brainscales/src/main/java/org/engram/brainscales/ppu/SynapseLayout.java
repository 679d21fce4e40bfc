package org.engram.brainscales.ppu;

/**
 * The plastic synapses one processor updates: {@code rows} synapse rows x {@code columnBlocks} blocks of 64
 * columns. A synapse block (one vector) is one row's 64 synapses of one column block; block b = row ·
 * columnBlocks + columnBlock, lane = column within the block. A column is one post neuron (unmerged).
 */
public record SynapseLayout(int rows, int columnBlocks) {
    /** A hemisphere: 256 rows x 256 columns. */
    public static final SynapseLayout HEMISPHERE = new SynapseLayout(256, 4);

    public SynapseLayout {
        if (rows < 1 || rows > 256) throw new IllegalArgumentException("rows must be 1..256, got " + rows);
        if (columnBlocks < 1 || columnBlocks > 4) throw new IllegalArgumentException("column blocks must be 1..4, got " + columnBlocks);
    }

    public int blocks() { return rows * columnBlocks; }

    public int columns() { return columnBlocks * PpuMachine.LANES; }

    public int synapses() { return blocks() * PpuMachine.LANES; }
}
