package dev.pitwall.ui.drill;

import java.util.List;
import java.util.function.Supplier;

import dev.pitwall.drill.DrillRun;
import dev.pitwall.drill.Scenario;
import dev.pitwall.ui.canvas.CanvasPane;
import dev.pitwall.ui.canvas.Palette;
import javafx.collections.ListChangeListener;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.StackPane;

/**
 * The running drill's probes, live: one band per probe of the hypothesis, each reading a dot (held
 * or broke) against the threshold's dashed line, the steps as numbered lines (R a rollback, H
 * HALT). Time runs left to right over at least 30 s. Redrawn when readings arrive (at most
 * once per pulse, as the view-model applies them); colours from ui/pitwall.css.
 */
final class ProbeStrip extends StackPane {

    private static final List<String> PAINTS = List.of("background", "grid", "text", "held", "broken", "step");
    private static final double LEFT = 56;
    private static final double BAND = 64;

    private final CanvasPane pane = new CanvasPane("drill-probes", "drill-probes-palette", PAINTS);
    private final DrillViewModel model;
    private final Supplier<Scenario> scenario;

    ProbeStrip(DrillViewModel model, Supplier<Scenario> scenario) {
        this.model = model;
        this.scenario = scenario;
        getStyleClass().add("drill-probes");
        getChildren().add(pane);
        ListChangeListener<Object> redraw = change -> draw();
        model.samples().addListener(redraw);
        model.steps().addListener(redraw);
        pane.widthProperty().addListener((observable, old, now) -> draw());
        pane.heightProperty().addListener((observable, old, now) -> draw());
        setMinHeight(BAND + 24);
    }

    void draw() {
        Palette palette = pane.palette();
        GraphicsContext g = pane.canvas().getGraphicsContext2D();
        double width = pane.getWidth();
        double height = pane.getHeight();
        g.setFill(palette.paint("background"));
        g.fillRect(0, 0, width, height);
        g.setFont(palette.font());
        Scenario shown = scenario.get();
        if (shown == null || width < LEFT + 40) {
            return;
        }
        List<DrillRun.Sample> samples = model.samples();
        double seconds = 30;
        for (DrillRun.Sample sample : samples) {
            seconds = Math.max(seconds, sample.at().toMillis() / 1000.0 + 5);
        }
        double span = seconds;
        List<Scenario.Probe> probes = shown.hypothesis();
        double band = Math.max(40, Math.min(BAND, (height - 8) / Math.max(1, probes.size())));
        for (int p = 0; p < probes.size(); p++) {
            band(g, palette, probes.get(p), samples, 4 + p * band, band - 18, width, span);
        }
    }

    private void band(GraphicsContext g, Palette palette, Scenario.Probe probe, List<DrillRun.Sample> samples, double top, double tall,
                      double width, double span) {
        double bottom = top + 14 + tall;
        double plotTop = top + 14;
        double right = width - 8;
        List<DrillRun.Sample> mine = samples.stream().filter(s -> s.probe().equals(probe.name()) && !Double.isNaN(s.value())).toList();
        double threshold = probe.line();
        double min = Math.min(threshold, mine.stream().mapToDouble(DrillRun.Sample::value).min().orElse(threshold));
        double max = Math.max(threshold, mine.stream().mapToDouble(DrillRun.Sample::value).max().orElse(threshold));
        double hi = max - min < 1e-9 ? min + 1 : max;
        g.setFill(palette.paint("text"));
        String last = mine.isEmpty() ? "no reading yet" : "now " + DrillRun.format(mine.getLast().value());
        g.fillText(probe.name() + "   " + probe.threshold() + "   " + last, LEFT, top + 11);
        g.fillText(DrillRun.format(hi), 4, plotTop + 10);
        g.fillText(DrillRun.format(min), 4, bottom);
        g.setStroke(palette.paint("grid"));
        g.setLineWidth(1);
        g.strokeRect(LEFT, plotTop, right - LEFT, bottom - plotTop);
        double thresholdY = bottom - (threshold - min) / (hi - min) * (bottom - plotTop);
        g.setStroke(palette.paint("broken"));
        g.setLineDashes(4, 4);
        g.strokeLine(LEFT, thresholdY, right, thresholdY);
        g.setLineDashes((double[]) null);
        g.setStroke(palette.paint("step"));
        g.setFill(palette.paint("step"));
        for (DrillRun.Marker marker : DrillRun.markers(model.steps())) {
            double x = LEFT + marker.at().toMillis() / 1000.0 / span * (right - LEFT);
            g.strokeLine(x, plotTop, x, bottom);
            g.fillText(marker.label(), x + 2, plotTop + 10);
        }
        for (DrillRun.Sample sample : mine) {
            double x = LEFT + sample.at().toMillis() / 1000.0 / span * (right - LEFT);
            double y = bottom - (sample.value() - min) / (hi - min) * (bottom - plotTop);
            g.setFill(palette.paint(sample.holds() ? "held" : "broken"));
            g.fillOval(x - 2.5, y - 2.5, 5, 5);
        }
    }

}
