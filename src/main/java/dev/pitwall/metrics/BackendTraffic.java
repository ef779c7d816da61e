package dev.pitwall.metrics;

/**
 * One backend of a model service's traffic now.
 *
 * @param backend    the Service the route sends to
 * @param requests   requests per second
 * @param errorRatio failed requests / requests (NaN without requests)
 * @param p50        median latency, seconds (NaN when unknown)
 * @param p99        99th percentile latency, seconds (NaN when unknown)
 * @param burn       how fast it spends the SLO: 1 at the objective ({@link Slo#burn})
 */
public record BackendTraffic(String backend, double requests, double errorRatio, double p50, double p99, double burn) {
}
