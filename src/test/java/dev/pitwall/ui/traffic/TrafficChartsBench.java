package dev.pitwall.ui.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.pitwall.metrics.Slo;
import dev.pitwall.metrics.TrafficHistory;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * The traffic charts under the load: 50 backends x 4 series x 900 points, a new history
 * every second, in a 1280x800 window on the Headless platform (software rendering). Pulses run at
 * full speed ({@code javafx.animation.fullspeed}), so the time between two pulses is what one
 * frame costs: styling, layout, the charts' drawing and rendering. Two phases: the charts at rest
 * between updates, and the charts scrolled every frame (each frame redraws them) while updating;
 * then, for comparison, the floor: the same window with a Canvas that is only filled, every frame.
 * Target (the case, updated every second): p99 frame under 16 ms; the scrolled phase is a
 * stricter case, reported against the same figure.
 * <p>
 * Reproduce: {@code mvn test -Dbench.excluded= -Dgroups=bench -Dtest=TrafficChartsBench}
 */
@Tag("bench")
class TrafficChartsBench {

    private static final int BACKENDS = 50;
    private static final long PHASE_SECONDS = Long.getLong("bench.phase", 20);

    private final List<Long> frames = new ArrayList<>();
    private final List<Long> drawTimes = new ArrayList<>();
    private long lastPulse;
    private boolean measuring;

    @Test
    void fiftyBackendsFourSeriesNineHundredPoints() throws Exception {
        // -Dbench.pipeline=es2 measures a real window (run under xvfb-run, OpenGL from Mesa) instead
        boolean window = "es2".equals(System.getProperty("bench.pipeline"));
        System.setProperty("glass.platform", window ? "gtk" : "Headless");
        System.setProperty("prism.order", window ? "es2" : "sw");
        System.out.println("pipeline: " + (window ? "es2 (OpenGL) in a real window" : "software, Headless platform"));
        System.setProperty("javafx.animation.fullspeed", "true");
        TrafficCharts charts = dev.pitwall.bench.Bench.show(TrafficCharts::new, this::pulse);
        onFx(() -> {
            charts.drawn = nanos -> {
                if (measuring) {
                    drawTimes.add(nanos);
                }
            };
            return null;
        });

        TrafficHistory history = new TrafficHistory();
        Random random = new Random(42);
        long second = 1_800_000_000L;
        for (long s = second - TrafficHistory.SECONDS + 1; s <= second; s++) {
            fill(history, s, random);
        }
        List<String> failures = new ArrayList<>();
        for (boolean scrolling : new boolean[] {false, true}) {
            AnimationTimer scroller = new AnimationTimer() {
                private double direction = 4;

                @Override
                public void handle(long now) {
                    var bar = (javafx.scene.control.ScrollBar) charts.lookup("#traffic-scroll");
                    if (bar.getValue() + direction > bar.getMax() || bar.getValue() + direction < 0) {
                        direction = -direction;
                    }
                    bar.setValue(bar.getValue() + direction);
                }
            };
            if (scrolling) {
                Platform.runLater(scroller::start);
            }
            measure(true);
            long drawsBefore = onFx(charts::draws);
            long copyNanos = 0;
            for (int tick = 0; tick < PHASE_SECONDS; tick++) {
                second++;
                fill(history, second, random);
                long copyStart = System.nanoTime();
                TrafficHistory.Snapshot snapshot = history.snapshot(second); // the monitor's thread does this
                copyNanos += System.nanoTime() - copyStart;
                Platform.runLater(() -> charts.show(snapshot, Slo.DEFAULT));
                Thread.sleep(1000);
            }
            measure(false);
            Platform.runLater(scroller::stop);
            List<Long> phase = onFx(() -> List.copyOf(frames));
            List<Long> drawing = onFx(() -> List.copyOf(drawTimes));
            long draws = onFx(charts::draws) - drawsBefore;
            double p50 = percentile(phase, 0.50) / 1e6;
            double p99 = percentile(phase, 0.99) / 1e6;
            double longest = phase.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6;
            System.out.printf("traffic charts, %d backends x 4 series x %d points, new history every second, %s:%n"
                            + "  %d frames (%d redraws of the charts)  frame p50 %.2f ms  p99 %.2f ms  longest %.2f ms;"
                            + " history copy off the JavaFX thread %.1f ms per second%n"
                            + "  a redraw of the charts on the JavaFX thread: p50 %.2f ms  p99 %.2f ms  longest %.2f ms%n",
                    BACKENDS, TrafficHistory.SECONDS, scrolling ? "scrolled every frame" : "at rest between updates", phase.size(), draws,
                    p50, p99, longest, copyNanos / 1e6 / PHASE_SECONDS, percentile(drawing, 0.5) / 1e6, percentile(drawing, 0.99) / 1e6,
                    drawing.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6);
            if (p99 >= 16 && !scrolling) {
                failures.add("updated every second, p99 frame " + p99 + " ms");
            } else if (p99 >= 16) {
                System.out.printf("  (the stricter case, a redraw every frame, is over 16 ms at p99 by %.1f ms)%n", p99 - 16);
            }
        }
        // the floor: what the same window costs when a Canvas that only fills itself is redrawn every frame
        javafx.scene.canvas.Canvas plain = new javafx.scene.canvas.Canvas(1280, 800);
        AnimationTimer filler = new AnimationTimer() {
            private boolean dark;

            @Override
            public void handle(long now) {
                dark = !dark;
                plain.getGraphicsContext2D().setFill(dark ? javafx.scene.paint.Color.BLACK : javafx.scene.paint.Color.DIMGRAY);
                plain.getGraphicsContext2D().fillRect(0, 0, 1280, 800);
            }
        };
        onFx(() -> {
            charts.getScene().setRoot(new javafx.scene.layout.Pane(plain));
            filler.start();
            return null;
        });
        measure(true);
        Thread.sleep(PHASE_SECONDS * 1000);
        measure(false);
        Platform.runLater(filler::stop);
        List<Long> floor = onFx(() -> List.copyOf(frames));
        System.out.printf("the floor, a 1280x800 Canvas only filled, every frame:%n  %d frames  frame p50 %.2f ms  p99 %.2f ms"
                + "  longest %.2f ms%n", floor.size(), percentile(floor, 0.5) / 1e6, percentile(floor, 0.99) / 1e6,
                floor.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6);
        System.out.printf("  target, updated every second: p99 frame < 16 ms: %s%n", failures.isEmpty() ? "met" : "NOT met " + failures);
        if (!failures.isEmpty()) {
            throw new AssertionError("targets not met: " + failures);
        }
    }

    /** One second of figures for every backend: a random walk around a level of its own. */
    private static void fill(TrafficHistory history, long second, Random random) {
        for (int b = 0; b < BACKENDS; b++) {
            String backend = String.format("model-%02d-primary", b);
            double level = 20 + b * 3;
            history.put(second, backend, TrafficHistory.Figure.REQUESTS, level + random.nextGaussian() * 2);
            history.put(second, backend, TrafficHistory.Figure.ERROR_PERCENT, Math.max(0, 0.05 + random.nextGaussian() * 0.05));
            history.put(second, backend, TrafficHistory.Figure.P50_MS, 40 + random.nextGaussian() * 3);
            history.put(second, backend, TrafficHistory.Figure.P99_MS, 300 + random.nextGaussian() * 150);
        }
    }

    private void pulse() {
        long now = System.nanoTime();
        if (measuring && lastPulse != 0) {
            frames.add(now - lastPulse);
        }
        lastPulse = now;
    }

    private void measure(boolean on) throws Exception {
        onFx(() -> {
            if (on) {
                frames.clear();
                drawTimes.clear();
                lastPulse = 0;
            }
            measuring = on;
            return null;
        });
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        return dev.pitwall.bench.Bench.onFx(read);
    }

    private static double percentile(List<Long> values, double share) {
        return dev.pitwall.bench.Bench.percentile(values, share);
    }
}
