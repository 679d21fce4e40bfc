package org.engram.support.connectivity;

import org.engram.hal.model.Connector;
import org.engram.hal.model.NeuronKind;
import org.engram.hal.model.Projection;
import org.engram.hal.model.SynapseValues;
import org.engram.support.rng.Sampler;
import org.engram.support.rng.Seeds;

/**
 * A projection's per-synapse weights or delays in its CSR order (by pre, then post), the same on every
 * backend for a seed: the constant, values drawn once per synapse (Philox stream {@code stream}, element
 * the synapse, counter keyed by the projection index), or the given ones.
 */
public final class SynapseDraws {
    private SynapseDraws() {}

    /** Per-synapse values: the constant, drawn values (sign kept; magnitudes signed by the pre kind), or given ones. */
    public static double[] values(Projection pr, SynapseValues sv, int count, double constant, NeuronKind preKind,
                                       long seed, int projIndex, int stream) {
        double[] out = new double[count];
        switch (sv) {
            case null -> java.util.Arrays.fill(out, constant);
            case SynapseValues.PerSynapse ps -> {
                if (ps.size() != count) {
                    throw new IllegalArgumentException("projection " + pr.name() + ": " + ps.size() + " per-synapse values for "
                            + count + " synapses");
                }
                int[] order = csrOrder(pr.connector(), count);
                for (int k = 0; k < count; k++) out[k] = ps.at(order[k]);
            }
            case SynapseValues.Drawn dr -> {
                long s = dr.seed() != 0 ? dr.seed() : Seeds.mix(seed, 0x53594E56L + projIndex * 8L + stream);
                double sign = dr.distribution().positiveOnly() && preKind == NeuronKind.INHIBITORY ? -1 : 1;
                for (int k = 0; k < count; k++) {
                    double v = Sampler.draw(dr.distribution(), s, stream, k, projIndex, true);
                    out[k] = sign * v;
                }
            }
        }
        return out;
    }

    /**
     * The listed position of each CSR synapse: explicit connections are listed in any order and stored
     * sorted by (pre, post), as {@link Connectivity#csr} sorts them; generated connectors list in CSR order.
     */
    static int[] csrOrder(Connector c, int count) {
        int[] order = new int[count];
        if (!(c instanceof Connector.Explicit x)) {
            for (int k = 0; k < count; k++) order[k] = k;
            return order;
        }
        long[] keyed = new long[count];
        for (int i = 0; i < count; i++) keyed[i] = ((long) x.preAt(i) << 32) | x.postAt(i);
        Integer[] idx = new Integer[count];
        for (int i = 0; i < count; i++) idx[i] = i;
        java.util.Arrays.sort(idx, java.util.Comparator.comparingLong(i -> keyed[i]));
        for (int k = 0; k < count; k++) order[k] = idx[k];
        return order;
    }
}
