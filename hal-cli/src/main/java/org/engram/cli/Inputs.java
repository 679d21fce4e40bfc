package org.engram.cli;

import org.engram.hal.device.Device;
import org.engram.hal.device.DeviceProvider;
import org.engram.hal.device.Devices;
import org.engram.hal.io.ExperimentFiles;
import org.engram.hal.io.ExperimentFormatException;
import org.engram.hal.model.Experiment;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What the user names on the command line: experiment files and device URIs. Every way a file or a URI
 * can be wrong becomes a bad-input error (exit code 2).
 */
final class Inputs {
    private Inputs() {}

    /**
     * Opens the device a user named. A URI without a scheme, with a scheme no provider serves, or with
     * options its provider rejects is the user's mistake, not a failed run: exit 2, naming the URI.
     */
    static Device device(String uri) {
        try {
            return Devices.open(uri);
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage() == null ? "not a device URI" : e.getMessage();
            if (!msg.contains("available") && !msg.contains("schemes")) {
                msg += " (available schemes: " + Devices.providers().stream().map(DeviceProvider::scheme).toList() + ")";
            }
            throw new CliException(ExitCodes.BAD_INPUT, "device '" + uri + "': " + msg);
        }
    }

    static Experiment read(Path file) throws IOException {
        try {
            return ExperimentFiles.read(file);
        } catch (ExperimentFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // a model rule the format check did not turn into a field path: still the file's fault
            throw new CliException(ExitCodes.BAD_INPUT, file + ": invalid experiment: " + e.getMessage());
        }
    }
}
