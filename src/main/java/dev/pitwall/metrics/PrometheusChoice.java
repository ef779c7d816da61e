package dev.pitwall.metrics;

import java.util.Optional;

/**
 * A context's Prometheus, or none, and how it was found (or why none was): what the traffic
 * views say beside their figures.
 */
public record PrometheusChoice(Optional<PrometheusClient> client, String how) {

    public static PrometheusChoice none(String why) {
        return new PrometheusChoice(Optional.empty(), why);
    }
}
