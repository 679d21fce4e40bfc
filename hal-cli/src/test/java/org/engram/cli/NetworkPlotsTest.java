package org.engram.cli;

import org.engram.hal.device.Provenance;
import org.engram.hal.device.RunResult;
import org.engram.hal.io.ExperimentFiles;
import org.engram.hal.model.Experiment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The network figure from a synthetic result, MEAN traces included (the engine side is not needed for drawing). */
class NetworkPlotsTest {
    @TempDir Path tmp;

    /** The P1 protocol in small: three learning pulses, consolidation, recalls at 10 s after learning and at 8 h. */
    static final String P1 = """
            name: p1-small
            network:
              populations: [{name: exc, size: 160}, {name: inh, size: 40, kind: INHIBITORY}]
              projections:
                - {name: ee, pre: exc, post: exc, connector: {fixed_probability: {p: 0.1}}, synapse: {two_phase: {}}}
            protocol:
              duration: 8 h
              stimuli:
                - {name: bg, target: exc, ou_current: {}}
                - {name: learn1, target: exc, select: {count: 50}, force_firing: {start: 10 s, stop: 10.1 s}}
                - {name: learn2, target: exc, select: {count: 50}, force_firing: {start: 10.5 s, stop: 10.6 s}}
                - {name: learn3, target: exc, select: {count: 50}, force_firing: {start: 11 s, stop: 11.1 s}}
                - {name: recall-10s, target: exc, select: {count: 25}, force_firing: {start: 21.1 s, stop: 21.2 s}}
                - {name: recall-8h, target: exc, select: {count: 25}, force_firing: {start: 28790 s, stop: 28790.1 s}}
              fast_forward: [{start: 30 s, stop: 28780 s}]
              recordings:
                - {name: spikes-exc, spikes: {population: exc}}
                - {name: spikes-inh, spikes: {population: inh}}
                - {name: w-assembly, trace: {variable: W, projection: ee, interval: 60 s, reduce: MEAN,
                                            pre_select: {count: 50}, post_select: {count: 50}}}
                - {name: w-outside, trace: {variable: W, projection: ee, interval: 60 s, reduce: MEAN,
                                           pre_select: {count: 50, invert: true}}}
                - {name: z-assembly, trace: {variable: Z, projection: ee, interval: 60 s, reduce: MEAN,
                                            pre_select: {count: 50}, post_select: {count: 50}}}
                - {name: p-assembly, trace: {variable: P, population: exc, select: {count: 50}, interval: 60 s, reduce: MEAN}}
              analyses:
                - {name: recall-8h, pattern_completion: {spikes: spikes-exc, assembly: {count: 50}, recalled: {count: 25},
                                                         start: 28790 s, stop: 28790.5 s}}
            """;

    static Experiment p1() {
        return ExperimentFiles.parse(P1, false, "p1.yaml");
    }

    static RunResult result(Experiment e, boolean withTraces) {
        // every neuron fires at 1 Hz, the stimulated ones at 400 Hz during their pulses
        List<double[]> exc = new ArrayList<>();
        for (double t = 0; t < 40; t += 0.01) {
            exc.add(new double[] {t, (int) (t * 100) % 160});
            if ((t >= 10 && t < 10.1) || (t >= 10.5 && t < 10.6) || (t >= 11 && t < 11.1)) exc.add(new double[] {t, (int) (t * 1e4) % 50});
        }
        for (double t = 28785; t < 28800; t += 0.005) exc.add(new double[] {t, (int) (t * 200) % 160});
        double[] times = exc.stream().mapToDouble(x -> x[0]).toArray();
        int[] neurons = exc.stream().mapToInt(x -> (int) x[1]).toArray();
        var spikes = Map.of("spikes-exc", new RunResult.SpikeData("exc", times, neurons),
                "spikes-inh", new RunResult.SpikeData("inh", new double[] {10.2, 28790.2}, new int[] {3, 7}));
        List<RunResult.TraceData> traces = new ArrayList<>();
        if (withTraces) {
            double[] t = new double[481];
            for (int i = 0; i < t.length; i++) t[i] = 60.0 * i;
            traces.add(trace("w-assembly", "W", "mV", t, i -> i < 1 ? 4.2 : 8 + 2 * (1 - Math.exp(-i / 120.0))));
            traces.add(trace("w-outside", "W", "mV", t, i -> 4.2));
            traces.add(trace("z-assembly", "Z", "1", t, i -> 0.8 * (1 - Math.exp(-i / 60.0))));
            traces.add(trace("p-assembly", "P", "1", t, i -> i * Math.exp(-i / 60.0) / 22));
        }
        var prov = new Provenance("test:", "test", "0", 1, e.name(), "", Instant.EPOCH, 1, e.protocol().duration(), 1);
        return new RunResult(spikes, traces, List.of(), prov);
    }

    static RunResult.TraceData trace(String name, String variable, String unit, double[] t, java.util.function.IntToDoubleFunction f) {
        double[] v = new double[t.length];
        for (int i = 0; i < t.length; i++) v[i] = f.applyAsDouble(i);
        return new RunResult.TraceData(name, variable, unit, t, List.of("mean"), new double[][] {v});
    }

    @Test
    void networkFigureWithRastersAndMeanTraces() throws IOException {
        Experiment e = p1();
        assertTrue(NetworkPlots.wanted(e));
        assertTrue(NetworkPlots.write(e, result(e, true), e.name(), "test: synthetic", tmp));
        BufferedImage png = ImageIO.read(tmp.resolve("plot.png").toFile());
        assertNotNull(png, "a valid PNG");
        assertEquals(1400, png.getWidth());
        assertEquals(1000, png.getHeight());
        assertTrue(redPixels(png) > 50, "assembly spikes are drawn in red");
    }

    @Test
    void rastersAloneWhenNoMeanTraces() throws IOException {
        Experiment e = p1();
        assertTrue(NetworkPlots.write(e, result(e, false), e.name(), "", tmp));
        assertTrue(Files.size(tmp.resolve("plot.png")) > 0);
    }

    @Test
    void nothingToDrawWritesNothing() throws IOException {
        Experiment e = p1();
        var empty = new RunResult(Map.of(), List.of(), List.of(), result(e, false).provenance());
        assertFalse(NetworkPlots.write(e, empty, e.name(), "", tmp));
        assertFalse(Files.exists(tmp.resolve("plot.png")));
    }

    @Test
    void stimulusWindowsAreMergedWidenedAndCapped() {
        List<StimulusWindows.Window> w = StimulusWindows.of(p1());
        assertEquals(3, w.size(), w.toString());
        assertEquals(new StimulusWindows.Window(9.5, 12.1, List.of("learn1", "learn2", "learn3"), List.of(
                new StimulusWindows.Pulse(10, 10.1), new StimulusWindows.Pulse(10.5, 10.6), new StimulusWindows.Pulse(11, 11.1))), w.get(0));
        assertEquals(20.6, w.get(1).start(), 1e-9);
        assertEquals(List.of("recall-8h"), w.get(2).stimuli());

        String many = P1.replace("  fast_forward: [{start: 30 s, stop: 28780 s}]\n",
                "    - {name: extra1, target: exc, select: {count: 5}, force_firing: {start: 100 s, stop: 100.1 s}}\n"
                        + "    - {name: extra2, target: exc, select: {count: 5}, force_firing: {start: 200 s, stop: 200.1 s}}\n");
        assertNotEquals(P1, many);
        w = StimulusWindows.of(ExperimentFiles.parse(many, false, "many.yaml"));
        assertEquals(4, w.size());
        assertEquals(List.of("learn1", "learn2", "learn3"), w.get(0).stimuli());
        assertEquals(List.of("recall-10s"), w.get(1).stimuli());
        assertEquals(List.of("extra2"), w.get(2).stimuli());
        assertEquals(List.of("recall-8h"), w.get(3).stimuli(), "the last recall is kept");
    }

    @Test
    void singleSynapseExperimentsKeepTheirFigure() throws IOException {
        assertFalse(NetworkPlots.wanted(ExperimentFiles.read(Experiments.valid(tmp))));
    }

    private static int redPixels(BufferedImage png) {
        int n = 0;
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                int rgb = png.getRGB(x, y);
                int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                if (r > 180 && g < 90 && b < 90) n++;
            }
        }
        return n;
    }
}
