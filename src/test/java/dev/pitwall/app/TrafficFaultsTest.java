package dev.pitwall.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import dev.pitwall.metrics.FaultyPrometheus;
import dev.pitwall.metrics.PrometheusSettings;
import dev.pitwall.sandbox.Sandbox;
import dev.pitwall.sandbox.SandboxIdentity;
import dev.pitwall.sandbox.TestSandboxes;
import dev.pitwall.ui.FxWait;
import dev.pitwall.ui.fleet.FleetFeed;
import dev.pitwall.ui.fleet.FleetView;
import dev.pitwall.ui.fleet.FleetViewModel;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * A misbehaving Prometheus (a fault-injecting server on loopback set as the context's Prometheus):
 * slow answers, HTTP 500s, bodies that are not JSON, huge answers, NaN and infinite values. Each
 * is said in the traffic view in words, the JavaFX thread never stalls, and no exception escapes
 * into a dialog.
 */
@ExtendWith(ApplicationExtension.class)
class TrafficFaultsTest {

    @TempDir
    Path dir;

    private FleetSession session;
    private FleetViewModel fleet;
    private FleetView view;
    private FaultyPrometheus prometheus;
    private final List<Throwable> escaped = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        prometheus = new FaultyPrometheus();
        Thread.currentThread().setUncaughtExceptionHandler((thread, error) -> escaped.add(error));
        fleet = new FleetViewModel();
        PrometheusSettings settings = new PrometheusSettings("test settings", List.of(new PrometheusSettings.Entry(List.of("sandbox-*"),
                prometheus.url(), null, null, null, null)));
        session = new FleetSession(new FleetFeed(fleet), null, () -> settings, FleetSession.SandboxTraffic.NONE);
        view = TestWindow.show(stage, fleet, session, 800);
    }

    @AfterEach
    void close() {
        session.close();
        prometheus.close();
    }

    @Test
    void everyFaultIsSaidInWordsAndTheWindowNeverStalls() throws Exception {
        try (Sandbox sandbox = TestSandboxes.start("two-active-standby", dir)) {
            session.open(List.of(sandbox.kubeconfig()), sandbox.context(SandboxIdentity.VIEWER)).get();
            FxWait.within(Duration.ofSeconds(20), "the fleet shows fraud-detector", () -> fleet.entries().stream()
                    .anyMatch(entry -> entry.service().name().equals("fraud-detector")));
            FxWait.onFx(() -> {
                fleet.select(fleet.entries().stream().filter(e -> e.service().name().equals("fraud-detector")).findFirst()
                        .orElseThrow().key());
                view.show(FleetView.View.TRAFFIC);
                return null;
            });
            // the first frame (the server answers 404 until a fault is set): the view is up and drawn, the JVM warm
            says(Duration.ofSeconds(15), "HTTP 404");
            AtomicLong longestStall = new AtomicLong();
            Thread pinger = Thread.ofPlatform().daemon().start(() -> ping(longestStall));
            try {
                prometheus.answer(exchange -> {
                    Thread.sleep(10_000);
                    FaultyPrometheus.reply(exchange, 200, "{}");
                });
                says(Duration.ofSeconds(10), "did not answer within 2000 ms");

                prometheus.answer(exchange -> FaultyPrometheus.reply(exchange, 500,
                        "{\"status\":\"error\",\"errorType\":\"internal\",\"error\":\"storage is on fire\"}"));
                says(Duration.ofSeconds(10), "HTTP 500, internal: storage is on fire");

                prometheus.answer(exchange -> FaultyPrometheus.reply(exchange, 200, "<html>a login page</html>"));
                says(Duration.ofSeconds(10), "a body that is not JSON; is the URL Prometheus' own?");

                prometheus.answer(FaultyPrometheus.huge(40));
                says(Duration.ofSeconds(15), "with more than 8 MB; narrow the query");

                // NaN and infinities: Prometheus answers, the figures it cannot chart are named
                prometheus.answer(exchange -> {
                    String query = URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
                    String value = query.contains("0.99") ? "+Inf" : query.contains("0.5,") ? "NaN" : query.contains("5..") ? "0" : "12";
                    if (query.startsWith("query=") && exchange.getRequestURI().getPath().endsWith("query_range")) {
                        FaultyPrometheus.reply(exchange, 200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}");
                        return;
                    }
                    FaultyPrometheus.vector("fraud-detector-primary", value).send(exchange);
                });
                FxWait.within(Duration.ofSeconds(10), "the PROMETHEUS badge", () -> label("#traffic-source").equals("PROMETHEUS"));
                FxWait.within(Duration.ofSeconds(5), "the odd figures named", () -> view.lookup("#traffic-oddities").isVisible()
                        && label("#traffic-oddities").contains("p99 of fraud-detector-primary is +Inf")
                        && label("#traffic-oddities").contains("p50 of fraud-detector-primary is NaN"));
            } finally {
                pinger.interrupt();
                pinger.join(2000);
            }
            assertTrue(longestStall.get() < 1000, "the JavaFX thread stalled for " + longestStall.get() + " ms");
            assertEquals(List.of(), escaped, "no exception escaped on the JavaFX thread");
            assertEquals(1, (int) FxWait.onFx(() -> Window.getWindows().size()), "no dialog opened");
            System.out.printf("traffic faults: the JavaFX thread's longest wait was %d ms%n", longestStall.get());
        }
    }

    /** The traffic view says {@code words} (beside whichever source it fell back to) within {@code limit}. */
    private void says(Duration limit, String words) {
        try {
            FxWait.within(limit, "the view says '" + words + "'", () -> label("#traffic-why").contains(words));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; it says: " + FxWait.onFx(() -> label("#traffic-source") + " · "
                    + label("#traffic-why")), e);
        }
    }

    private String label(String id) {
        return ((Label) view.lookup(id)).getText();
    }

    /** Asks the JavaFX thread to run something every 50 ms, recording the longest wait for it. */
    private static void ping(AtomicLong longest) {
        while (!Thread.currentThread().isInterrupted()) {
            long asked = System.nanoTime();
            java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(1);
            Platform.runLater(ran::countDown);
            try {
                ran.await();
                longest.accumulateAndGet((System.nanoTime() - asked) / 1_000_000, Math::max);
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

}
