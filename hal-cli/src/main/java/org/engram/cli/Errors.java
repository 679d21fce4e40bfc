package org.engram.cli;

import org.engram.hal.device.DoesNotFitException;
import org.engram.hal.device.NoSuchDeviceException;
import org.engram.hal.io.ExperimentFormatException;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;

/**
 * Turns failures into "engram: message" on stderr plus an exit code. Commands route their bodies through
 * {@link #run} so the mapping holds however the {@code CommandLine} was built (tests build their own);
 * {@link EngramCli#commandLine()} also installs {@link #report} for anything that escapes.
 * Set ENGRAM_DEBUG=1 to get stack traces.
 */
final class Errors {
    private static final boolean DEBUG = System.getenv("ENGRAM_DEBUG") != null;

    private Errors() {}

    static int run(CommandSpec spec, Callable<Integer> body) {
        try {
            return body.call();
        } catch (Exception e) {
            return report(e, spec.commandLine().getErr());
        }
    }

    static int report(Throwable e, PrintWriter err) {
        err.println("engram: " + message(e));
        if (DEBUG) e.printStackTrace(err);
        err.flush();
        return exitCode(e);
    }

    static int exitCode(Throwable e) {
        return switch (e) {
            case CliException c -> c.exitCode();
            case ExperimentFormatException x -> ExitCodes.BAD_INPUT;
            case IOException x -> ExitCodes.BAD_INPUT;
            case UncheckedIOException x -> ExitCodes.BAD_INPUT;
            case DoesNotFitException x -> ExitCodes.DOES_NOT_FIT;
            case NoSuchDeviceException x -> ExitCodes.BAD_INPUT;   // a device URI nothing serves: a usage error
            default -> ExitCodes.FAILURE;
        };
    }

    /** File-system exceptions carry only the path as message; say what went wrong with it. */
    private static String message(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null) e = u.getCause();
        return switch (e) {
            case NoSuchFileException x -> "no such file: " + x.getFile();
            case AccessDeniedException x -> "permission denied: " + x.getFile();
            default -> e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
