package org.engram.nativelib.chip;

import org.engram.nativelib.Binding;
import org.engram.nativelib.NativeException;
import org.engram.nativelib.NativeLibraries;
import org.engram.nativelib.ffi.ec_info;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

import static org.engram.nativelib.ffi.engram_chip_h.*;

/** The chip driver ABI through FFM (jextract-shaped {@code engram_chip_h}, {@code ec_info}). */
final class FfmChip implements ChipDriver {
    static {
        NativeLibraries.loadForFfm(NativeLibraries.chip());
    }

    private static final int CHUNK = 4096;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment handle;
    private boolean closed;

    FfmChip(String uri) {
        MemorySegment out = arena.allocate(C_POINTER);
        int rc = ec_open(uri == null ? MemorySegment.NULL : arena.allocateFrom(uri), out);
        if (rc < 0) {
            String what = ec_strerror(rc).reinterpret(256).getString(0);
            arena.close();
            throw new NativeException("ec_open", rc, what + ": " + uri);
        }
        handle = out.get(C_POINTER, 0);
    }

    private void open() {
        if (closed) throw new IllegalStateException("chip device is closed");
    }

    private void check(String function, int rc) {
        if (rc >= 0) return;
        MemorySegment buf = arena.allocate(256);
        ec_last_error(handle, buf, 256);
        throw new NativeException(function, rc, buf.getString(0));
    }

    private static MemorySegment ints(Arena a, int[] x) {
        return x == null ? MemorySegment.NULL : a.allocateFrom(C_INT, x);
    }

    @Override public Binding binding() { return Binding.FFM; }

    @Override
    public Info query() {
        open();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment info = ec_info.allocate(a);
            ec_info.struct_size(info, (int) ec_info.sizeof());
            check("ec_query", ec_query(handle, info));
            return new Info(ec_info.abi_version(info), ec_info.capabilities(info), ec_info.neurons(info), ec_info.config_blocks(info),
                    ec_info.memory_words(info), ec_info.config_block_words(info), ec_info.max_program_words(info),
                    ec_info.max_events(info), ec_info.tick_ns(info), ec_info.name(info).getString(0));
        }
    }

    @Override
    public void writeConfig(int block, int[] words) {
        open();
        try (Arena a = Arena.ofConfined()) {
            check("ec_write_config", ec_write_config(handle, block, ints(a, words), words == null ? 0 : words.length));
        }
    }

    @Override
    public void loadProgram(int[] words) {
        open();
        try (Arena a = Arena.ofConfined()) {
            check("ec_load_program", ec_load_program(handle, ints(a, words), words == null ? 0 : words.length));
        }
    }

    @Override
    public void writeMemory(long address, int[] words) {
        open();
        try (Arena a = Arena.ofConfined()) {
            check("ec_write_memory", ec_write_memory(handle, address, ints(a, words), words == null ? 0 : words.length));
        }
    }

    @Override
    public int[] readMemory(long address, int length) {
        open();
        if (length < 0) throw new IllegalArgumentException("ec_read_memory: negative length " + length);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(C_INT, Math.max(1, length));
            check("ec_read_memory", ec_read_memory(handle, address, out, length));
            return Arrays.copyOf(out.toArray(ValueLayout.JAVA_INT), length);
        }
    }

    @Override
    public void run(long[] times, int[] targets, long duration) {
        open();
        int n = times == null ? 0 : times.length;
        if (targets != null && targets.length != n) {
            throw new IllegalArgumentException("ec_run: " + n + " event times but " + targets.length + " targets");
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment t = times == null ? MemorySegment.NULL : a.allocateFrom(C_LONG, times);
            check("ec_run", ec_run(handle, t, ints(a, targets), n, duration));
        }
    }

    @Override
    public Spikes readSpikes() {
        open();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment t = a.allocate(C_LONG, CHUNK), s = a.allocate(C_INT, CHUNK), count = a.allocate(C_LONG);
            long[] times = new long[0];
            int[] sources = new int[0];
            while (true) {
                check("ec_read_spikes", ec_read_spikes(handle, t, s, CHUNK, count));
                int n = (int) count.get(C_LONG, 0);
                if (n == 0) return new Spikes(times, sources);
                int at = times.length;
                times = Arrays.copyOf(times, at + n);
                sources = Arrays.copyOf(sources, at + n);
                MemorySegment.copy(t, C_LONG, 0, times, at, n);
                MemorySegment.copy(s, C_INT, 0, sources, at, n);
            }
        }
    }

    @Override
    public int[] readSamples() {
        open();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(C_INT, CHUNK), count = a.allocate(C_LONG);
            int[] out = new int[0];
            while (true) {
                check("ec_read_samples", ec_read_samples(handle, v, CHUNK, count));
                int n = (int) count.get(C_LONG, 0);
                if (n == 0) return out;
                int at = out.length;
                out = Arrays.copyOf(out, at + n);
                MemorySegment.copy(v, C_INT, 0, out, at, n);
            }
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        ec_close(handle);
        arena.close();
    }
}
