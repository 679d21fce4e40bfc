package org.engram.nativelib.chip;

import org.engram.nativelib.Binding;
import org.engram.nativelib.NativeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.*;

/** The whole chip driver binding against the loopback device, through both bindings. */
class ChipLoopbackTest {
    @ParameterizedTest
    @EnumSource(Binding.class)
    void queryConfigureRunAndReadBack(Binding b) {
        try (ChipDriver chip = ChipDriver.open(b, "loopback:")) {
            ChipDriver.Info info = chip.query();
            assertEquals(1, info.abiVersion());
            assertEquals("engram loopback", info.name());
            assertEquals(32, info.capabilities() & 32, "loopback capability bit");
            assertEquals(4096, info.memoryWords());
            chip.writeConfig(0, new int[]{7, 0xCAFE});          // word 0: echo delay of 7 ticks
            chip.writeConfig(3, new int[]{-1, 42});
            assertArrayEquals(new int[]{7, 0xCAFE}, chip.readMemory(0, 2));
            assertArrayEquals(new int[]{-1, 42}, chip.readMemory(3 * 64, 2));
            chip.loadProgram(new int[]{100, 200, 300});
            int n = 10_000;                                       // more than one read chunk
            long[] times = new long[n];
            int[] targets = new int[n];
            for (int i = 0; i < n; i++) {
                times[i] = i / 2;
                targets[i] = i % 3;
            }
            chip.run(times, targets, 5000);
            ChipDriver.Spikes out = chip.readSpikes();
            int expected = 0;
            for (long t : times) if (t + 7 < 5000) expected++;
            assertEquals(expected, out.times().length, "echoes that fall inside the run");
            assertEquals(7, out.times()[0]);
            assertEquals(1, out.sources()[1]);
            assertEquals(times[n / 2] + 7, out.times()[n / 2]);
            int[] samples = chip.readSamples();
            assertArrayEquals(new int[]{100 + 3334, 200 + 3333, 300 + 3333}, samples, "program word + events per neuron");
            assertEquals(1, chip.readMemory(4095, 1)[0], "run counter");
            assertEquals(b, chip.binding());
        }
    }

    @ParameterizedTest
    @EnumSource(Binding.class)
    void badArgumentsAreClearExceptionsNotCrashes(Binding b) {
        NativeException none = assertThrows(NativeException.class, () -> ChipDriver.open(b, "usb:0"));
        assertEquals(NativeException.Code.NO_DEVICE, none.code());
        assertTrue(none.getMessage().contains("usb:0"), none.getMessage());
        try (ChipDriver chip = ChipDriver.open(b, "loopback:")) {
            NativeException e = assertThrows(NativeException.class, () -> chip.readSpikes());
            assertEquals(NativeException.Code.STATE, e.code());
            assertTrue(e.getMessage().contains("no completed run"), e.getMessage());
            e = assertThrows(NativeException.class, () -> chip.writeConfig(16, new int[]{1}));
            assertEquals(NativeException.Code.RANGE, e.code());
            assertTrue(e.getMessage().contains("block 16 outside [0, 16)"), e.getMessage());
            e = assertThrows(NativeException.class, () -> chip.writeConfig(0, new int[65]));
            assertEquals(NativeException.Code.LENGTH, e.code());
            e = assertThrows(NativeException.class, () -> chip.writeConfig(0, null));
            assertEquals(NativeException.Code.NULL_POINTER, e.code());
            e = assertThrows(NativeException.class, () -> chip.readMemory(4000, 200));
            assertTrue(e.getMessage().contains("[4000, 4200) outside memory"), e.getMessage());
            e = assertThrows(NativeException.class, () -> chip.run(new long[]{5, 3}, new int[]{0, 0}, 10));
            assertTrue(e.getMessage().contains("earlier than the one before"), e.getMessage());
            e = assertThrows(NativeException.class, () -> chip.run(new long[]{5}, new int[]{999}, 10));
            assertTrue(e.getMessage().contains("neuron 999"), e.getMessage());
            assertThrows(NativeException.class, () -> chip.run(new long[]{5}, null, 10));
            assertThrows(IllegalArgumentException.class, () -> chip.run(new long[]{5}, new int[2], 10));
            chip.close();
            assertThrows(IllegalStateException.class, chip::query);
        }
    }
}
