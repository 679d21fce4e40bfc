package org.engram.cli;

import org.engram.hal.device.Device;
import org.engram.hal.device.FitReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.concurrent.Callable;

/** {@code engram check}: does the experiment fit the device? Runs nothing. */
@Command(name = "check", mixinStandardHelpOptions = true, version = "engram " + EngramCli.VERSION, sortOptions = false,
        description = "Check that an experiment is valid and fits a device, without running it.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:fits (perhaps with warnings)", "1:other failure", "2:bad experiment file or device URI",
                "3:does not fit the device"})
final class CheckCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ExperimentOptions input;

    @Override
    public Integer call() {
        return Errors.run(spec, this::execute);
    }

    private int execute() throws IOException {
        // the device URI first: a usage error is reported before the file is read
        try (Device dev = Inputs.device(input.device)) {
            var experiment = Inputs.read(input.file);
            FitReport report = dev.check(experiment);
            spec.commandLine().getOut().println(report);
            spec.commandLine().getOut().flush();
            return report.fits() ? ExitCodes.OK : ExitCodes.DOES_NOT_FIT;
        }
    }
}
