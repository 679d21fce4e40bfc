package org.engram.cli;

import org.engram.hal.device.RunResult;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYDataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Draws plot.png. With traces named h, z, w and/or p (the single-synapse experiments) it draws the
 * figure of Luboeinski &amp; Tetzlaff (2021, Fig. 2): h and w over hours with the threshold h0, then z,
 * then p. Otherwise it stacks one panel per trace recording (first 8 elements each).
 */
final class Plots {
    static final String FILE = "plot.png";
    static final int WIDTH = 1200, HEIGHT = 900;
    /** Early-phase weight at rest (mV); crossing h0 + theta_tag is what tags a synapse. */
    static final double H0_MV = 4.20075;
    private static final int MAX_SERIES = 8;
    /** Min/max buckets per series: two points per horizontal pixel. */
    private static final int BUCKETS = WIDTH;
    private static final Color[] PALETTE = {
            new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
            new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    private Plots() {}

    /** Writes the figure into {@code dir}; returns false (and writes nothing) when there are no traces. */
    static boolean write(RunResult result, String title, String subtitle, Path dir) throws IOException {
        Optional<CombinedDomainXYPlot> plot = synapseFigure(result).or(() -> allTraces(result));
        if (plot.isEmpty()) return false;
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 18), plot.get(), true);
        chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        ChartUtils.saveChartAsPNG(dir.resolve(FILE).toFile(), chart, WIDTH, HEIGHT);
        return true;
    }

    /** Panels h+w (mV, with h0), z and p, each only when recorded. Time in hours, as in the paper. */
    private static Optional<CombinedDomainXYPlot> synapseFigure(RunResult r) {
        var h = r.trace("h");
        var w = r.trace("w");
        var z = r.trace("z");
        var p = r.trace("p");
        if (h.isEmpty() && w.isEmpty() && z.isEmpty() && p.isEmpty()) return Optional.empty();
        boolean hours = hours(r);
        CombinedDomainXYPlot combined = combined(hours ? "time (h)" : "time (s)");
        double scale = hours ? 1 / 3600.0 : 1;
        if (h.isPresent() || w.isPresent()) {
            List<Series> hw = new ArrayList<>();
            h.ifPresent(t -> hw.addAll(series(t, "h", scale)));
            w.ifPresent(t -> hw.addAll(series(t, "w", scale)));
            XYPlot panel = panel(hw, "h, w (mV)", 0);
            panel.addRangeMarker(h0Marker(H0_MV));
            ((NumberAxis) panel.getRangeAxis()).setAutoRangeIncludesZero(false);
            combined.add(panel, 2);
        }
        z.ifPresent(t -> combined.add(panel(series(t, "z", scale), "z", 2), 1));
        p.ifPresent(t -> combined.add(panel(series(t, "p", scale), "p", 3), 1));
        return Optional.of(combined);
    }

    /** A dashed grey line at h0, labelled, as in the paper's weight panels. */
    static ValueMarker h0Marker(double h0Mv) {
        ValueMarker h0 = new ValueMarker(h0Mv, Color.GRAY, new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        h0.setLabel("h0 = " + h0Mv + " mV");
        h0.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        h0.setLabelBackgroundColor(new Color(255, 255, 255, 0));
        // above the line at the left, where h rests at h0 before any stimulus
        h0.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        h0.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        h0.setLabelOffset(new RectangleInsets(2, 6, 2, 2));
        return h0;
    }

    /** Fallback: one panel per trace recording (first {@value #MAX_SERIES} elements each). */
    private static Optional<CombinedDomainXYPlot> allTraces(RunResult r) {
        if (r.traces().isEmpty()) return Optional.empty();
        boolean hours = hours(r);
        CombinedDomainXYPlot combined = combined(hours ? "time (h)" : "time (s)");
        for (RunResult.TraceData t : r.traces()) {
            combined.add(panel(series(t, t.recording(), hours ? 1 / 3600.0 : 1), t.recording() + " (" + t.unit() + ")", 0), 1);
        }
        return Optional.of(combined);
    }

    /** Hours for runs of an hour or more (the paper's axis); a 20 s test run reads better in seconds. */
    private static boolean hours(RunResult r) {
        return r.provenance().simulatedSeconds() >= 3600;
    }

    record Series(String key, double[][] xy) {}

    /** The first {@value #MAX_SERIES} elements of a trace; a lone element is named after the trace. */
    private static List<Series> series(RunResult.TraceData t, String name, double timeScale) {
        double[] x = t.times();
        for (int i = 0; i < x.length; i++) x[i] *= timeScale;
        List<Series> out = new ArrayList<>();
        int n = Math.min(MAX_SERIES, t.seriesCount());
        for (int k = 0; k < n; k++) {
            String key = t.seriesCount() == 1 ? name : name + " " + t.labels().get(k);
            out.add(new Series(key, Decimation.minMax(x, t.series(k), BUCKETS)));
        }
        return out;
    }

    /** The value of a panel whose every sample is the same, else empty. */
    private static Optional<Double> flatRange(List<Series> series) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double y : s.xy()[1]) {
                if (!Double.isFinite(y)) continue;
                min = Math.min(min, y);
                max = Math.max(max, y);
            }
        }
        if (min > max || max - min > 1e-9 * Math.max(1, Math.abs(max))) return Optional.empty();
        return Optional.of(max);
    }

    static CombinedDomainXYPlot combined(String timeLabel) {
        NumberAxis time = new NumberAxis(timeLabel);
        time.setAutoRangeIncludesZero(false);
        time.setLowerMargin(0);
        time.setUpperMargin(0);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(time);
        combined.setGap(12);
        return combined;
    }

    /** One panel; {@code colour} offsets into the palette so each variable keeps its colour across panels. */
    static XYPlot panel(List<Series> series, String axisLabel, int colour) {
        DefaultXYDataset data = new DefaultXYDataset();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < series.size(); i++) {
            data.addSeries(series.get(i).key(), series.get(i).xy());
            renderer.setSeriesPaint(i, PALETTE[(colour + i) % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(1.5f));
        }
        NumberAxis range = new NumberAxis(axisLabel);
        range.setAutoRangeIncludesZero(false);
        flatRange(series).ifPresent(v -> {
            // auto-range would zoom a constant (z and p stay 0 without late-phase LTP) to +-5e-9
            double d = v == 0 ? 1 : 0.1 * Math.abs(v);
            range.setRange(v == 0 ? -0.05 : v - d, v + d); // a zero line just above the axis, not on it
        });
        XYPlot plot = new XYPlot(data, null, range, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        return plot;
    }
}
