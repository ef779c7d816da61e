package dev.pitwall.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pitwall.sandbox.dataplane.LoadGenerator;
import dev.pitwall.sandbox.dataplane.PrometheusServer;
import dev.pitwall.sandbox.dataplane.ScrapeConfig;
import dev.pitwall.sandbox.store.KubeObjects;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import tools.jackson.databind.JsonNode;

/**
 * A real Prometheus (Debian's package, started by the test on loopback) scrapes the sandbox under
 * load: rate() of the request counters and histogram_quantile() over the latency histograms
 * answer for every backend and every serving pod.
 */
class PrometheusScrapeTest {

    @TempDir
    Path dir;

    @Test
    void prometheusComputesRatesAndQuantilesForEveryBackend() {
        assertTrue(PrometheusServer.binary().isPresent(), "Prometheus must be installed for this test: apt-get install prometheus");
        Vertx vertx = Vertx.vertx();
        try (Sandbox sandbox = TestSandboxes.start(TestSandboxes.preset("traffic.yaml"), dir);
             KubernetesClient lead = TestSandboxes.client(sandbox, SandboxIdentity.LEAD);
             ScrapeConfig config = ScrapeConfig.write(dir.resolve("prometheus"), sandbox.dataPlane(), 1);
             PrometheusServer prometheus = PrometheusServer.start(config.file(), dir.resolve("prometheus"))) {
            TestSandboxes.awaitSteady(sandbox, lead);
            new Kubectl(sandbox.kubeconfig()).run("patch", "httproute", "scorer", "--type=json", "-p",
                    "[{\"op\":\"replace\",\"path\":\"/spec/rules/0/backendRefs/0/weight\",\"value\":50},"
                            + "{\"op\":\"replace\",\"path\":\"/spec/rules/0/backendRefs/1/weight\",\"value\":50}]").assertOk();
            Set<String> backends = Set.of("scorer-primary", "scorer-standby", "tiny-primary");
            Set<String> pods = new TreeSet<>();
            lead.pods().inNamespace("models").list().getItems().forEach(pod -> pods.add(pod.getMetadata().getName()));
            LoadGenerator scorer = LoadGenerator.start(vertx, sandbox.dataPlane().gatewayUrls().get("scorer"), "scorer", 60);
            LoadGenerator tiny = LoadGenerator.start(vertx, sandbox.dataPlane().gatewayUrls().get("tiny"), "tiny", 20);
            try {
                String rates = "sum by (backend) (rate(gateway_requests_total{code=\"200\"}[5s]))";
                TestSandboxes.await(Duration.ofSeconds(40), "Prometheus to have request rates for every backend",
                        () -> positive(query(prometheus, rates), "backend").keySet().containsAll(backends));
                Map<String, Double> quantiles = finite(query(prometheus,
                        "histogram_quantile(0.99, sum by (le, backend) (rate(gateway_request_duration_seconds_bucket[5s])))"),
                        "backend");
                assertTrue(quantiles.keySet().containsAll(backends), "p99 per backend: " + quantiles);
                quantiles.values().forEach(p99 -> assertTrue(p99 > 0.001 && p99 < 5, "a p99 in seconds: " + quantiles));

                // Prometheus discovers each pod from the file-SD config on its own refresh, so a pod
                // scraped for the first time may need a few more seconds before rate() has two samples.
                AtomicReference<Map<String, Double>> podRates = new AtomicReference<>(Map.of());
                TestSandboxes.await(Duration.ofSeconds(30), "a request rate for every serving pod " + pods, () -> {
                    podRates.set(positive(query(prometheus, "sum by (pod) (rate(model_requests_total{code=\"200\"}[5s]))"), "pod"));
                    return podRates.get().keySet().containsAll(pods);
                });
                assertEquals(pods, new TreeSet<>(podRates.get().keySet()), "only serving pods have a request rate");
                AtomicReference<Map<String, Double>> podQuantiles = new AtomicReference<>(Map.of());
                TestSandboxes.await(Duration.ofSeconds(30), "a median latency for every serving pod " + pods, () -> {
                    podQuantiles.set(finite(query(prometheus,
                            "histogram_quantile(0.5, sum by (le, pod) (rate(model_request_duration_seconds_bucket[5s])))"), "pod"));
                    return podQuantiles.get().keySet().containsAll(pods);
                });
                podQuantiles.get().values().forEach(p50 -> assertTrue(p50 > 0.0001 && p50 < 5, "a median in seconds: " + podQuantiles));
            } finally {
                scorer.close();
                tiny.close();
            }
        } finally {
            vertx.close();
        }
    }

    private static JsonNode query(PrometheusServer prometheus, String promql) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(prometheus.url()
                    + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return KubeObjects.JSON.readTree(response.body()).path("data").path("result");
        } catch (Exception e) {
            throw new IllegalStateException("query failed: " + promql, e);
        }
    }

    private static Map<String, Double> values(JsonNode result, String label) {
        Map<String, Double> values = new HashMap<>();
        for (JsonNode series : result) {
            values.put(series.path("metric").path(label).asString(""), Double.parseDouble(series.path("value").get(1).asString()));
        }
        return values;
    }

    private static Map<String, Double> positive(JsonNode result, String label) {
        Map<String, Double> values = values(result, label);
        values.values().removeIf(value -> !(value > 0));
        return values;
    }

    private static Map<String, Double> finite(JsonNode result, String label) {
        Map<String, Double> values = values(result, label);
        values.values().removeIf(value -> value.isNaN() || value.isInfinite());
        return values;
    }
}
