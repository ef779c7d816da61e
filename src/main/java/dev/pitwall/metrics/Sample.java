package dev.pitwall.metrics;

import java.util.Map;

/**
 * One series' value at one moment, as Prometheus answers an instant query.
 *
 * @param labels its labels
 * @param value  its value; NaN, or ±infinity, when Prometheus says so
 */
public record Sample(Map<String, String> labels, double value) {
    public Sample {
        labels = Map.copyOf(labels);
    }

    public String label(String name) {
        return labels.getOrDefault(name, "");
    }
}
