package dev.pitwall.sandbox.dataplane;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a load run saw.
 *
 * @param sent          requests sent
 * @param completed     requests answered (any status)
 * @param byStatus      answers by HTTP status
 * @param failed        requests that got no answer (refused, reset, timed out)
 * @param p50Millis     median latency of answered requests
 * @param p99Millis     99th percentile latency
 * @param maxMillis     the slowest
 * @param seconds       how long the run lasted
 */
public record LoadSummary(long sent, long completed, Map<Integer, Long> byStatus, long failed, double p50Millis,
                          double p99Millis, double maxMillis, double seconds) {

    public LoadSummary {
        byStatus = Map.copyOf(new TreeMap<>(byStatus));
    }

    public long succeeded() {
        return byStatus.entrySet().stream().filter(e -> e.getKey() >= 200 && e.getKey() < 300).mapToLong(Map.Entry::getValue).sum();
    }

    /** Requests that did not succeed: error statuses and no answer at all. */
    public long errors() {
        return completed - succeeded() + failed;
    }

    public double sentPerSecond() {
        return seconds <= 0 ? 0 : sent / seconds;
    }

    /** One line for a terminal. */
    public String describe() {
        return String.format("%d sent (%.1f/s), %d ok, %d errors %s, %d without answer; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                sent, sentPerSecond(), succeeded(), errors() - failed, byStatus, failed, p50Millis, p99Millis, maxMillis);
    }
}
