package org.engram.hal.device;

import java.time.Instant;

/** Where a result came from: enough to rerun it and to know what produced it. */
public record Provenance(String deviceUri, String engine, String engineVersion, long seed, String experimentName,
                         String experimentSha256, Instant startedAt, double wallSeconds, double simulatedSeconds,
                         int threads) {
    /** SHA-256 of an experiment's canonical text form (records print every field): the experimentSha256. */
    public static String digestOf(org.engram.hal.model.Experiment e) {
        try {
            var md = java.security.MessageDigest.getInstance("SHA-256");
            return java.util.HexFormat.of().formatHex(md.digest(e.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
