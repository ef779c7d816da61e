package dev.pitwall.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import dev.pitwall.metrics.BackendTraffic;
import dev.pitwall.metrics.PrometheusClient;
import dev.pitwall.metrics.SloQueries;
import dev.pitwall.sandbox.Sandbox;
import dev.pitwall.sandbox.SandboxIdentity;
import dev.pitwall.sandbox.TestSandboxes;
import dev.pitwall.sandbox.dataplane.LoadGenerator;
import dev.pitwall.sandbox.dataplane.PrometheusServer;
import dev.pitwall.sandbox.dataplane.ScrapeConfig;
import dev.pitwall.ui.FxWait;
import dev.pitwall.ui.fleet.FleetView;
import dev.pitwall.ui.fleet.FleetViewModel;
import dev.pitwall.ui.traffic.TrafficViewModel;
import io.vertx.core.Vertx;
import javafx.stage.Stage;

/**
 * The traffic view in the window, through the production wiring, against the sandbox under load
 * and a real Prometheus that Pitwall finds in the cluster (a Service reached through the API
 * server's service proxy): what it shows agrees with the same PromQL run directly within 5 %;
 * stopping Prometheus switches to direct scraping within 5 s, with the badge, within 10 % of what
 * Prometheus showed; a new Prometheus is used again as soon as it answers. The top table lists
 * every model service, highest burn first.
 */
@ExtendWith(ApplicationExtension.class)
class TrafficViewTest {

    @TempDir
    Path dir;

    private FleetSession session;
    private FleetViewModel fleet;
    private FleetView view;

    @Start
    void start(Stage stage) {
        TestWindow.Wired window = TestWindow.wire(stage, null);
        fleet = window.fleet();
        session = window.session();
        view = window.view();
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void showsPrometheusFiguresAndFallsBackToDirectScrapingAndBack() throws Exception {
        assertTrue(PrometheusServer.binary().isPresent(), "Prometheus must be installed for this test: apt-get install prometheus");
        Vertx vertx = Vertx.vertx();
        PrometheusServer prometheus = null;
        PrometheusServer second = null;
        try (Sandbox sandbox = TestSandboxes.start(TestSandboxes.preset("traffic.yaml"), dir);
             var lead = TestSandboxes.client(sandbox, SandboxIdentity.LEAD);
             ScrapeConfig config = ScrapeConfig.write(dir.resolve("prometheus"), sandbox.dataPlane(), 1)) {
            prometheus = PrometheusServer.start(config.file(), dir.resolve("prometheus"));
            sandbox.announcePrometheus(prometheus.url());
            TestSandboxes.awaitSteady(sandbox, lead);
            LoadGenerator scorer = LoadGenerator.start(vertx, sandbox.dataPlane().gatewayUrls().get("scorer"), "scorer", 60);
            LoadGenerator tiny = LoadGenerator.start(vertx, sandbox.dataPlane().gatewayUrls().get("tiny"), "tiny", 20);
            try {
                session.open(List.of(sandbox.kubeconfig()), sandbox.context(SandboxIdentity.VIEWER)).get();
                await(Duration.ofSeconds(20), "the fleet shows scorer", () -> fleet.entries().stream()
                        .anyMatch(entry -> entry.service().name().equals("scorer")));
                FxWait.onFx(() -> {
                    fleet.select(fleet.entries().stream().filter(e -> e.service().name().equals("scorer")).findFirst().orElseThrow()
                            .key());
                    view.show(FleetView.View.TRAFFIC);
                    return null;
                });
                // the 1m rate is steady once the load has run a minute
                await(Duration.ofSeconds(120), "steady Prometheus figures for scorer-primary", () -> source().equals("PROMETHEUS")
                        && shown().getOrDefault("scorer-primary", 0.0) > 56);
                String why = FxWait.onFx(() -> ((javafx.scene.control.Label) view.lookup("#traffic-why")).getText());
                assertTrue(why.contains("service monitoring/prometheus:web through the API server"), why);

                // 1. the figures shown agree with the same PromQL run directly
                PrometheusClient direct = new PrometheusClient(PrometheusClient.Endpoint.of(prometheus.url()), Duration.ofSeconds(5));
                Map<String, Double> expected = byBackend(direct, SloQueries.fill(SloQueries.GATEWAY.requests(), "models", "scorer", "1m"));
                Map<String, Double> expectedP99 = byBackend(direct, SloQueries.fill(SloQueries.GATEWAY.p99(), "models", "scorer", "1m"));
                Map<String, BackendTraffic> rows = rows();
                within(expected.get("scorer-primary"), rows.get("scorer-primary").requests(), 0.05, "requests/s");
                within(expectedP99.get("scorer-primary"), rows.get("scorer-primary").p99(), 0.05, "p99");

                // the top table: every model service, highest burn first, its figures Prometheus'
                FxWait.onFx(() -> {
                    view.show(FleetView.View.TOP);
                    return null;
                });
                await(Duration.ofSeconds(20), "the top table lists both model services", () -> view.traffic().top().size() == 2
                        && view.traffic().top().stream().allMatch(row -> row.traffic().requests() > 10));
                List<TrafficViewModel.TopRow> top = FxWait.onFx(() -> List.copyOf(view.traffic().top()));
                assertTrue(top.get(0).traffic().burn() >= top.get(1).traffic().burn(), "highest burn first: " + top);
                FxWait.onFx(() -> {
                    view.show(FleetView.View.TRAFFIC);
                    return null;
                });
                await(Duration.ofSeconds(10), "Prometheus figures again", () -> source().equals("PROMETHEUS"));

                // 2. Prometheus stops: direct scraping within 5 s, said by the badge, within 10 %
                double prometheusRate = averageShown(); // what Prometheus showed last
                prometheus.close();
                long stopped = System.nanoTime();
                await(Duration.ofSeconds(5), "the DIRECT SCRAPE badge", () -> source().equals("DIRECT SCRAPE"));
                long switchedMillis = (System.nanoTime() - stopped) / 1_000_000;
                await(Duration.ofSeconds(10), "direct figures", () -> shown().getOrDefault("scorer-primary", 0.0) > 0);
                Thread.sleep(15_000); // let direct scraping's 15 s window fill
                within(prometheusRate, averageShown(), 0.10, "direct requests/s");
                String fallbackWhy = FxWait.onFx(() -> ((javafx.scene.control.Label) view.lookup("#traffic-why")).getText());
                assertTrue(fallbackWhy.startsWith("Prometheus not used:"), fallbackWhy);

                // 3. a Prometheus answers again: back to it
                second = PrometheusServer.start(config.file(), dir.resolve("prometheus-2"));
                sandbox.announcePrometheus(second.url());
                await(Duration.ofSeconds(10), "the PROMETHEUS badge again", () -> source().equals("PROMETHEUS"));
                System.out.printf("traffic view: switched to direct scraping %d ms after Prometheus stopped%n", switchedMillis);
            } finally {
                scorer.close();
                tiny.close();
            }
        } finally {
            if (prometheus != null) {
                prometheus.close(); // again, when the test failed before stopping it: closing twice is harmless
            }
            if (second != null) {
                second.close();
            }
            vertx.close();
        }
    }

    /** Waits for a condition; failing, says what the traffic view shows. */
    private void await(Duration limit, String what, java.util.concurrent.Callable<Boolean> condition) {
        try {
            FxWait.within(limit, what, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the view shows " + FxWait.onFx(() -> source() + " · "
                    + ((javafx.scene.control.Label) view.lookup("#traffic-why")).getText() + " · " + rowsNow() + " · top "
                    + view.traffic().top()), e);
        }
    }

    private String source() {
        return ((javafx.scene.control.Label) view.lookup("#traffic-source")).getText();
    }

    /** The backends' rows of the traffic table, as shown (read from the test thread). */
    private Map<String, BackendTraffic> rows() {
        return FxWait.onFx(this::rowsNow);
    }

    /** The same, on the JavaFX thread. */
    @SuppressWarnings("unchecked")
    private Map<String, BackendTraffic> rowsNow() {
        Map<String, BackendTraffic> rows = new HashMap<>();
        ((javafx.scene.control.TableView<BackendTraffic>) view.lookup("#traffic-table")).getItems()
                .forEach(row -> rows.put(row.backend(), row));
        return rows;
    }

    /** scorer-primary's requests/s as shown, averaged over five seconds (one reading a second). */
    private double averageShown() throws InterruptedException {
        double sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += rows().get("scorer-primary").requests();
            Thread.sleep(1000);
        }
        return sum / 5;
    }

    /** Requests/s per backend as shown, on the JavaFX thread. */
    private Map<String, Double> shown() {
        Map<String, Double> rates = new HashMap<>();
        rowsNow().forEach((backend, row) -> rates.put(backend, row.requests()));
        return rates;
    }

    private static Map<String, Double> byBackend(PrometheusClient prometheus, String promql) {
        return dev.pitwall.metrics.PromQl.byBackend(prometheus, promql);
    }

    private static void within(double expected, double actual, double share, String what) {
        assertTrue(Math.abs(actual - expected) <= share * Math.abs(expected), what + ": shown " + actual + ", PromQL " + expected);
    }
}
