package org.engram.nativelib.chip;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import org.engram.nativelib.Binding;
import org.engram.nativelib.NativeException;
import org.engram.nativelib.ffi.ec_info;

import java.util.Arrays;

import static org.engram.nativelib.jna.EngramChipJna.*;
import static org.engram.nativelib.jna.JnaMemory.ints;

/** The chip driver ABI through JNA; ec_info read at the offsets of the jextract layout. */
final class JnaChip implements ChipDriver {
    private static final int CHUNK = 4096;
    private final Pointer handle;
    private boolean closed;

    JnaChip(String uri) {
        PointerByReference out = new PointerByReference();
        int rc = ec_open(uri, out);
        if (rc < 0) throw new NativeException("ec_open", rc, ec_strerror(rc) + ": " + uri);
        handle = out.getValue();
    }

    private void open() {
        if (closed) throw new IllegalStateException("chip device is closed");
    }

    private void check(String function, int rc) {
        if (rc >= 0) return;
        Memory buf = new Memory(256);
        ec_last_error(handle, buf, 256);
        throw new NativeException(function, rc, buf.getString(0));
    }

    @Override public Binding binding() { return Binding.JNA; }

    @Override
    public Info query() {
        open();
        Memory info = new Memory(ec_info.sizeof());
        info.clear();
        info.setInt(ec_info.struct_size$offset(), (int) ec_info.sizeof());
        check("ec_query", ec_query(handle, info));
        return new Info(info.getInt(ec_info.abi_version$offset()), info.getLong(ec_info.capabilities$offset()),
                info.getInt(ec_info.neurons$offset()), info.getInt(ec_info.config_blocks$offset()),
                info.getLong(ec_info.memory_words$offset()), info.getInt(ec_info.config_block_words$offset()),
                info.getInt(ec_info.max_program_words$offset()), info.getInt(ec_info.max_events$offset()),
                info.getInt(ec_info.tick_ns$offset()), info.getString(ec_info.name$offset()));
    }

    @Override
    public void writeConfig(int block, int[] words) {
        open();
        check("ec_write_config", ec_write_config(handle, block, ints(words), words == null ? 0 : words.length));
    }

    @Override
    public void loadProgram(int[] words) {
        open();
        check("ec_load_program", ec_load_program(handle, ints(words), words == null ? 0 : words.length));
    }

    @Override
    public void writeMemory(long address, int[] words) {
        open();
        check("ec_write_memory", ec_write_memory(handle, address, ints(words), words == null ? 0 : words.length));
    }

    @Override
    public int[] readMemory(long address, int length) {
        open();
        if (length < 0) throw new IllegalArgumentException("ec_read_memory: negative length " + length);
        Memory out = new Memory(Math.max(4, 4L * length));
        check("ec_read_memory", ec_read_memory(handle, address, out, length));
        return out.getIntArray(0, length);
    }

    @Override
    public void run(long[] times, int[] targets, long duration) {
        open();
        int n = times == null ? 0 : times.length;
        if (targets != null && targets.length != n) {
            throw new IllegalArgumentException("ec_run: " + n + " event times but " + targets.length + " targets");
        }
        Memory t = null;
        if (times != null) {
            t = new Memory(Math.max(8, 8L * n));
            if (n > 0) t.write(0, times, 0, n);
        }
        check("ec_run", ec_run(handle, t, ints(targets), n, duration));
    }

    @Override
    public Spikes readSpikes() {
        open();
        Memory t = new Memory(8L * CHUNK), s = new Memory(4L * CHUNK), count = new Memory(8);
        long[] times = new long[0];
        int[] sources = new int[0];
        while (true) {
            check("ec_read_spikes", ec_read_spikes(handle, t, s, CHUNK, count));
            int n = (int) count.getLong(0);
            if (n == 0) return new Spikes(times, sources);
            int at = times.length;
            times = Arrays.copyOf(times, at + n);
            sources = Arrays.copyOf(sources, at + n);
            t.read(0, times, at, n);
            s.read(0, sources, at, n);
        }
    }

    @Override
    public int[] readSamples() {
        open();
        Memory v = new Memory(4L * CHUNK), count = new Memory(8);
        int[] out = new int[0];
        while (true) {
            check("ec_read_samples", ec_read_samples(handle, v, CHUNK, count));
            int n = (int) count.getLong(0);
            if (n == 0) return out;
            int at = out.length;
            out = Arrays.copyOf(out, at + n);
            v.read(0, out, at, n);
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        ec_close(handle);
    }
}
