package org.engram.nativelib;

/** A C call returned an error code: the function, the code's meaning, and the library's message. */
public class NativeException extends RuntimeException {
    /** The error codes shared by engram_kernel.h (EK_ERR_*) and engram_chip.h (EC_ERR_*). */
    public enum Code {
        NULL_POINTER(-1), LENGTH(-2), RANGE(-3), STATE(-4), NO_MEMORY(-5), INTERNAL(-6), NO_DEVICE(-7), VERSION(-8),
        IO(-9), TIMEOUT(-10), UNKNOWN(Integer.MIN_VALUE);

        public final int value;

        Code(int value) { this.value = value; }

        public static Code of(int value) {
            for (Code c : values()) if (c.value == value) return c;
            return UNKNOWN;
        }
    }

    private final Code code;
    private final String function;

    public NativeException(String function, int rc, String message) {
        super(function + " failed with " + Code.of(rc) + " (" + rc + ")" + (message == null || message.isEmpty() ? "" : ": " + message));
        this.code = Code.of(rc);
        this.function = function;
    }

    public Code code() { return code; }
    public String function() { return function; }
}
