package dev.pitwall.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A backend's traffic computed from its pods' own /metrics, read twice: what Pitwall shows when
 * Prometheus is down. The same arithmetic Prometheus does: counter increases over the interval
 * (a counter that went down was reset, and counts from zero), and quantiles interpolated linearly
 * within the histogram bucket that holds them ({@code histogram_quantile}).
 * Pods serve {@value #REQUESTS}{code} and the histogram {@value #DURATION}.
 */
public final class DirectTraffic {

    public static final String REQUESTS = "model_requests_total";
    public static final String DURATION = "model_request_duration_seconds";

    private DirectTraffic() {
    }

    /**
     * One read of a model service's pods: per backend, per pod, the series its /metrics served,
     * and when ({@link System#nanoTime()}).
     */
    public record Scrape(long nanos, Map<String, Map<String, List<TextFormat.Line>>> byBackend) {
        public Scrape {
            byBackend = Map.copyOf(byBackend);
        }
    }

    /**
     * Every backend's figures between two reads: pods read both times count (as Prometheus' rate
     * needs two samples of a series); a backend without such pods has no figures.
     */
    public static List<BackendTraffic> between(Scrape before, Scrape after, Slo slo) {
        double seconds = (after.nanos() - before.nanos()) / 1e9;
        List<BackendTraffic> backends = new ArrayList<>();
        new TreeMap<>(after.byBackend()).forEach((backend, pods) -> {
            Map<String, List<TextFormat.Line>> earlier = before.byBackend().getOrDefault(backend, Map.of());
            List<PodScrapes> both = new ArrayList<>();
            pods.forEach((pod, lines) -> {
                if (earlier.containsKey(pod)) {
                    both.add(new PodScrapes(earlier.get(pod), lines, seconds));
                }
            });
            backends.add(of(backend, both, slo));
        });
        return backends;
    }

    /** One pod's series at two moments, {@code seconds} apart. */
    public record PodScrapes(List<TextFormat.Line> before, List<TextFormat.Line> after, double seconds) {
    }

    /** The backend's figures from its pods' scrapes; its burn against {@code slo}. */
    public static BackendTraffic of(String backend, List<PodScrapes> pods, Slo slo) {
        double requests = 0;
        double errors = 0;
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (PodScrapes pod : pods) {
            Map<String, Double> before = byKey(pod.before());
            for (TextFormat.Line line : pod.after()) {
                String key = key(line);
                double increase = increase(before.get(key), line.value());
                if (line.name().equals(REQUESTS)) {
                    requests += increase / pod.seconds();
                    if (line.label("code").startsWith("5")) {
                        errors += increase / pod.seconds();
                    }
                } else if (line.name().equals(DURATION + "_bucket")) {
                    buckets.merge(TextFormat.value(line.label("le")), increase, Double::sum);
                }
            }
        }
        double errorRatio = requests > 0 ? errors / requests : Double.NaN;
        double p99 = quantile(0.99, buckets);
        return new BackendTraffic(backend, requests, errorRatio, quantile(0.5, buckets), p99, slo.burn(errorRatio, p99));
    }

    private static double increase(Double before, double after) {
        return before == null || after < before ? after : after - before;
    }

    /** Prometheus' histogram_quantile over cumulative bucket counts by upper bound. */
    static double quantile(double q, TreeMap<Double, Double> cumulative) {
        if (cumulative.isEmpty() || !cumulative.lastKey().isInfinite()) {
            return Double.NaN;
        }
        double total = cumulative.lastEntry().getValue();
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        List<Map.Entry<Double, Double>> entries = new ArrayList<>(cumulative.entrySet());
        for (Map.Entry<Double, Double> bucket : entries) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lowerBound; // as Prometheus: the highest finite bound
                }
                double inBucket = bucket.getValue() - lowerCount;
                return inBucket <= 0 ? bucket.getKey() : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return lowerBound;
    }

    private static Map<String, Double> byKey(List<TextFormat.Line> lines) {
        Map<String, Double> values = new java.util.HashMap<>();
        lines.forEach(line -> values.put(key(line), line.value()));
        return values;
    }

    private static String key(TextFormat.Line line) {
        return line.name() + line.labels();
    }
}
