package org.engram.brainscales.mapping;

/**
 * What the placement must respect on one chip: neuron circuits per hemisphere (each with one synapse
 * column of {@code rowsPerHemisphere} synapses), synapse rows whose 6-bit labels tell at most
 * {@code labelsPerRow} sources apart, and synapse drivers feeding {@code rowsPerDriver} rows each.
 */
public record ChipGeometry(int hemispheres, int circuitsPerHemisphere, int rowsPerHemisphere, int labelsPerRow,
                           int rowsPerDriver) {
    /** BrainScaleS-2: 2 x 256 circuits, 2 x 256 x 256 synapses, 64 labels per row, 128 drivers per hemisphere. */
    public static final ChipGeometry BSS2 = new ChipGeometry(2, 256, 256, 64, 2);

    public ChipGeometry {
        if (hemispheres <= 0 || circuitsPerHemisphere <= 0 || rowsPerHemisphere <= 0 || labelsPerRow <= 0 || rowsPerDriver <= 0) {
            throw new IllegalArgumentException("chip geometry must be positive");
        }
    }

    public int circuits() {
        return hemispheres * circuitsPerHemisphere;
    }

    public int driversPerHemisphere() {
        return rowsPerHemisphere / rowsPerDriver;
    }
}
