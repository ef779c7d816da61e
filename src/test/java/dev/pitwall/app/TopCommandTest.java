package dev.pitwall.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pitwall.metrics.PrometheusClient;
import dev.pitwall.sandbox.Sandbox;
import dev.pitwall.sandbox.SandboxIdentity;
import dev.pitwall.sandbox.TestSandboxes;
import dev.pitwall.sandbox.dataplane.LoadGenerator;
import dev.pitwall.sandbox.dataplane.PrometheusServer;
import dev.pitwall.sandbox.dataplane.ScrapeConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;

/**
 * {@code pitwall top} against a real Prometheus scraping the sandbox under load: what it prints
 * agrees, within 5 %, with the same PromQL run directly; with Prometheus unreachable it reads the
 * pods' own /metrics through the API server, says so, and stays within 10 % of Prometheus.
 */
class TopCommandTest {

    @TempDir
    Path dir;

    @Test
    void topAgreesWithPrometheusWithinFivePercent() throws Exception {
        assertTrue(PrometheusServer.binary().isPresent(), "Prometheus must be installed for this test: apt-get install prometheus");
        Vertx vertx = Vertx.vertx();
        try (Sandbox sandbox = TestSandboxes.start(TestSandboxes.preset("traffic.yaml"), dir);
             KubernetesClient lead = TestSandboxes.client(sandbox, SandboxIdentity.LEAD);
             ScrapeConfig config = ScrapeConfig.write(dir.resolve("prometheus"), sandbox.dataPlane(), 1);
             PrometheusServer prometheus = PrometheusServer.start(config.file(), dir.resolve("prometheus"))) {
            TestSandboxes.awaitSteady(sandbox, lead);
            LoadGenerator scorer = LoadGenerator.start(vertx, sandbox.dataPlane().gatewayUrls().get("scorer"), "scorer", 60);
            LoadGenerator tiny = LoadGenerator.start(vertx, sandbox.dataPlane().gatewayUrls().get("tiny"), "tiny", 20);
            try {
                PrometheusClient direct = new PrometheusClient(PrometheusClient.Endpoint.of(prometheus.url()), Duration.ofSeconds(5));
                String rates = "sum by (backend) (rate(gateway_requests_total[20s]))";
                TestSandboxes.await(Duration.ofSeconds(60), "20 s of rates for both models", () -> {
                    Map<String, Double> now = byBackend(direct, rates);
                    return now.getOrDefault("scorer-primary", 0.0) > 50 && now.getOrDefault("tiny-primary", 0.0) > 15;
                });
                Thread.sleep(5000);

                StringWriter text = new StringWriter();
                var commandLine = Main.commandLine();
                commandLine.setOut(new PrintWriter(text, true));
                int exit = commandLine.execute("top", "--context", sandbox.context(SandboxIdentity.VIEWER), "--kubeconfig",
                        sandbox.kubeconfig().toString(), "--prometheus", prometheus.url(), "--window", "20s");
                Map<String, Double> expectedRates = byBackend(direct, rates);
                Map<String, Double> expectedP99 = byBackend(direct,
                        "histogram_quantile(0.99, sum by (le, backend) (rate(gateway_request_duration_seconds_bucket[20s])))");
                assertEquals(0, exit, text.toString());

                agrees(text.toString(), expectedRates, expectedP99, 0.05);
                // services come highest burn first: each service's burn is its highest backend burn
                java.util.List<Double> burns = new java.util.ArrayList<>();
                for (String line : text.toString().lines().skip(2).toList()) {
                    String[] columns = line.substring(29).trim().split("\\s+");
                    double burn = columns.length > 5 && !columns[5].equals("-") ? Double.parseDouble(columns[5]) : Double.NaN;
                    if (!line.startsWith(" ")) {
                        burns.add(burn);
                    } else if (!Double.isNaN(burn)) {
                        burns.set(burns.size() - 1, Double.isNaN(burns.getLast()) ? burn : Math.max(burns.getLast(), burn));
                    }
                }
                assertEquals(2, burns.size(), text.toString());
                assertTrue(burns.get(0) >= burns.get(1), "highest burn first:\n" + text);

                // Prometheus unreachable: the pods' own /metrics through the API server, said so, within 10 %
                StringWriter fallback = new StringWriter();
                var again = Main.commandLine();
                again.setOut(new PrintWriter(fallback, true));
                long started = System.currentTimeMillis();
                int fallbackExit = again.execute("top", "--context", sandbox.context(SandboxIdentity.VIEWER), "--kubeconfig",
                        sandbox.kubeconfig().toString(), "--prometheus", "http://127.0.0.1:1", "--direct-interval", "15");
                long seconds = Math.max(15, (System.currentTimeMillis() - started + 999) / 1000);
                Map<String, Double> promRates = byBackend(direct, "sum by (backend) (rate(gateway_requests_total[" + seconds + "s]))");
                Map<String, Double> podP99 = new HashMap<>();
                for (String backend : new String[] {"scorer-primary", "tiny-primary"}) {
                    podP99.put(backend, direct.query("histogram_quantile(0.99, sum by (le) (rate(model_request_duration_seconds_bucket{pod=~\""
                            + backend + "-.*\"}[" + seconds + "s])))").getFirst().value());
                }
                assertEquals(0, fallbackExit, fallback.toString());
                assertTrue(fallback.toString().lines().findFirst().orElseThrow().contains("SOURCE: DIRECT SCRAPE")
                        && fallback.toString().contains("Prometheus failed: cannot reach Prometheus at http://127.0.0.1:1"), fallback.toString());
                agrees(fallback.toString(), promRates, podP99, 0.10);
            } finally {
                scorer.close();
                tiny.close();
            }
        } finally {
            vertx.close();
        }
    }

    /** The requests/s and p99 (ms) top printed for both busy backends are within {@code share} of Prometheus' (p99 in s). */
    private static void agrees(String printed, Map<String, Double> rates, Map<String, Double> p99Seconds, double share) {
        Map<String, String[]> rows = new HashMap<>();
        printed.lines().skip(2).map(line -> line.substring(29).trim().split("\\s+"))
                .filter(columns -> columns.length > 5).forEach(columns -> rows.put(columns[0], columns));
        for (String backend : new String[] {"scorer-primary", "tiny-primary"}) {
            String[] columns = rows.get(backend);
            assertTrue(columns != null, "top shows " + backend + ":\n" + printed);
            within(rates.get(backend), Double.parseDouble(columns[1]), share, backend + " requests/s\n" + printed);
            within(p99Seconds.get(backend) * 1000, Double.parseDouble(columns[4]), share, backend + " p99\n" + printed);
        }
    }

    private static Map<String, Double> byBackend(PrometheusClient prometheus, String promql) {
        return dev.pitwall.metrics.PromQl.byBackend(prometheus, promql);
    }

    private static void within(double expected, double actual, double share, String what) {
        assertTrue(Math.abs(actual - expected) <= share * Math.abs(expected), what + ": printed " + actual + ", PromQL " + expected);
    }
}
