package dev.pitwall.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Prometheus settings file: which Prometheus serves which context; every mistake names the file and the field. */
class PrometheusSettingsTest {

    @TempDir
    Path dir;

    @Test
    void theFirstEntryThatMatchesAContextWins() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "s3cret\n");
        Path file = Files.writeString(dir.resolve("prometheus.yaml"), """
                prometheus:
                  - contexts: ["prod-*"]
                    url: https://prometheus.prod.example
                    bearerTokenFile: %s
                  - contexts: ["staging", "prod-eu"]
                    service: monitoring/prometheus-k8s:web
                """.formatted(token));
        PrometheusSettings settings = PrometheusSettings.read(file);
        assertEquals("https://prometheus.prod.example", settings.forContext("prod-eu").orElseThrow().url());
        assertEquals("s3cret", settings.forContext("prod-us").orElseThrow().endpoint().bearerToken());
        assertEquals("monitoring/prometheus-k8s:web", settings.forContext("staging").orElseThrow().service());
        assertTrue(settings.forContext("dev").isEmpty());
        assertTrue(PrometheusSettings.read(dir.resolve("absent.yaml")).entries().isEmpty(), "no file, no entries");
    }

    @Test
    void mistakesNameTheFileAndTheField() {
        assertEquals(problem("prometheus:\n  - contexts: [a\n"), "x.yaml: not valid YAML at line 2, column 17; fix it or remove the file");
        assertEquals(problem("prometheus: {}"), "x.yaml: prometheus must be a list of entries, each with contexts and a url or a service");
        assertEquals(problem("prometheus:\n  - url: http://p\n"), "x.yaml: prometheus[0].contexts must be a list of context names or"
                + " globs such as prod-*");
        assertTrue(problem("prometheus:\n  - contexts: [a]\n    url: http://p\n    service: m/p\n")
                .startsWith("x.yaml: prometheus[0] must be either url"));
        assertEquals(problem("prometheus:\n  - contexts: [a]\n    url: prometheus:9090\n"),
                "x.yaml: prometheus[0].url must be an http:// or https:// URL");
        assertEquals(problem("prometheus:\n  - contexts: [a]\n    service: prometheus\n"),
                "x.yaml: prometheus[0].service must be NAMESPACE/NAME or NAMESPACE/NAME:PORT");
        assertTrue(problem("prometheus:\n  - contexts: [a]\n    url: http://p\n    token: t\n")
                .startsWith("x.yaml: prometheus[0].token must be one of contexts, url"));
    }

    private static String problem(String text) {
        return assertThrows(MetricsException.class, () -> PrometheusSettings.parse("x.yaml", text)).getMessage();
    }
}
