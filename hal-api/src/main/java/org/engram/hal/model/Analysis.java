package org.engram.hal.model;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** A read-out computed from a run's recorded results, independently of the backend. */
public sealed interface Analysis {
    String name();

    /** The spike recording the analysis reads. */
    String spikes();

    /**
     * Pattern completion Q = (nu_ans - nu_ctrl) / nu_as (Luboeinski &amp; Tetzlaff 2021): mean rates over
     * [start, stop) of the spike recording {@code spikes}. as = the recalled (stimulated) assembly neurons;
     * ans = the assembly neurons not recalled; ctrl = the recorded neurons outside the assembly. Indices are
     * local to the recording's population.
     */
    record PatternCompletion(String name, String spikes, NeuronSelection assembly, NeuronSelection recalled,
                             double start, double stop) implements Analysis {
        public PatternCompletion {
            Checks.name("analysis name", name);
            Checks.name("pattern_completion.spikes", spikes);
            Objects.requireNonNull(assembly, "pattern_completion.assembly");
            Objects.requireNonNull(recalled, "pattern_completion.recalled");
            Checks.nonNegative("pattern_completion.start", start);
            Checks.finite("pattern_completion.stop", stop);
            if (!(stop > start)) {
                throw new IllegalArgumentException("pattern_completion " + name + ": stop (" + stop + " s) must come after start (" + start + " s)");
            }
        }
    }

    /** A named subset of a population, e.g. one memory assembly. */
    record NamedSelection(String name, NeuronSelection select) {
        public NamedSelection {
            Checks.name("assembly name", name);
            Objects.requireNonNull(select, "assembly " + name + ": select");
        }
    }

    /**
     * Spontaneous assembly activation (Luboeinski &amp; Tetzlaff 2022, priming; the reference script
     * assemblyAvalancheStatistics.py): [start, stop) of the spike recording {@code spikes} is cut into bins of
     * {@code bin} seconds (a trailing part shorter than a bin is left out). A bin is an activation of assembly X
     * when the recorded neurons fire more than {@code minTotal} spikes in it AND X's neurons more than
     * {@code minAssembly}. Assemblies may overlap; indices are local to the recording's population.
     */
    record AssemblyActivation(String name, String spikes, List<NamedSelection> assemblies, double start, double stop,
                              double bin, int minTotal, int minAssembly) implements Analysis {
        /** The reference script's bin (10 ms) and thresholds (more than 10 spikes). */
        public static final double DEFAULT_BIN = 0.010;
        public static final int DEFAULT_MIN_TOTAL = 10, DEFAULT_MIN_ASSEMBLY = 10;

        public AssemblyActivation {
            Checks.name("analysis name", name);
            Checks.name("assembly_activation.spikes", spikes);
            assemblies = List.copyOf(assemblies);
            if (assemblies.isEmpty()) throw new IllegalArgumentException("assembly_activation " + name + ": assemblies must not be empty");
            Set<String> names = new HashSet<>();
            for (NamedSelection a : assemblies) {
                if (!names.add(a.name())) throw new IllegalArgumentException("assembly_activation " + name + ": duplicate assembly name '" + a.name() + "'");
            }
            Checks.nonNegative("assembly_activation.start", start);
            Checks.finite("assembly_activation.stop", stop);
            if (!(stop > start)) {
                throw new IllegalArgumentException("assembly_activation " + name + ": stop (" + stop + " s) must come after start (" + start + " s)");
            }
            Checks.positive("assembly_activation.bin", bin);
            if (bins(start, stop, bin) < 1) {
                throw new IllegalArgumentException("assembly_activation " + name + ": bin (" + bin + " s) is longer than the window ["
                        + start + " s, " + stop + " s)");
            }
            if (bins(start, stop, bin) >= Integer.MAX_VALUE) {
                throw new IllegalArgumentException("assembly_activation " + name + ": too many bins (" + (stop - start) / bin + ")");
            }
            if (minTotal < 0) throw new IllegalArgumentException("assembly_activation.min_total must be >= 0, got " + minTotal);
            if (minAssembly < 0) throw new IllegalArgumentException("assembly_activation.min_assembly must be >= 0, got " + minAssembly);
        }

        /** With the reference script's bin (10 ms) and thresholds (more than 10 spikes each). */
        public AssemblyActivation(String name, String spikes, List<NamedSelection> assemblies, double start, double stop) {
            this(name, spikes, assemblies, start, stop, DEFAULT_BIN, DEFAULT_MIN_TOTAL, DEFAULT_MIN_ASSEMBLY);
        }

        /** Whole bins in [start, stop); a part shorter than a bin (up to rounding) at the end is left out. */
        public int binCount() {
            return (int) bins(start, stop, bin);
        }

        private static double bins(double start, double stop, double bin) {
            return Math.floor((stop - start) / bin + 1e-9);
        }
    }
}
