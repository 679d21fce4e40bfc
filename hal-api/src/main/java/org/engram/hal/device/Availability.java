package org.engram.hal.device;

import java.util.Objects;

/**
 * Whether a provider can open devices in this process, and if not, why and what to do about it (as in
 * grpc-java's ManagedChannelProvider.isAvailable(), with the reason kept for the error message).
 *
 * @param available true when the provider's devices can be opened here
 * @param reason    why not (empty when available), e.g. "native library libengram.so is not on the class path"
 * @param fix       what the user can do (empty when available), e.g. "./mvnw -pl native -am package"
 */
public record Availability(boolean available, String reason, String fix) {
    public static final Availability AVAILABLE = new Availability(true, "", "");

    public Availability {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(fix, "fix");
        if (!available && reason.isBlank()) throw new IllegalArgumentException("an unavailable provider must say why");
    }

    /** Unavailable, with the reason and the fix. */
    public static Availability unavailable(String reason, String fix) {
        return new Availability(false, reason, fix);
    }

    /** "available", or "unavailable: reason (fix: ...)". */
    @Override
    public String toString() {
        return available ? "available" : "unavailable: " + reason + (fix.isBlank() ? "" : " (fix: " + fix + ")");
    }
}
