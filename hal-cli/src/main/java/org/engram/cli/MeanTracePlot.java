package org.engram.cli;

import org.engram.hal.device.RunResult;
import org.engram.hal.model.Experiment;
import org.engram.hal.model.Recording;
import org.engram.hal.model.Reduction;
import org.engram.hal.model.TraceVariable;
import org.engram.hal.model.TwoPhaseRule;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The MEAN traces of a network run over the whole run, one panel per kind: weights (W and H, mV, with h0),
 * late-phase z, protein p. The legend names the recordings ("w-assembly", "w-outside"). Hours when the run
 * is longer than 2 h.
 */
final class MeanTracePlot {
    static final double HOURS_FROM = 2 * 3600;

    private MeanTracePlot() {}

    static Optional<CombinedDomainXYPlot> plot(Experiment e, RunResult r) {
        boolean hours = e.protocol().duration() > HOURS_FROM;
        double scale = hours ? 1 / 3600.0 : 1;
        List<Plots.Series> weights = new ArrayList<>(), z = new ArrayList<>(), p = new ArrayList<>();
        Double h0 = null;
        for (Recording rec : e.protocol().recordings()) {
            if (!(rec instanceof Recording.Trace t) || t.reduce() != Reduction.MEAN) continue;
            Optional<RunResult.TraceData> data = r.trace(t.name());
            if (data.isEmpty() || data.get().seriesCount() == 0 || data.get().sampleCount() == 0) continue;
            Plots.Series s = series(t.name(), data.get(), scale);
            switch (t.variable()) {
                case W, H -> {
                    weights.add(s);
                    if (h0 == null) h0 = h0(e, t).orElse(null);
                }
                case Z -> z.add(s);
                case P -> p.add(s);
                default -> { } // C, V and I_SYN means have no panel in this figure
            }
        }
        if (weights.isEmpty() && z.isEmpty() && p.isEmpty()) return Optional.empty();
        CombinedDomainXYPlot combined = Plots.combined(hours ? "time (h)" : "time (s)");
        int colour = 0; // one running colour index: the legend is shared by all panels
        if (!weights.isEmpty()) {
            XYPlot panel = Plots.panel(weights, "mean w, h (mV)", colour);
            if (h0 != null) panel.addRangeMarker(Plots.h0Marker(h0));
            ((NumberAxis) panel.getRangeAxis()).setAutoRangeIncludesZero(false);
            combined.add(panel, 2);
            colour += weights.size();
        }
        if (!z.isEmpty()) {
            combined.add(Plots.panel(z, "mean z", colour), 1);
            colour += z.size();
        }
        if (!p.isEmpty()) combined.add(Plots.panel(p, "mean p", colour), 1);
        return Optional.of(combined);
    }

    /**
     * The trace's one series. A device that returned one column per element is averaged here, so the
     * figure still shows the mean (the CSV keeps what the device returned).
     */
    private static Plots.Series series(String name, RunResult.TraceData t, double scale) {
        double[] x = t.times();
        for (int i = 0; i < x.length; i++) x[i] *= scale;
        double[] y = t.series(0);
        int k = t.seriesCount();
        if (k > 1) {
            for (int i = 0; i < y.length; i++) {
                double sum = 0;
                for (int c = 0; c < k; c++) sum += t.value(c, i);
                y[i] = sum / k;
            }
        }
        return new Plots.Series(name, Decimation.minMax(x, y, NetworkPlots.WIDTH));
    }

    /** h0 of the trace's projection, when it is plastic. */
    private static Optional<Double> h0(Experiment e, Recording.Trace t) {
        return e.network().projection(t.projection())
                .filter(p -> p.synapse() instanceof TwoPhaseRule)
                .map(p -> ((TwoPhaseRule) p.synapse()).h0());
    }
}
