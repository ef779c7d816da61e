package dev.pitwall.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Pods' own /metrics read twice give the same figures Prometheus would compute from them. */
class DirectTrafficTest {

    private static List<TextFormat.Line> scrape(double ok, double failed, double under50ms, double under100ms, double all) {
        return TextFormat.parse("""
                # HELP model_requests_total Prediction requests by HTTP status code.
                # TYPE model_requests_total counter
                model_requests_total{code="200"} %s
                model_requests_total{code="503"} %s
                model_request_duration_seconds_bucket{le="0.05"} %s
                model_request_duration_seconds_bucket{le="0.1"} %s
                model_request_duration_seconds_bucket{le="+Inf"} %s 1700000000000
                model_request_duration_seconds_count %s
                model_loaded{model="a \\"quoted\\" name"} 1.0
                """.formatted(ok, failed, under50ms, under100ms, all, all), "pod-a");
    }

    @Test
    void ratesErrorRatioAndQuantilesAsPrometheusComputesThem() {
        // over 10 s: 100 requests, 10 of them failed; 50 under 50 ms, 90 under 100 ms
        DirectTraffic.PodScrapes pod = new DirectTraffic.PodScrapes(scrape(1000, 100, 600, 1000, 1100),
                scrape(1090, 110, 650, 1090, 1200), 10);
        BackendTraffic traffic = DirectTraffic.of("scorer-primary", List.of(pod), Slo.DEFAULT);
        assertEquals(10.0, traffic.requests(), 1e-9);
        assertEquals(0.1, traffic.errorRatio(), 1e-9);
        // rank 50 of 100 falls at the top of the first bucket; rank 99 is beyond the last finite bound
        assertEquals(0.05, traffic.p50(), 1e-9);
        assertEquals(0.1, traffic.p99(), 1e-9);
        assertEquals(100.0, traffic.burn(), 1e-6, "10 % errors against a 0.1 % budget");
    }

    @Test
    void aRestartedPodCountsFromZero() {
        DirectTraffic.PodScrapes restarted = new DirectTraffic.PodScrapes(scrape(5000, 0, 5000, 5000, 5000),
                scrape(20, 0, 10, 20, 20), 2);
        assertEquals(10.0, DirectTraffic.of("b", List.of(restarted), Slo.DEFAULT).requests(), 1e-9);
        assertEquals(0.05, DirectTraffic.of("b", List.of(restarted), Slo.DEFAULT).p50(), 1e-9);
    }

    @Test
    void aLineNotInTheFormatIsNamed() {
        MetricsException error = assertThrows(MetricsException.class, () -> TextFormat.parse("ok 1\nbroken{a=1} 2\n", "pod-x's /metrics"));
        assertTrue(error.getMessage().startsWith("pod-x's /metrics line 2 is not in Prometheus' text format"), error.getMessage());
        assertEquals("a \"quoted\" name", scrape(0, 0, 0, 0, 0).getLast().label("model"));
    }
}
