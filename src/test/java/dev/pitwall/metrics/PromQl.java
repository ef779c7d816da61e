package dev.pitwall.metrics;

import java.util.HashMap;
import java.util.Map;

/** Running PromQL directly, as the tests' yardstick for what Pitwall shows. */
public final class PromQl {

    private PromQl() {
    }

    /** The query's value per {@code backend} label. */
    public static Map<String, Double> byBackend(PrometheusClient prometheus, String promql) {
        Map<String, Double> values = new HashMap<>();
        for (Sample sample : prometheus.query(promql)) {
            values.put(sample.label("backend"), sample.value());
        }
        return values;
    }
}
