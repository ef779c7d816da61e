package dev.pitwall.ui.traffic;

import java.util.List;
import java.util.Locale;

import dev.pitwall.metrics.Slo;
import dev.pitwall.metrics.TrafficHistory;
import dev.pitwall.metrics.TrafficHistory.Figure;
import dev.pitwall.ui.canvas.CanvasPane;
import dev.pitwall.ui.canvas.Palette;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.text.TextAlignment;

/**
 * A model service's last 15 minutes, drawn on one Canvas: a row per backend with three charts,
 * requests/s, error % and latency (p50 thin, p99 thick). The error and latency charts draw the SLO
 * threshold dashed and shade every stretch of time that breached it. Only the rows in view are
 * drawn, each series reduced to its lowest and highest value per pixel column and written as
 * pixels ({@link ChartRaster}), so the cost of a frame does not grow with the number of backends
 * or points. Scroll rows with the scroll bar,
 * the wheel, Up/Down or Page Up/Down.
 */
public final class TrafficCharts extends BorderPane {

    static final List<String> PAINTS = List.of("background", "grid", "text", "text-muted", "requests", "errors", "p50", "p99",
            "threshold", "breach");
    static final double ROW_HEIGHT = 118;
    private static final double GAP = 14;
    private static final double TITLE = 18;
    /** Room at the top of each chart for its title, above the highest value. */
    private static final int HEADROOM = 16;

    private final CanvasPane holder = new CanvasPane("traffic-canvas", "traffic-palette", PAINTS);
    private final Canvas canvas = holder.canvas();
    private final Palette palette = holder.palette();
    private final ScrollBar scroll = new ScrollBar();
    private final ChartRaster raster = new ChartRaster();
    private TrafficHistory.Snapshot history = TrafficHistory.Snapshot.EMPTY;
    private Slo slo = Slo.DEFAULT;
    private long draws;
    /** Told how long each redraw took on the JavaFX thread (the benchmark listens). */
    java.util.function.LongConsumer drawn = nanos -> { };

    public TrafficCharts() {
        getStyleClass().add("traffic-charts");
        setId("traffic-charts");
        scroll.setOrientation(Orientation.VERTICAL);
        scroll.setId("traffic-scroll");
        setCenter(holder);
        setRight(scroll);
        canvas.widthProperty().addListener((observable, old, width) -> draw());
        canvas.heightProperty().addListener((observable, old, height) -> draw());
        scroll.valueProperty().addListener((observable, old, value) -> draw());
        canvas.setOnScroll(event -> scroll.setValue(clamp(scroll.getValue() - event.getDeltaY())));
        canvas.setOnKeyPressed(event -> {
            switch (event.getCode()) {
                case UP -> scroll.setValue(clamp(scroll.getValue() - ROW_HEIGHT / 2));
                case DOWN -> scroll.setValue(clamp(scroll.getValue() + ROW_HEIGHT / 2));
                case PAGE_UP -> scroll.setValue(clamp(scroll.getValue() - canvas.getHeight()));
                case PAGE_DOWN -> scroll.setValue(clamp(scroll.getValue() + canvas.getHeight()));
                case HOME -> scroll.setValue(0);
                case END -> scroll.setValue(scroll.getMax());
                default -> {
                    return;
                }
            }
            event.consume();
        });
    }

    /** Shows a new history (on the JavaFX thread): one redraw. */
    public void show(TrafficHistory.Snapshot snapshot, Slo objective) {
        this.history = snapshot;
        this.slo = objective;
        draw();
    }

    public Canvas canvas() {
        return canvas;
    }

    /** How many times it has drawn, for tests and benchmarks. */
    long draws() {
        return draws;
    }

    private double clamp(double value) {
        return Math.max(0, Math.min(scroll.getMax(), value));
    }

    private void draw() {
        long started = System.nanoTime();
        drawAll();
        drawn.accept(System.nanoTime() - started);
    }

    private void drawAll() {
        draws++;
        int width = (int) canvas.getWidth();
        int height = (int) canvas.getHeight();
        GraphicsContext gc = canvas.getGraphicsContext2D();
        List<TrafficHistory.BackendSeries> backends = history.backends();
        double total = backends.size() * ROW_HEIGHT;
        scroll.setMax(Math.max(0, total - height));
        scroll.setVisibleAmount(height);
        scroll.setVisible(total > height);
        if (width <= 0 || height <= 0) {
            return;
        }
        raster.begin(width, height, ChartRaster.argb(palette.paint("background")));
        int first = (int) (scroll.getValue() / ROW_HEIGHT);
        int chartWidth = (int) ((width - 4 * GAP) / 3);
        List<Runnable> texts = new java.util.ArrayList<>();
        for (int row = first; row < backends.size(); row++) {
            double top = row * ROW_HEIGHT - scroll.getValue();
            if (top > height) {
                break;
            }
            drawRow(backends.get(row), (int) top, chartWidth, texts);
        }
        gc.drawImage(raster.finish(), 0, 0);
        gc.setFont(palette.font());
        gc.setTextBaseline(VPos.TOP);
        if (backends.isEmpty()) {
            gc.setFill(palette.paint("text-muted"));
            gc.setTextAlign(TextAlignment.LEFT);
            gc.fillText("No traffic figures yet", 12, 12);
        }
        texts.forEach(Runnable::run);
    }

    private void drawRow(TrafficHistory.BackendSeries backend, int top, int chartWidth, List<Runnable> texts) {
        int chartTop = top + (int) TITLE;
        int chartHeight = (int) (ROW_HEIGHT - TITLE - 10);
        GraphicsContext gc = canvas.getGraphicsContext2D();
        texts.add(() -> {
            gc.setTextAlign(TextAlignment.LEFT);
            gc.setFill(palette.paint("text"));
            gc.fillText(backend.backend(), GAP, top + 2);
        });
        int x = (int) GAP;
        chart(x, chartTop, chartWidth, chartHeight, "requests/s " + number(backend.latest(Figure.REQUESTS), 1),
                new double[][] {backend.of(Figure.REQUESTS)}, new String[] {"requests"}, new int[] {2}, Double.NaN, texts);
        x += chartWidth + (int) GAP;
        chart(x, chartTop, chartWidth, chartHeight, "errors " + number(backend.latest(Figure.ERROR_PERCENT), 2) + " %  (SLO "
                        + number(slo.errorBudget() * 100, 2) + " %)", new double[][] {backend.of(Figure.ERROR_PERCENT)},
                new String[] {"errors"}, new int[] {2}, slo.errorBudget() * 100, texts);
        x += chartWidth + (int) GAP;
        chart(x, chartTop, chartWidth, chartHeight, "p50 " + number(backend.latest(Figure.P50_MS), 0) + " · p99 "
                        + number(backend.latest(Figure.P99_MS), 0) + " ms  (SLO " + number(slo.p99Seconds() * 1000, 0) + " ms)",
                new double[][] {backend.of(Figure.P50_MS), backend.of(Figure.P99_MS)}, new String[] {"p50", "p99"},
                new int[] {1, 2}, slo.p99Seconds() * 1000, texts);
    }

    /**
     * One chart: the threshold's breaches shaded (the last series is the one checked), the frame,
     * the threshold dashed, the series; its title and scale as text drawn after the pixels.
     */
    private void chart(int x, int y, int w, int h, String title, double[][] series, String[] paints, int[] widths, double threshold,
                       List<Runnable> texts) {
        double max = Double.isNaN(threshold) ? 0 : threshold * 1.25;
        for (double[] values : series) {
            for (double value : values) {
                if (Double.isFinite(value) && value > max) {
                    max = value;
                }
            }
        }
        if (max <= 0) {
            max = 1;
        }
        int plotTop = y + HEADROOM;
        double scaleY = (h - HEADROOM - 2) / max;
        int bottom = y + h - 2;
        int points = series[0].length;
        if (!Double.isNaN(threshold)) {
            double[] checked = series[series.length - 1];
            int breach = ChartRaster.blend(palette.paint("breach"), palette.paint("background"));
            int start = -1;
            for (int i = 0; i <= points; i++) {
                boolean breached = i < points && checked[i] > threshold;
                if (breached && start < 0) {
                    start = i;
                } else if (!breached && start >= 0) {
                    int from = x + (int) ((long) start * w / points);
                    int to = x + (int) ((long) i * w / points);
                    raster.fill(from, y, Math.max(1, to - from), h, breach);
                    start = -1;
                }
            }
        }
        raster.outline(x, y, w, h, ChartRaster.argb(palette.paint("grid")));
        if (!Double.isNaN(threshold)) {
            raster.dashes(x + 1, (int) Math.round(bottom - threshold * scaleY), w - 2, 5, 4,
                    ChartRaster.argb(palette.paint("threshold")));
        }
        for (int s = 0; s < series.length; s++) {
            raster.series(series[s], x + 1, bottom, w - 2, scaleY, widths[s], plotTop, ChartRaster.argb(palette.paint(paints[s])));
        }
        // one text per chart: its title and the value at its top (every text drawn costs, every frame)
        String text = title + "   top " + number(max, max < 10 ? 2 : 0);
        GraphicsContext gc = canvas.getGraphicsContext2D();
        texts.add(() -> {
            gc.setFill(palette.paint("text-muted"));
            gc.setTextAlign(TextAlignment.LEFT);
            gc.fillText(text, x + 4, y + 3);
        });
    }

    static String number(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "–";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
