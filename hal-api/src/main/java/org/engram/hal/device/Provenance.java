package org.engram.hal.device;

import com.google.protobuf.CodedOutputStream;
import org.engram.hal.io.ExperimentEncoder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** Where a result came from: enough to rerun it and to know what produced it. */
public record Provenance(String deviceUri, String engine, String engineVersion, long seed, String experimentName,
                         String experimentSha256, Instant startedAt, double wallSeconds, double simulatedSeconds,
                         int threads) {
    /**
     * The experimentSha256: SHA-256 of the experiment's {@code engram.v1.Experiment} message (as
     * {@link ExperimentEncoder} writes it) in protobuf's deterministic serialisation, as result.proto
     * says. Every field counts, explicit connections included; a model's {@code toString()} does not
     * print every field, so it cannot be the identity.
     */
    public static String digestOf(org.engram.hal.model.Experiment e) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
        // streamed into the digest: a large explicit connector is not copied into one byte array
        OutputStream sink = new OutputStream() {
            @Override public void write(int b) { md.update((byte) b); }
            @Override public void write(byte[] b, int off, int len) { md.update(b, off, len); }
        };
        try {
            CodedOutputStream out = CodedOutputStream.newInstance(sink);
            out.useDeterministicSerialization();
            ExperimentEncoder.encode(e).writeTo(out);
            out.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex); // the sink does not throw
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
