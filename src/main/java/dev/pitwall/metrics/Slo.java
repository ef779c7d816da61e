package dev.pitwall.metrics;

import java.util.Map;

/**
 * A model service's service-level objective: the share of requests that must succeed, and the
 * 99th percentile latency it must stay under. Defaults 99.9 % and 500 ms; overridden by the
 * annotations {@value #ANNOTATION_AVAILABILITY} (a percentage) and {@value #ANNOTATION_P99}
 * (milliseconds) on its HTTPRoute.
 */
public record Slo(double availability, double p99Seconds) {

    public static final String ANNOTATION_AVAILABILITY = "pitwall.dev/slo-availability";
    public static final String ANNOTATION_P99 = "pitwall.dev/slo-p99-ms";
    public static final Slo DEFAULT = new Slo(0.999, 0.5);

    public static Slo forRoute(Map<String, String> annotations) {
        Map<String, String> given = annotations == null ? Map.of() : annotations;
        try {
            double availability = given.containsKey(ANNOTATION_AVAILABILITY)
                    ? Double.parseDouble(given.get(ANNOTATION_AVAILABILITY).replace("%", "").trim()) / 100 : DEFAULT.availability;
            double p99 = given.containsKey(ANNOTATION_P99) ? Double.parseDouble(given.get(ANNOTATION_P99).trim()) / 1000 : DEFAULT.p99Seconds;
            return new Slo(availability, p99);
        } catch (NumberFormatException e) {
            return DEFAULT;
        }
    }

    /** The error budget: the share of requests allowed to fail. */
    public double errorBudget() {
        return 1 - availability;
    }

    /**
     * How fast a backend spends its SLO now: its error ratio over the error budget, or its p99 over
     * the threshold, whichever is higher. 1 means exactly at the objective; NaN when nothing is known.
     */
    public double burn(double errorRatio, double p99) {
        double errors = Double.isNaN(errorRatio) ? Double.NaN : errorRatio / errorBudget();
        double latency = Double.isNaN(p99) ? Double.NaN : p99 / p99Seconds;
        if (Double.isNaN(errors)) {
            return latency;
        }
        return Double.isNaN(latency) ? errors : Math.max(errors, latency);
    }
}
