package org.engram.nativelib.sim;

import org.engram.hal.device.Devices;
import org.engram.hal.device.FitReport;
import org.engram.hal.device.RunResult;
import org.engram.hal.io.ExperimentFiles;
import org.engram.hal.model.Experiment;
import org.engram.nativelib.Binding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fast-forward windows on sim:native give the bits of sim: (every trace sample, inside the windows too,
 * the spikes after them, the final synapses and the digest), through both bindings: P1 shortened to 1 h of
 * consolidation after learning, and a small P2-like network (LTP gate, four windows around a priming pulse
 * and a measurement with plasticity off).
 */
class FastForwardBitExactTest {
    private static final Map<String, RunResult> JAVA = new ConcurrentHashMap<>();

    static Experiment resource(String file) {
        try {
            return ExperimentFiles.read(Path.of(FastForwardBitExactTest.class.getResource("/ff/" + file).toURI()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of("p1-consolidation-1h.yaml", "p2-like-small.yaml")
                .flatMap(f -> Stream.of(Binding.values()).map(b -> Arguments.of(f, b)));
    }

    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("cases")
    void fastForwardedProtocolsMatchTheJavaEngine(String file, Binding binding) {
        Experiment e = resource(file);
        RunResult expected = JAVA.computeIfAbsent(file, f -> Devices.open("sim:").run(e));
        RunResult actual = new NativeSimDevice("sim:native", binding).run(e);
        Experiments.assertSameBits(expected, actual, file);
        // the windows did something: z of the learned synapses moved during consolidation
        RunResult.TraceData z = expected.traces().stream().filter(t -> t.recording().startsWith("z-")).findFirst().orElseThrow();
        double[] zs = z.values()[0];
        assertNotEquals(zs[1], zs[zs.length - 1], "z evolves in the fast-forward");
    }

    @Test
    void theExamplesWithFastForwardPassTheFitCheck() {
        for (String file : new String[]{"p1-consolidation-8h.yaml", "p2-priming-overlap.yaml", "p2-priming-no-overlap.yaml"}) {
            Experiment e = Experiments.example(file);
            assertFalse(e.protocol().fastForward().isEmpty(), file);
            FitReport r = new NativeSimDevice("sim:native", Binding.FFM).check(e);
            assertTrue(r.issues().stream().noneMatch(i -> i.severity() == FitReport.Severity.ERROR), file + ": " + r.issues());
        }
    }
}
