package dev.pitwall.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads a model service's traffic from Prometheus: four queries, each grouped by backend. */
public final class TrafficReader {

    /** What it needs to know of a model service: its route, with the annotations that may override queries and SLO. */
    public record RouteRef(String namespace, String model, String route, Map<String, String> annotations) {
    }

    private final PrometheusClient prometheus;
    private final String window;

    public TrafficReader(PrometheusClient prometheus, String window) {
        this.prometheus = prometheus;
        this.window = window;
    }

    public ServiceTraffic read(RouteRef ref) {
        SloQueries queries = SloQueries.forRoute(ref.annotations());
        Slo slo = Slo.forRoute(ref.annotations());
        try {
            Map<String, Double> requests = byBackend(queries.requests(), ref);
            Map<String, Double> errors = byBackend(queries.errors(), ref);
            Map<String, Double> p50 = byBackend(queries.p50(), ref);
            Map<String, Double> p99 = byBackend(queries.p99(), ref);
            TreeSet<String> names = new TreeSet<>(requests.keySet());
            names.addAll(p99.keySet());
            List<BackendTraffic> backends = new ArrayList<>();
            for (String backend : names) {
                double rate = requests.getOrDefault(backend, 0.0);
                double errorRatio = rate > 0 ? errors.getOrDefault(backend, 0.0) / rate : Double.NaN;
                double latency = p99.getOrDefault(backend, Double.NaN);
                backends.add(new BackendTraffic(backend, rate, errorRatio, p50.getOrDefault(backend, Double.NaN), latency,
                        slo.burn(errorRatio, latency)));
            }
            return new ServiceTraffic(ref.namespace(), ref.model(), ref.route(), slo, backends, "prometheus", "");
        } catch (MetricsException e) {
            return new ServiceTraffic(ref.namespace(), ref.model(), ref.route(), slo, List.of(), "prometheus", e.getMessage());
        }
    }

    private Map<String, Double> byBackend(String template, RouteRef ref) {
        Map<String, Double> values = new TreeMap<>();
        for (Sample sample : prometheus.query(SloQueries.fill(template, ref.namespace(), ref.route(), window))) {
            values.put(sample.label("backend"), sample.value());
        }
        return values;
    }
}
