package org.engram.cli;

import org.engram.hal.device.RunResult;
import org.engram.hal.model.Analysis;
import org.engram.hal.model.Experiment;
import org.engram.hal.model.Population;
import org.engram.hal.model.Recording;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYDotRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.DefaultXYDataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Spike rasters side by side, one per stimulus window ({@link StimulusWindows}), neurons on y. Populations
 * are stacked in network order, each from the spike recording that covers most of its neurons; spikes of
 * the assembly of a pattern-completion analysis are drawn in red; the stimulus pulses are shaded.
 */
final class RasterPlot {
    /** More dots than this in one panel are thinned evenly: a 350 px panel shows no more anyway. */
    static final int MAX_DOTS = 200_000;
    static final Color OTHER = new Color(0x505050), ASSEMBLY = new Color(0xd62728), PULSE = new Color(0xfff0b3);

    private RasterPlot() {}

    /** One population's rows: its spikes, where its rows start, and which neurons are in the assembly. */
    private record Rows(String population, RunResult.SpikeData spikes, int offset, boolean[] assembly) {}

    static Optional<CombinedRangeXYPlot> plot(Experiment e, RunResult r) {
        List<StimulusWindows.Window> windows = StimulusWindows.of(e);
        List<Rows> rows = rows(e, r);
        if (windows.isEmpty() || rows.isEmpty()) return Optional.empty();
        int total = rows.getLast().offset() + e.network().population(rows.getLast().population()).orElseThrow().size();
        boolean anyAssembly = rows.stream().anyMatch(x -> x.assembly() != null);

        NumberAxis neuron = new NumberAxis(neuronLabel(e, rows));
        neuron.setRange(-0.5, total - 0.5);
        CombinedRangeXYPlot combined = new CombinedRangeXYPlot(neuron);
        combined.setGap(14);
        for (int w = 0; w < windows.size(); w++) {
            combined.add(panel(windows.get(w), rows, anyAssembly, w == 0), 1);
        }
        return Optional.of(combined);
    }

    private static XYPlot panel(StimulusWindows.Window w, List<Rows> rows, boolean anyAssembly, boolean legend) {
        List<double[]> other = new ArrayList<>(), assembly = new ArrayList<>();
        for (Rows x : rows) {
            double[] t = x.spikes().times();
            int[] n = x.spikes().neurons();
            for (int i = firstAtOrAfter(t, w.start()); i < t.length && t[i] <= w.stop(); i++) {
                boolean in = x.assembly() != null && n[i] < x.assembly().length && x.assembly()[n[i]];
                (in ? assembly : other).add(new double[] {t[i], x.offset() + n[i]});
            }
        }
        DefaultXYDataset data = new DefaultXYDataset();
        XYDotRenderer dots = new XYDotRenderer();
        dots.setDotWidth(2);
        dots.setDotHeight(2);
        data.addSeries(anyAssembly ? "other neurons" : "spikes", xy(other));
        dots.setSeriesPaint(0, OTHER);
        if (anyAssembly) {
            data.addSeries("assembly", xy(assembly));
            dots.setSeriesPaint(1, ASSEMBLY);
        }
        for (int i = 0; i < data.getSeriesCount(); i++) dots.setSeriesVisibleInLegend(i, legend);
        NumberAxis time = new NumberAxis("time (s): " + names(w.stimuli()));
        time.setRange(w.start(), Math.max(w.stop(), w.start() + 1e-3));
        XYPlot plot = new XYPlot(data, time, null, dots);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        for (StimulusWindows.Pulse p : w.pulses()) {
            // a shaded band where the stimulus drives its neurons (a line for a single spike time)
            plot.addDomainMarker(p.stop() > p.start() ? new IntervalMarker(p.start(), p.stop(), PULSE)
                    : new ValueMarker(p.start(), PULSE, new BasicStroke(1f)), Layer.BACKGROUND);
        }
        return plot;
    }

    /** Per population in network order, the spike recording that records most of it. */
    private static List<Rows> rows(Experiment e, RunResult r) {
        Map<String, Recording.Spikes> best = new LinkedHashMap<>();
        Map<String, Integer> bestCount = new LinkedHashMap<>();
        for (Recording rec : e.protocol().recordings()) {
            if (!(rec instanceof Recording.Spikes s) || !r.spikes().containsKey(s.name())) continue;
            int size = e.network().population(s.population()).map(Population::size).orElse(0);
            int n = s.select().resolve(size).length;
            if (n > bestCount.getOrDefault(s.population(), 0)) {
                best.put(s.population(), s);
                bestCount.put(s.population(), n);
            }
        }
        List<Rows> rows = new ArrayList<>();
        int offset = 0;
        for (Population p : e.network().populations()) {
            Recording.Spikes s = best.get(p.name());
            if (s == null) continue;
            rows.add(new Rows(p.name(), r.spikes().get(s.name()), offset, assembly(e, p)));
            offset += p.size();
        }
        return rows;
    }

    /** The assembly of the first pattern-completion analysis that reads this population, else null. */
    private static boolean[] assembly(Experiment e, Population p) {
        for (Analysis a : e.protocol().analyses()) {
            if (a instanceof Analysis.PatternCompletion pc && e.protocol().recording(pc.spikes())
                    .filter(rec -> rec instanceof Recording.Spikes s && s.population().equals(p.name())).isPresent()) {
                return pc.assembly().mask(p.size());
            }
        }
        return null;
    }

    private static String neuronLabel(Experiment e, List<Rows> rows) {
        if (rows.size() == 1) return "neuron (" + rows.getFirst().population() + ")";
        List<String> parts = new ArrayList<>();
        for (Rows x : rows) {
            int size = e.network().population(x.population()).orElseThrow().size();
            parts.add(x.population() + " " + x.offset() + "-" + (x.offset() + size - 1));
        }
        return "neuron (" + String.join(", ", parts) + ")";
    }

    private static String names(List<String> stimuli) {
        return stimuli.size() <= 2 ? String.join(", ", stimuli) : stimuli.get(0) + ", " + stimuli.get(1) + " +" + (stimuli.size() - 2);
    }

    private static int firstAtOrAfter(double[] sorted, double t) {
        int i = Arrays.binarySearch(sorted, t);
        if (i < 0) return -i - 1;
        while (i > 0 && sorted[i - 1] == t) i--;
        return i;
    }

    /** {xs, ys}, thinned evenly to at most {@link #MAX_DOTS}. */
    private static double[][] xy(List<double[]> points) {
        int step = Math.max(1, (points.size() + MAX_DOTS - 1) / MAX_DOTS);
        int m = (points.size() + step - 1) / step;
        double[][] out = new double[2][m];
        for (int i = 0, k = 0; i < points.size(); i += step, k++) {
            out[0][k] = points.get(i)[0];
            out[1][k] = points.get(i)[1];
        }
        return out;
    }
}
