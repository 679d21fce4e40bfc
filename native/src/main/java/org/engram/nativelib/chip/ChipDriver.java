package org.engram.nativelib.chip;

import org.engram.nativelib.Binding;

/**
 * A chip reached through the driver ABI (engram_chip.h), through either binding. The built-in driver
 * library serves {@code loopback:}; {@code -Dengram.chip.lib=/path/libdriver.so} loads a lab's driver.
 * Errors are {@link org.engram.nativelib.NativeException}s with the driver's message.
 */
public interface ChipDriver extends AutoCloseable {
    Info query();
    void writeConfig(int block, int[] words);
    void loadProgram(int[] words);
    void writeMemory(long address, int[] words);
    int[] readMemory(long address, int length);
    /** Runs input events (times in ticks, non-decreasing; targets) for {@code duration} ticks. */
    void run(long[] times, int[] targets, long duration);
    /** All output spikes of the last run: {times, sources as long}. */
    Spikes readSpikes();
    int[] readSamples();
    Binding binding();
    @Override void close();

    record Info(int abiVersion, long capabilities, int neurons, int configBlocks, long memoryWords, int configBlockWords,
                int maxProgramWords, int maxEvents, int tickNs, String name) {}

    record Spikes(long[] times, int[] sources) {}

    static ChipDriver open(Binding binding, String uri) {
        return binding == Binding.FFM ? new FfmChip(uri) : new JnaChip(uri);
    }
}
