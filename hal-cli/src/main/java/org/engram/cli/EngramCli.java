package org.engram.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** The {@code engram} command: entry point and root of the subcommands. */
@Command(name = "engram", mixinStandardHelpOptions = true, version = "engram " + EngramCli.VERSION,
        description = "Run spiking-network experiments on neuromorphic devices and the Engram emulator.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure (device error, failed run)", "2:bad experiment file or usage",
                "3:the experiment does not fit the device"},
        subcommands = {RunCommand.class, CheckCommand.class, DevicesCommand.class, BenchCommand.class, ServeCommand.class,
                ConnectivityCommand.class, CommandLine.HelpCommand.class})
public final class EngramCli implements Callable<Integer> {
    public static final String VERSION = "0.1.0";

    static {
        // plots are rendered into images: never look for a display (also when tests build the CLI directly)
        System.setProperty("java.awt.headless", "true");
    }

    @Spec CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The CLI with a handler that prints whatever escapes a command as one line instead of a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new EngramCli());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> Errors.report(e, cmd.getErr()));
        return cl;
    }

    /** {@code engram} alone: show the usage (on stderr, as a usage error). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_INPUT;
    }
}
