package org.engram.cli;

import org.engram.hal.device.RunResult;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 over a run's recorded data: equal hashes mean bit-identical results, which is what the
 * bit-accurate emulator promises for a given seed. Provenance (wall time, start time) is left out on
 * purpose. Order: traces by recording name (name, times, each series' values), then spike recordings by
 * name (name, times, neurons); numbers as big-endian IEEE-754 doubles / 32-bit ints, each block prefixed
 * by its length so that no two different results can share a byte stream.
 */
final class ResultHash {
    private ResultHash() {}

    static String sha256(RunResult result) {
        Digest d = new Digest();
        result.traces().stream().sorted(Comparator.comparing(RunResult.TraceData::recording)).forEach(t -> {
            d.string("trace").string(t.recording()).doubles(t.times());
            d.integer(t.values().length);
            for (double[] series : t.values()) d.doubles(series);
        });
        for (Map.Entry<String, RunResult.SpikeData> e : new TreeMap<>(result.spikes()).entrySet()) {
            d.string("spikes").string(e.getKey()).doubles(e.getValue().times()).ints(e.getValue().neurons());
        }
        return d.hex();
    }

    /** Feeds a MessageDigest through a buffer: traces can hold millions of samples. */
    private static final class Digest {
        private final MessageDigest md;
        private final ByteBuffer buf = ByteBuffer.allocate(1 << 16); // big-endian by default

        Digest() {
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }

        Digest string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            integer(b.length);
            flushIfFull(b.length);
            if (b.length > buf.remaining()) md.update(b);
            else buf.put(b);
            return this;
        }

        Digest integer(int v) {
            flushIfFull(Integer.BYTES);
            buf.putInt(v);
            return this;
        }

        Digest doubles(double[] values) {
            integer(values.length);
            for (double v : values) {
                flushIfFull(Double.BYTES);
                buf.putDouble(v);
            }
            return this;
        }

        Digest ints(int[] values) {
            integer(values.length);
            for (int v : values) integer(v);
            return this;
        }

        private void flushIfFull(int needed) {
            if (buf.remaining() < needed) flush();
        }

        private void flush() {
            buf.flip();
            md.update(buf);
            buf.clear();
        }

        String hex() {
            flush();
            return HexFormat.of().formatHex(md.digest());
        }
    }
}
