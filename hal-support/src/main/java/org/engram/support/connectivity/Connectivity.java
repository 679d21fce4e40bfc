package org.engram.support.connectivity;

import org.engram.support.collect.IntList;
import org.engram.support.rng.Seeds;

import org.engram.hal.model.Connector;
import org.engram.support.rng.Philox;
import org.engram.support.rng.Streams;

import java.util.Arrays;

/**
 * A connector materialised as CSR arrays (start per pre neuron, post indices sorted within each row),
 * from the experiment seed and the projection's index: every backend that needs the same synapses as the
 * emulator (the BrainScaleS-2 placement, the native kernel) draws them here.
 */
public final class Connectivity {
    private Connectivity() {}

    /**
     * {start, post} of a projection from a population of nPre to one of nPost neurons (local indices);
     * {@code same} excludes self-connections unless the connector allows them.
     */
    public static int[][] csr(Connector c, int nPre, int nPost, boolean same, long seed, int projIndex) {
        int[] start = new int[nPre + 1];
        IntList post = new IntList();
        switch (c) {
            case Connector.AllToAll a -> {
                for (int i = 0; i < nPre; i++) {
                    for (int j = 0; j < nPost; j++) if (!same || a.allowSelf() || i != j) post.add(j);
                    start[i + 1] = post.size;
                }
            }
            case Connector.OneToOne o -> {
                for (int i = 0; i < nPre; i++) {
                    if (i < nPost) post.add(i);
                    start[i + 1] = post.size;
                }
            }
            case Connector.FixedProbability f -> {
                long cs = f.seed() != 0 ? f.seed() : Seeds.mix(seed, 0x434F4E4EL + projIndex);
                long threshold = (long) StrictMath.floor(f.p() * 4294967296.0);
                for (int i = 0; i < nPre; i++) {
                    for (int j = 0; j < nPost; j++) {
                        if (same && !f.allowSelf() && i == j) continue;
                        long u = Philox.draw(cs, Streams.CONNECTIVITY, i, j) & 0xFFFFFFFFL;
                        if (u < threshold) post.add(j);
                    }
                    start[i + 1] = post.size;
                }
            }
            case Connector.Explicit x -> {
                long[] pairs = new long[x.size()];
                for (int i = 0; i < x.size(); i++) pairs[i] = ((long) x.preAt(i) << 32) | x.postAt(i);
                Arrays.sort(pairs);
                for (long pq : pairs) {
                    start[(int) (pq >>> 32) + 1]++;
                    post.add((int) pq);
                }
                for (int i = 0; i < nPre; i++) start[i + 1] += start[i];
            }
        }
        return new int[][]{start, post.toArray()};
    }
}
