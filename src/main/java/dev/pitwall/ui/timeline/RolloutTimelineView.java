package dev.pitwall.ui.timeline;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.pitwall.fleet.FleetEvent;
import dev.pitwall.fleet.ReplicaSetState;
import dev.pitwall.fleet.RolloutHistory;
import dev.pitwall.ui.canvas.CanvasPane;
import dev.pitwall.ui.canvas.Palette;
import javafx.geometry.Orientation;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.layout.BorderPane;

/**
 * A Deployment's rollout over time: per ReplicaSet its replicas (thin) and ready replicas (thick),
 * the newest in the "current" colour and older ones muted, the desired count dashed, and the
 * events as ticks along the bottom. Follows the present while scrolled to the end; scroll back
 * (scroll bar, Left/Right, Home/End) to see any moment of the session, zoom with + and -
 * (5 seconds to an hour across).
 */
public final class RolloutTimelineView extends BorderPane {

    static final List<String> PAINTS = List.of("background", "grid", "text", "text-muted", "current", "old", "desired",
            "event", "warning");
    private static final List<Duration> ZOOMS = List.of(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(60));
    private static final double LEFT = 36;
    private static final double BOTTOM = 46;
    private static final double TOP = 36;

    private final CanvasPane holder = new CanvasPane("timeline-canvas", "timeline-palette", PAINTS);
    private final Canvas canvas = holder.canvas();
    private final Palette palette = holder.palette();
    private final ScrollBar scroll = new ScrollBar();
    private final Label caption = new Label();
    private Supplier<RolloutHistory.Series> series = () -> new RolloutHistory.Series(List.of(), List.of());
    private boolean following = true;
    private boolean active = true;
    private Instant start = Instant.now();
    private int zoom = ZOOMS.indexOf(Duration.ofMinutes(2));

    public RolloutTimelineView() {
        getStyleClass().add("rollout-timeline");
        setId("rollout-timeline");
        scroll.setOrientation(Orientation.HORIZONTAL);
        scroll.setId("timeline-scroll");
        caption.setId("timeline-caption");
        caption.getStyleClass().add("timeline-caption");
        caption.setMaxWidth(Double.MAX_VALUE);
        setTop(caption);
        setCenter(holder);
        setBottom(scroll);
        canvas.widthProperty().addListener((observable, old, width) -> draw());
        canvas.heightProperty().addListener((observable, old, height) -> draw());
        scroll.valueProperty().addListener((observable, old, value) -> {
            following = value.doubleValue() >= scroll.getMax() - 0.5;
            draw();
        });
        canvas.setOnKeyPressed(event -> {
            double step = window().toMillis() / 4.0;
            switch (event.getCode()) {
                case PLUS, EQUALS, ADD -> zoom(-1);
                case MINUS, SUBTRACT -> zoom(1);
                case LEFT -> scroll.setValue(Math.max(0, scroll.getValue() - step));
                case RIGHT -> scroll.setValue(Math.min(scroll.getMax(), scroll.getValue() + step));
                case HOME -> scroll.setValue(0);
                case END -> scroll.setValue(scroll.getMax());
                default -> {
                    return;
                }
            }
            event.consume();
        });
        canvas.setOnMouseClicked(event -> canvas.requestFocus());
    }

    private Duration window() {
        return ZOOMS.get(zoom);
    }

    /** Zooms in (-1) or out (+1), keeping the right edge where it is. */
    private void zoom(int direction) {
        zoom = Math.max(0, Math.min(ZOOMS.size() - 1, zoom + direction));
        draw();
    }

    /** What to draw: the selected Deployment's history, and its rollout status line. */
    public void show(String deployment, String rolloutStatus, Supplier<RolloutHistory.Series> history) {
        this.series = history;
        caption.setText(deployment.isEmpty() ? "Select a model service to follow its rollouts." : rolloutStatus);
        draw();
    }

    public void setActive(boolean active) {
        this.active = active;
        draw();
    }

    public String caption() {
        return caption.getText();
    }

    public Canvas canvas() {
        return canvas;
    }

    private void draw() {
        if (!active || canvas.getWidth() <= 0 || canvas.getHeight() <= 0) {
            return;
        }
        RolloutHistory.Series data = series.get();
        List<RolloutHistory.Point> points = data.points();
        Instant now = Instant.now();
        start = points.isEmpty() ? now : points.getFirst().at();
        long total = Math.max(0, Duration.between(start, now).toMillis() - window().toMillis());
        scroll.setMin(0);
        scroll.setMax(total);
        scroll.setVisibleAmount(Math.max(1, window().toMillis() * total / (double) Math.max(1, total + window().toMillis())));
        if (following) {
            scroll.setValue(total);
        }
        // Until the history is longer than the window, the window ends now and the history starts inside it.
        Instant from = total == 0 ? now.minus(window()) : start.plusMillis((long) scroll.getValue());
        Instant to = from.plus(window());

        GraphicsContext g = canvas.getGraphicsContext2D();
        double width = canvas.getWidth();
        double height = canvas.getHeight();
        g.setFill(palette.paint("background"));
        g.fillRect(0, 0, width, height);
        g.setFont(palette.font());
        int max = 1;
        for (RolloutHistory.Point point : points) {
            max = Math.max(max, point.desired());
            for (ReplicaSetState rs : point.replicaSets()) {
                max = Math.max(max, Math.max(rs.replicas(), rs.desired()));
            }
        }
        max += 1;
        double plotWidth = width - LEFT - 8;
        double plotHeight = height - TOP - BOTTOM;
        Scale scale = new Scale(from, window().toMillis(), LEFT, plotWidth, TOP, plotHeight, max);

        g.setStroke(palette.paint("grid"));
        g.setLineWidth(1);
        g.setFill(palette.paint("text-muted"));
        for (int replicas = 0; replicas <= max; replicas++) {
            double y = scale.y(replicas);
            g.strokeLine(LEFT, y, LEFT + plotWidth, y);
            g.fillText(String.valueOf(replicas), 8, y + 4);
        }
        for (int i = 0; i <= 4; i++) {
            Instant tick = from.plusMillis(window().toMillis() * i / 4);
            double x = scale.x(tick);
            g.strokeLine(x, TOP, x, TOP + plotHeight);
            g.fillText(LocalTime.ofInstant(tick, ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS).toString(),
                    Math.min(x - 24, width - 64), height - 6);
        }

        drawDesired(g, scale, points, now);
        for (Map.Entry<String, List<double[]>> line : lines(points, now, scale).entrySet()) {
            boolean current = !points.isEmpty() && points.getLast().replicaSets().stream()
                    .anyMatch(rs -> rs.name().equals(line.getKey()) && rs.current());
            g.setStroke(palette.paint(current ? "current" : "old"));
            List<double[]> steps = line.getValue();
            for (double[] step : steps) {
                g.setLineWidth(1.2);
                g.strokeLine(step[0], scale.y(step[2]), step[1], scale.y(step[2]));
                g.setLineWidth(3);
                g.strokeLine(step[0], scale.y(step[3]), step[1], scale.y(step[3]));
            }
        }
        for (FleetEvent event : data.events()) {
            if (event.time().isBefore(from) || event.time().isAfter(to)) {
                continue;
            }
            double x = scale.x(event.time());
            g.setStroke(palette.paint(event.warning() ? "warning" : "event"));
            g.setLineWidth(1);
            g.strokeLine(x, TOP + plotHeight, x, TOP + plotHeight + 8);
        }
        g.setFill(palette.paint("text"));
        g.fillText(legend(points), LEFT, 20, width - LEFT - 8);
        List<FleetEvent> shown = data.events().stream().filter(e -> !e.time().isBefore(from) && !e.time().isAfter(to)).toList();
        if (!shown.isEmpty()) {
            FleetEvent last = shown.getLast();
            g.setFill(palette.paint(last.warning() ? "warning" : "text-muted"));
            g.fillText(LocalTime.ofInstant(last.time(), ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS) + "  " + last.kind()
                    + " " + last.object() + ": " + last.reason() + ", " + last.message(), LEFT, TOP + plotHeight + 22, plotWidth);
        }
    }

    private void drawDesired(GraphicsContext g, Scale scale, List<RolloutHistory.Point> points, Instant now) {
        g.setStroke(palette.paint("desired"));
        g.setLineWidth(1);
        g.setLineDashes(4, 4);
        for (int i = 0; i < points.size(); i++) {
            Instant end = i + 1 < points.size() ? points.get(i + 1).at() : now;
            double y = scale.y(points.get(i).desired());
            g.strokeLine(scale.x(points.get(i).at()), y, scale.x(end), y);
        }
        g.setLineDashes();
    }

    /** Per ReplicaSet, its steps: [x from, x to, replicas, ready]. */
    private static Map<String, List<double[]>> lines(List<RolloutHistory.Point> points, Instant now, Scale scale) {
        Map<String, List<double[]>> lines = new LinkedHashMap<>();
        for (int i = 0; i < points.size(); i++) {
            Instant end = i + 1 < points.size() ? points.get(i + 1).at() : now;
            double x0 = scale.x(points.get(i).at());
            double x1 = scale.x(end);
            if (x1 < scale.left() || x0 > scale.right()) {
                continue;
            }
            for (ReplicaSetState rs : points.get(i).replicaSets()) {
                lines.computeIfAbsent(rs.name(), name -> new ArrayList<>()).add(new double[] {Math.max(x0, scale.left()),
                        Math.min(x1, scale.right()), rs.replicas(), rs.ready()});
            }
        }
        return lines;
    }

    private static String legend(List<RolloutHistory.Point> points) {
        if (points.isEmpty()) {
            return "No ReplicaSets seen yet.";
        }
        StringBuilder text = new StringBuilder();
        for (ReplicaSetState rs : points.getLast().replicaSets()) {
            if (rs.replicas() == 0 && !rs.current()) {
                continue;
            }
            text.append(text.isEmpty() ? "" : "    ").append("rev ").append(rs.revision()).append(rs.current() ? " (new)" : " (old)")
                    .append(": ").append(rs.ready()).append('/').append(rs.replicas()).append(" ready");
        }
        return text.toString();
    }

    private record Scale(Instant from, long spanMillis, double left, double width, double top, double height, int max) {
        double x(Instant at) {
            return left + width * Duration.between(from, at).toMillis() / (double) spanMillis;
        }

        double y(double replicas) {
            return top + height - height * replicas / max;
        }

        double right() {
            return left + width;
        }
    }

    public boolean following() {
        return following;
    }
}
