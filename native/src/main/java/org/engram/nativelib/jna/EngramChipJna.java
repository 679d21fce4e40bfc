package org.engram.nativelib.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import org.engram.nativelib.NativeLibraries;

/** engram_chip.h through JNA direct mapping; ec_info is passed as raw memory (layout in ec_info / the header). */
public final class EngramChipJna {
    static {
        Native.register(EngramChipJna.class, NativeLibrary.getInstance(NativeLibraries.chip().toString()));
    }

    private EngramChipJna() {}

    public static native int ec_abi_version();
    public static native String ec_strerror(int code);
    public static native int ec_open(String uri, PointerByReference out);
    public static native int ec_query(Pointer dev, Pointer info);
    public static native int ec_last_error(Pointer dev, Pointer buf, long cap);
    public static native int ec_write_config(Pointer dev, int block, Pointer words, long len);
    public static native int ec_load_program(Pointer dev, Pointer words, long len);
    public static native int ec_write_memory(Pointer dev, long address, Pointer words, long len);
    public static native int ec_read_memory(Pointer dev, long address, Pointer words, long len);
    public static native int ec_run(Pointer dev, Pointer times, Pointer targets, long events, long duration);
    public static native int ec_read_spikes(Pointer dev, Pointer times, Pointer sources, long cap, Pointer count);
    public static native int ec_read_samples(Pointer dev, Pointer values, long cap, Pointer count);
    public static native int ec_close(Pointer dev);
}
