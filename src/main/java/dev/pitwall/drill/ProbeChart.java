package dev.pitwall.drill;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import javax.imageio.ImageIO;

/** The report's {@code probes.png}: each probe in its own band, readings as dots (held or broke), steps as numbered lines. */
final class ProbeChart {

    private static final int WIDTH = 1000;
    private static final int BAND = 140;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;

    private ProbeChart() {
    }

    static void write(DrillRun run, Path file) throws IOException {
        List<Scenario.Probe> probes = run.scenario().hypothesis();
        int height = 40 + BAND * Math.max(1, probes.size());
        ReportStyle style = ReportStyle.load();
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(style.paper);
        g.fillRect(0, 0, WIDTH, height);
        g.setFont(style.font(Font.PLAIN, 12));
        double total = Math.max(1, run.duration().toMillis());
        for (int p = 0; p < probes.size(); p++) {
            band(g, style, run, probes.get(p), 30 + p * BAND, total);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void band(Graphics2D g, ReportStyle style, DrillRun run, Scenario.Probe probe, int top, double total) {
        int bottom = top + BAND - 40;
        List<DrillRun.Sample> mine = run.samples().stream().filter(s -> s.probe().equals(probe.name()) && !Double.isNaN(s.value())).toList();
        double threshold = probe.line();
        double min = Math.min(threshold, mine.stream().mapToDouble(DrillRun.Sample::value).min().orElse(0));
        double max = Math.max(threshold, mine.stream().mapToDouble(DrillRun.Sample::value).max().orElse(1));
        double hi = max - min < 1e-9 ? min + 1 : max;
        DoubleUnaryOperator y = v -> bottom - (v - min) / (hi - min) * (bottom - top);
        g.setColor(style.ink);
        String title = probe.name() + "  (" + probe.describe() + ")";
        while (g.getFontMetrics().stringWidth(title) > WIDTH - LEFT - RIGHT && title.length() > 10) {
            title = title.substring(0, title.length() - 12) + "…)";
        }
        g.drawString(title, LEFT, top - 8);
        g.setColor(style.grid);
        g.drawRect(LEFT, top, WIDTH - LEFT - RIGHT, bottom - top);
        g.setColor(style.ink);
        g.drawString(DrillRun.format(hi), 4, top + 10);
        g.drawString(DrillRun.format(min), 4, bottom);
        g.setColor(style.broken);
        g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[]{4, 4}, 0));
        g.drawLine(LEFT, (int) y.applyAsDouble(threshold), WIDTH - RIGHT, (int) y.applyAsDouble(threshold));
        g.setStroke(new BasicStroke(1));
        g.setColor(style.step);
        for (DrillRun.Marker marker : DrillRun.markers(run.events())) {
            int x = LEFT + (int) (marker.at().toMillis() / total * (WIDTH - LEFT - RIGHT));
            g.drawLine(x, top, x, bottom);
            g.drawString(marker.label(), x + 3, top + 12);
        }
        for (DrillRun.Sample sample : mine) {
            int x = LEFT + (int) (sample.at().toMillis() / total * (WIDTH - LEFT - RIGHT));
            g.setColor(sample.holds() ? style.held : style.broken);
            g.fillOval(x - 3, (int) y.applyAsDouble(sample.value()) - 3, 6, 6);
        }
        g.setColor(style.ink);
        g.drawString("0 s", LEFT, bottom + 14);
        g.drawString(String.format(java.util.Locale.ROOT, "%.1f s", total / 1000), WIDTH - RIGHT - 50, bottom + 14);
    }
}
