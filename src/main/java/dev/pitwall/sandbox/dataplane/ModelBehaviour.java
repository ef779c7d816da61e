package dev.pitwall.sandbox.dataplane;

import java.util.Map;
import java.util.Random;

import dev.pitwall.sandbox.SandboxAnnotations;

/**
 * How one version of a model serves, read from its pod's annotations: a log-normal service time
 * (median and p99), a capacity in requests/s per pod at saturation, a queue limit past which it
 * answers 503, and the share of requests it fails (a bad release).
 *
 * <p>The server has {@link #slots()} workers, capacity times mean service time rounded (at least
 * one); service times are then scaled by the rounding's small factor so that the capacity is
 * exact and the latency close to the one asked.
 */
public record ModelBehaviour(double medianMillis, double p99Millis, double capacityRps, int queueLimit, double errorRate) {

    private static final double Z99 = 2.3263;

    public static ModelBehaviour of(Map<String, String> annotations) {
        Map<String, String> values = annotations == null ? Map.of() : annotations;
        double median = number(values, SandboxAnnotations.LATENCY_MS, 20);
        return new ModelBehaviour(median, number(values, SandboxAnnotations.LATENCY_P99_MS, median * 3),
                number(values, SandboxAnnotations.CAPACITY_RPS, 200), (int) number(values, SandboxAnnotations.QUEUE_LIMIT, 50),
                number(values, SandboxAnnotations.ERROR_RATE, 0));
    }

    private static double number(Map<String, String> values, String key, double fallback) {
        try {
            return values.containsKey(key) ? Double.parseDouble(values.get(key)) : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private double sigma() {
        return Math.log(Math.max(p99Millis, medianMillis * 1.0001) / medianMillis) / Z99;
    }

    private double meanMillis() {
        return medianMillis * Math.exp(sigma() * sigma() / 2);
    }

    /** How many requests the server works on at once. */
    public int slots() {
        return (int) Math.max(1, Math.round(capacityRps * meanMillis() / 1000.0));
    }

    /** One request's service time in milliseconds. */
    public double serviceMillis(Random random) {
        double scale = (slots() * 1000.0 / capacityRps) / meanMillis();
        return medianMillis * scale * Math.exp(sigma() * random.nextGaussian());
    }
}
