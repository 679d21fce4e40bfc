package org.engram.nativelib.kernel;

import org.engram.nativelib.Binding;
import org.engram.nativelib.NativeException;
import org.engram.support.rng.Philox;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Every pointer and length is checked at the boundary: bad calls are exceptions with messages, never crashes. */
class KernelBoundaryTest {
    private static NativeException fails(NativeException.Code code, String text, org.junit.jupiter.api.function.Executable call) {
        NativeException e = assertThrows(NativeException.class, call);
        assertEquals(code, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(text), "message names the problem: " + e.getMessage());
        return e;
    }

    @ParameterizedTest
    @EnumSource(Binding.class)
    void versionAndGeneratorAgreeWithJava(Binding b) {
        assertEquals(KernelAbi.ABI_VERSION, Kernels.abiVersion(b));
        assertEquals(0x6627e8d5, Kernels.philox(b, 0, 0, 0, 0, 0)[0], "Random123 known answer");
        Random rnd = new Random(4);
        for (int i = 0; i < 200; i++) {
            long seed = rnd.nextLong();
            int c0 = rnd.nextInt(), c1 = rnd.nextInt(), c2 = rnd.nextInt(), c3 = rnd.nextInt();
            int[] java = new int[4];
            Philox.block((int) seed, (int) (seed >>> 32), c0, c1, c2, c3, java);
            assertArrayEquals(java, Kernels.philox(b, seed, c0, c1, c2, c3));
        }
    }

    @ParameterizedTest
    @EnumSource(Binding.class)
    void badPointersLengthsAndIndicesAreRefused(Binding b) {
        fails(NativeException.Code.RANGE, "ek_create", () -> Kernel.create(b, -5, 500, 1, 2, 15, 16));
        try (Kernel k = Kernel.create(b, 1000, 500, 1, 2, 15, 16)) {
            fails(NativeException.Code.NULL_POINTER, "params is NULL", () -> k.setNeurons(null));
            fails(NativeException.Code.LENGTH, "params has length 19, expected 20", () -> k.setNeurons(new int[19]));
            int[] params = new int[20];
            params[KernelAbi.NEURON_REF_STEPS * 2 + 1] = -3;
            fails(NativeException.Code.RANGE, "neuron 1 has a negative refractory count", () -> k.setNeurons(params));
            params[KernelAbi.NEURON_REF_STEPS * 2 + 1] = 3;
            params[KernelAbi.NEURON_OU_STIMULUS * 2] = params[KernelAbi.NEURON_OU_STIMULUS * 2 + 1] = -1;
            params[KernelAbi.NEURON_V_TH * 2] = params[KernelAbi.NEURON_V_TH * 2 + 1] = 1 << 20;   // never reached from rest 0
            k.setNeurons(params);
            fails(NativeException.Code.LENGTH, "table has length 5", () -> k.setNormalTable(new int[5]));
            fails(NativeException.Code.STATE, "ek_prepare was not called", () -> k.run(10));
            fails(NativeException.Code.RANGE, "projection 0: post[1] = 2 outside [0, 2)",
                    () -> k.addProjection(0, 1, 15, -1, 0, new int[]{0, 2}, new int[]{1, 2}, null));
            fails(NativeException.Code.LENGTH, "start has length 3, expected 2",
                    () -> k.addProjection(0, 1, 15, -1, 0, new int[]{0, 1, 1}, new int[]{1}, null));
            fails(NativeException.Code.RANGE, "delay 99 steps outside [1, 15]",
                    () -> k.addProjection(0, 1, 99, -1, 0, new int[]{0, 1}, new int[]{1}, null));
            fails(NativeException.Code.RANGE, "rule 0 outside [-1, 0)",
                    () -> k.addProjection(0, 1, 5, 0, 0, new int[]{0, 1}, new int[]{1}, new int[]{0}));
            fails(NativeException.Code.RANGE, "stimulus 0: neurons[0] = 7",
                    () -> k.addStimulus(KernelAbi.STIM_SPIKES, 0, 0, 0, 1, new int[]{7}, null, null, new long[]{3}));
            fails(NativeException.Code.RANGE, "events not strictly increasing",
                    () -> k.addStimulus(KernelAbi.STIM_SPIKES, 0, 0, 0, 1, new int[]{0}, null, null, new long[]{3, 3}));
            assertThrows(IllegalArgumentException.class,
                    () -> k.addStimulus(KernelAbi.STIM_POISSON, 0, 0, 0, 1, new int[]{0}, new long[]{1, 2}, new long[]{3}, null));
            assertThrows(IllegalArgumentException.class,
                    () -> k.setPlastic(2, new int[2], new int[2], new int[1], new int[2], new int[2], new int[3], new int[2]));
            fails(NativeException.Code.RANGE, "spike recording 0: neurons [1, 3)", () -> k.addSpikeRecording(1, new byte[2], 0, 10));
            fails(NativeException.Code.LENGTH, "MEAN over no elements", () -> k.addTrace(0, true, new int[0], 0, 1, 5, false, 0));
            fails(NativeException.Code.RANGE, "trace 0: elements[0] = 9", () -> k.addTrace(0, false, new int[]{9}, 0, 1, 5, false, 0));
            fails(NativeException.Code.LENGTH, "not a count of pairs", () -> k.setSwitches(new long[]{1, 0, 2}));
            fails(NativeException.Code.LENGTH, "not a count of pairs", () -> k.setFastForward(1e-3, new long[]{1, 5, 7}));
            fails(NativeException.Code.RANGE, "window 0 [5, 5)", () -> k.setFastForward(1e-3, new long[]{5, 5}));
            fails(NativeException.Code.RANGE, "window 0 [900, 1001)", () -> k.setFastForward(1e-3, new long[]{900, 1001}));
            fails(NativeException.Code.RANGE, "window 0 [-1, 5)", () -> k.setFastForward(1e-3, new long[]{-1, 5}));
            fails(NativeException.Code.RANGE, "window 1 starts at 40, before the previous one stops (50)",
                    () -> k.setFastForward(1e-3, new long[]{10, 50, 40, 60}));
            fails(NativeException.Code.RANGE, "dt must be positive", () -> k.setFastForward(0, new long[]{10, 50}));
            fails(NativeException.Code.LENGTH, "constants has length 3, expected 8", () -> k.setLatePhase(0, new double[3]));
            fails(NativeException.Code.RANGE, "rule 0 outside [0, 0)", () -> k.setLatePhase(0, new double[KernelAbi.LATE_FIELDS]));
            k.setFastForward(1e-3, new long[]{10, 50, 50, 60, 100, 1000});   // back to back and up to the end: accepted
            k.setFastForward(1e-3, new long[0]);
            fails(NativeException.Code.STATE, "ek_set_normal_table was not called", k::prepare);
            k.setNormalTable(new int[KernelAbi.NORMAL_TABLE_SIZE]);
            k.addSpikeRecording(0, new byte[]{1, 1}, 0, Long.MAX_VALUE);
            k.prepare();
            fails(NativeException.Code.STATE, "already prepared", () -> k.setNormalTable(new int[KernelAbi.NORMAL_TABLE_SIZE]));
            assertTrue(k.run(Long.MAX_VALUE), "a silent network runs to its end");
            assertEquals(0, k.spikes().size());
            assertEquals(1000, k.counters()[KernelAbi.COUNTER_STEP]);
            fails(NativeException.Code.RANGE, "synapse 0 outside [0, 0)", () -> k.readSynapse(0, 1000));
        }
        try (Kernel small = Kernel.create(b, 1000, 500, 1, 4, 15, 2)) {
            int[] params = new int[40];
            for (int i = 0; i < 4; i++) params[KernelAbi.NEURON_OU_STIMULUS * 4 + i] = -1;
            small.setNeurons(params);
            small.setNormalTable(new int[KernelAbi.NORMAL_TABLE_SIZE]);
            small.addSpikeRecording(0, new byte[]{1, 1, 1, 1}, 0, Long.MAX_VALUE);
            small.prepare();
            fails(NativeException.Code.LENGTH, "spike capacity 2 is below 4", () -> small.run(10));
        }
        Kernel closed = Kernel.create(b, 10, 5, 1, 1, 1, 1);
        closed.close();
        closed.close();   // idempotent
        assertThrows(IllegalStateException.class, () -> closed.setNeurons(new int[10]));
    }
}
