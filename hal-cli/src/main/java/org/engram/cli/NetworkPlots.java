package org.engram.cli;

import org.engram.hal.device.RunResult;
import org.engram.hal.model.Experiment;
import org.engram.hal.model.Population;
import org.engram.hal.model.Recording;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.title.TextTitle;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * plot.png of a network run: spike rasters around the stimulus windows on top ({@link RasterPlot}), the
 * mean weight, z and p traces over the run below ({@link MeanTracePlot}). Each part only when it has data.
 * Two charts are drawn into one image because the rasters share neurons while the traces share time.
 */
final class NetworkPlots {
    static final int WIDTH = 1400, HEIGHT = 1000;
    /** A spike recording of more neurons than this makes a run a network run. */
    static final int NETWORK_NEURONS = 20;
    /** Share of the height for the rasters when both parts are drawn. */
    private static final double RASTER_SHARE = 0.42;

    private NetworkPlots() {}

    /** True for experiments with analyses or with a spike recording of more than 20 neurons. */
    static boolean wanted(Experiment e) {
        if (!e.protocol().analyses().isEmpty()) return true;
        for (Recording r : e.protocol().recordings()) {
            if (r instanceof Recording.Spikes s) {
                int size = e.network().population(s.population()).map(Population::size).orElse(0);
                if (s.select().resolve(size).length > NETWORK_NEURONS) return true;
            }
        }
        return false;
    }

    /** Writes plot.png into {@code dir}; returns false (and writes nothing) when no part has data. */
    static boolean write(Experiment e, RunResult r, String title, String subtitle, Path dir) throws IOException {
        List<Plot> parts = new ArrayList<>();
        RasterPlot.plot(e, r).ifPresent(parts::add);
        MeanTracePlot.plot(e, r).ifPresent(parts::add);
        if (parts.isEmpty()) return false;

        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            double y = 0;
            for (int i = 0; i < parts.size(); i++) {
                double h = parts.size() == 1 ? HEIGHT : i == 0 ? HEIGHT * RASTER_SHARE : HEIGHT - y;
                chart(parts.get(i), i == 0 ? Optional.of(title) : Optional.empty(), subtitle)
                        .draw(g, new Rectangle2D.Double(0, y, WIDTH, h));
                y += h;
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", dir.resolve(Plots.FILE).toFile());
        return true;
    }

    /** The first part carries the title and subtitle. */
    private static JFreeChart chart(Plot plot, Optional<String> title, String subtitle) {
        JFreeChart chart = new JFreeChart(title.orElse(null), new Font(Font.SANS_SERIF, Font.BOLD, 18), plot, true);
        title.ifPresent(t -> chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 12))));
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        return chart;
    }
}
