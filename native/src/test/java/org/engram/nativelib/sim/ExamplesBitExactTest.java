package org.engram.nativelib.sim;

import org.engram.hal.device.Devices;
import org.engram.hal.device.RunResult;
import org.engram.hal.model.Experiment;
import org.engram.hal.model.Protocol;
import org.engram.nativelib.Binding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** sim:native gives the bits of sim: on the repository's examples, through both bindings. */
class ExamplesBitExactTest {
    /** The committed golden digest of STET on sim: (backend-sim DeterminismTest). */
    static final String GOLDEN_STET_SEED1 = "3f4ab6773777a043323b8cf4c3e1317b4ea718ac60cbce4f46c554b3cec1b102";
    private static final Map<String, RunResult> JAVA = new ConcurrentHashMap<>();

    static Stream<Arguments> singleSynapse() {
        return Stream.of("stet", "wtet", "slfs", "wlfs").flatMap(p -> Stream.of(Binding.values())
                .map(b -> Arguments.of("single-synapse-" + p + ".yaml", b)));
    }

    private static RunResult java(String key, Experiment e) {
        return JAVA.computeIfAbsent(key, k -> Devices.open("sim:").run(e));
    }

    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("singleSynapse")
    void singleSynapseProtocolsMatchTheJavaEngine(String file, Binding binding) {
        Experiment e = Experiments.example(file);
        RunResult expected = java(file, e);
        RunResult actual = new NativeSimDevice("sim:native", binding).run(e);
        Experiments.assertSameBits(expected, actual, file);
        assertTrue(actual.provenance().engine().endsWith(binding.name().toLowerCase()), actual.provenance().engine());
        if (file.contains("stet")) assertEquals(GOLDEN_STET_SEED1, actual.sha256(), "the golden STET digest");
    }

    /** The P1 network (2000 neurons, 400 k synapses) through learning: OU noise, force firing, plasticity switch. */
    @ParameterizedTest(name = "p1 network via {0}")
    @MethodSource("bindings")
    void p1NetworkThroughLearningMatchesTheJavaEngine(Binding binding) {
        Experiment full = Experiments.example("p1-consolidation-10s.yaml");
        Protocol p = full.protocol();
        Experiment e = full.withProtocol(new Protocol(10.3, p.dt(), p.stimuli(), p.plasticity(), p.recordings()));
        RunResult expected = java("p1", e);
        RunResult actual = new NativeSimDevice("sim:native", binding).run(e);
        assertTrue(expected.spikes().values().stream().mapToInt(RunResult.SpikeData::count).sum() > 1000, "the network is active");
        Experiments.assertSameBits(expected, actual, "p1-consolidation (10.3 s)");
    }

    static Stream<Binding> bindings() {
        return Stream.of(Binding.values());
    }

    @Test
    void devicesOpenFindsSimNativeAndItsBindingOption() {
        assertInstanceOf(NativeSimDevice.class, Devices.open("sim:native"));
        assertEquals(Binding.JNA, ((NativeSimDevice) Devices.open("sim:native?binding=jna")).binding());
        assertEquals(Binding.FFM, ((NativeSimDevice) Devices.open("sim:native?binding=ffm")).binding());
        assertInstanceOf(org.engram.sim.SimDevice.class, Devices.open("sim:"), "plain sim: stays the Java engine");
        assertInstanceOf(org.engram.sim.SimDevice.class, Devices.open("sim:float64"));
    }
}
