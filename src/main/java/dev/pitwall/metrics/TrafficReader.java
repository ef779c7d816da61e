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

    public PrometheusClient prometheus() {
        return prometheus;
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
            return new ServiceTraffic(ref.namespace(), ref.model(), ref.route(), slo, backends, ServiceTraffic.PROMETHEUS, "");
        } catch (MetricsException e) {
            return new ServiceTraffic(ref.namespace(), ref.model(), ref.route(), slo, List.of(), ServiceTraffic.PROMETHEUS, e.getMessage());
        }
    }

    /**
     * Fills {@code history} from {@code start} to {@code end} (epoch seconds) with range queries,
     * one per figure, so the charts show the last 15 minutes at once. A failure leaves it as it
     * was: the live reads say what is wrong.
     */
    public void backfill(RouteRef ref, TrafficHistory history, long start, long end) {
        SloQueries queries = SloQueries.forRoute(ref.annotations());
        try {
            Map<String, Map<Long, Double>> requests = rangeByBackend(queries.requests(), ref, start, end);
            Map<String, Map<Long, Double>> errors = rangeByBackend(queries.errors(), ref, start, end);
            put(history, rangeByBackend(queries.p50(), ref, start, end), TrafficHistory.Figure.P50_MS, 1000);
            put(history, rangeByBackend(queries.p99(), ref, start, end), TrafficHistory.Figure.P99_MS, 1000);
            put(history, requests, TrafficHistory.Figure.REQUESTS, 1);
            requests.forEach((backend, bySecond) -> bySecond.forEach((second, rate) -> {
                double failed = errors.getOrDefault(backend, Map.of()).getOrDefault(second, 0.0);
                history.put(second, backend, TrafficHistory.Figure.ERROR_PERCENT, rate > 0 ? failed / rate * 100 : Double.NaN);
            }));
        } catch (MetricsException e) {
            // the live reads report the same problem in the view
        }
    }

    private static void put(TrafficHistory history, Map<String, Map<Long, Double>> values, TrafficHistory.Figure figure, double scale) {
        values.forEach((backend, bySecond) -> bySecond.forEach((second, value) -> history.put(second, backend, figure, value * scale)));
    }

    private Map<String, Map<Long, Double>> rangeByBackend(String template, RouteRef ref, long start, long end) {
        Map<String, Map<Long, Double>> values = new TreeMap<>();
        for (PrometheusClient.Series series : prometheus.queryRange(SloQueries.fill(template, ref.namespace(), ref.route(), window),
                start, end, 1)) {
            Map<Long, Double> bySecond = values.computeIfAbsent(series.label("backend"), backend -> new java.util.HashMap<>());
            for (int i = 0; i < series.seconds().length; i++) {
                bySecond.put(series.seconds()[i], series.values()[i]);
            }
        }
        return values;
    }

    private Map<String, Double> byBackend(String template, RouteRef ref) {
        Map<String, Double> values = new TreeMap<>();
        for (Sample sample : prometheus.query(SloQueries.fill(template, ref.namespace(), ref.route(), window))) {
            values.put(sample.label("backend"), sample.value());
        }
        return values;
    }
}
