package org.engram.cli;

import org.engram.hal.device.Availability;
import org.engram.hal.device.Capabilities;
import org.engram.hal.device.Device;
import org.engram.hal.device.DeviceProvider;
import org.engram.hal.device.Devices;
import org.engram.hal.device.TimeBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code engram devices}: what every registered provider reports (scheme, availability or the reason
 * and fix, priority, the URIs it offers) and the capabilities of each offered device. Nothing here names
 * a backend: the list is whatever ServiceLoader finds.
 */
@Command(name = "devices", mixinStandardHelpOptions = true, version = "engram " + EngramCli.VERSION,
        description = "List the device providers on the class path, the devices they offer and their capabilities.")
final class DevicesCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        return Errors.run(spec, this::execute);
    }

    private int execute() {
        PrintWriter out = spec.commandLine().getOut();
        List<DeviceProvider> providers = Devices.providers().stream()
                .sorted(Comparator.comparing(DeviceProvider::scheme)).toList();
        out.println("Providers (" + providers.size() + "):");
        if (providers.isEmpty()) out.println("  (none found on the class path)");
        for (DeviceProvider p : providers) {
            Availability a = Devices.availability(p);
            out.println();
            out.println(p.scheme() + ":");
            row(out, "description", p.description());
            row(out, "available", a.available() ? "yes" : "no: " + a.reason());
            if (!a.available() && !a.fix().isBlank()) row(out, "fix", a.fix());
            row(out, "priority", Integer.toString(p.priority()));
            row(out, "devices", p.devices().isEmpty() ? "(none without an address)" : String.join(", ", p.devices()));
            if (!a.available()) continue;
            for (String uri : p.devices()) {
                out.println();
                try (Device d = p.open(uri)) {
                    print(out, uri, d.capabilities());
                } catch (RuntimeException e) {
                    out.println("  " + uri + "  unavailable: " + e.getMessage());
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, String uri, Capabilities c) {
        TimeBase tb = c.timeBase();
        out.println("  " + uri);
        row(out, "  engine", c.engine());
        row(out, "  neurons", sorted(c.neuronModels()));
        row(out, "  synapses", sorted(c.synapseModels()));
        row(out, "  stimuli", sorted(c.stimuli()));
        row(out, "  max neurons", String.format("%,d", c.maxNeurons()));
        row(out, "  max synapses", String.format("%,d", c.maxSynapses()));
        row(out, "  weights", c.weightBits() == 0 ? "floating point" : c.weightBits() + "-bit fixed point");
        row(out, "  time step", Durations.bio(tb.tick()) + ", speed-up " + Durations.number(tb.speedUp())
                + "x, longest run " + Durations.bio(tb.toSeconds(tb.maxTicks())));
        row(out, "  deterministic", c.deterministic() ? "yes (same seed, same bits)" : "no");
    }

    private static String sorted(Set<String> s) {
        return String.join(", ", new TreeSet<>(s));
    }

    private static void row(PrintWriter out, String label, String text) {
        out.printf("  %-16s %s%n", label, text);
    }
}
