package org.engram.cli;

import org.engram.hal.device.Devices;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** The experiment file and device URI that {@code run} and {@code check} share (a picocli mixin). */
final class ExperimentOptions {
    @Parameters(paramLabel = "FILE", description = "Experiment file (.yaml, .yml or .json).")
    Path file;

    @Option(names = {"-d", "--device"}, paramLabel = "URI", defaultValue = Devices.DEFAULT_URI,
            description = "Device URI (default: ${DEFAULT-VALUE}).")
    String device;
}
