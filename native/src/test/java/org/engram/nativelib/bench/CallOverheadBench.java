package org.engram.nativelib.bench;

import com.sun.jna.Memory;
import org.engram.nativelib.NativeLibraries;
import org.engram.nativelib.jna.EngramKernelJna;
import org.openjdk.jmh.annotations.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

import static org.engram.nativelib.ffi.engram_kernel_h.*;

/**
 * Per-call cost of the two bindings on the same C functions: a no-argument call and a call that writes
 * four words into caller memory (ek_philox_block). Run: see docs/native.md, "Benchmarks".
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class CallOverheadBench {
    private MemorySegment out;
    private Memory jnaOut;
    private int counter;

    @Setup
    public void setup() {
        NativeLibraries.loadForFfm(NativeLibraries.kernel());
        out = Arena.global().allocate(C_INT, 4);
        jnaOut = new Memory(16);
        EngramKernelJna.ek_abi_version();
    }

    @Benchmark public int ffmNoArgs() { return ek_abi_version(); }

    @Benchmark public int jnaNoArgs() { return EngramKernelJna.ek_abi_version(); }

    @Benchmark public int ffmPhilox() { return ek_philox_block(7, counter++, 0, 1, 2, out, 4) + out.getAtIndex(C_INT, 0); }

    @Benchmark public int jnaPhilox() { return EngramKernelJna.ek_philox_block(7, counter++, 0, 1, 2, jnaOut, 4) + jnaOut.getInt(0); }
}
