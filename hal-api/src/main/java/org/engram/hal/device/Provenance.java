package org.engram.hal.device;

import java.time.Instant;

/** Where a result came from: enough to rerun it and to know what produced it. */
public record Provenance(String deviceUri, String engine, String engineVersion, long seed, String experimentName,
                         String experimentSha256, Instant startedAt, double wallSeconds, double simulatedSeconds,
                         int threads) {}
