package dev.pitwall.metrics;

import java.util.Map;

/**
 * The PromQL a traffic panel runs, one query per panel grouped {@code by (backend)} rather than
 * one per series (docs/metrics.md). Templates name the model service's route as {@code $route},
 * its namespace as {@code $namespace}, and the rate window as {@code $window}. The defaults are
 * for gateways that count {@code gateway_requests_total{route,backend,code}} and
 * {@code gateway_request_duration_seconds} (the sandbox's); the "istio" set reads Istio's standard
 * metrics; each query can be replaced per model service by an annotation on its HTTPRoute.
 *
 * @param requests  requests per second per backend
 * @param errors    failed (5xx) requests per second per backend
 * @param p50       median latency in seconds per backend
 * @param p99       99th percentile latency in seconds per backend
 */
public record SloQueries(String requests, String errors, String p50, String p99) {

    /** Annotations on an HTTPRoute that replace a query for its model service. */
    public static final String ANNOTATION_SET = "pitwall.dev/metrics";
    public static final String ANNOTATION_REQUESTS = "pitwall.dev/query-requests";
    public static final String ANNOTATION_ERRORS = "pitwall.dev/query-errors";
    public static final String ANNOTATION_P50 = "pitwall.dev/query-p50";
    public static final String ANNOTATION_P99 = "pitwall.dev/query-p99";

    public static final SloQueries GATEWAY = new SloQueries(
            "sum by (backend) (rate(gateway_requests_total{route=\"$route\"}[$window]))",
            "sum by (backend) (rate(gateway_requests_total{route=\"$route\",code=~\"5..\"}[$window]))",
            "histogram_quantile(0.5, sum by (le, backend) (rate(gateway_request_duration_seconds_bucket{route=\"$route\"}[$window])))",
            "histogram_quantile(0.99, sum by (le, backend) (rate(gateway_request_duration_seconds_bucket{route=\"$route\"}[$window])))");

    public static final SloQueries ISTIO = new SloQueries(
            "sum by (backend) (label_replace(rate(istio_requests_total{reporter=\"destination\",destination_service_namespace="
                    + "\"$namespace\",destination_app=\"$route\"}[$window]), \"backend\", \"$1\", \"destination_service_name\", \"(.*)\"))",
            "sum by (backend) (label_replace(rate(istio_requests_total{reporter=\"destination\",destination_service_namespace="
                    + "\"$namespace\",destination_app=\"$route\",response_code=~\"5..\"}[$window]), \"backend\", \"$1\","
                    + " \"destination_service_name\", \"(.*)\"))",
            "histogram_quantile(0.5, sum by (le, backend) (label_replace(rate(istio_request_duration_milliseconds_bucket{reporter="
                    + "\"destination\",destination_service_namespace=\"$namespace\",destination_app=\"$route\"}[$window]), \"backend\","
                    + " \"$1\", \"destination_service_name\", \"(.*)\"))) / 1000",
            "histogram_quantile(0.99, sum by (le, backend) (label_replace(rate(istio_request_duration_milliseconds_bucket{reporter="
                    + "\"destination\",destination_service_namespace=\"$namespace\",destination_app=\"$route\"}[$window]), \"backend\","
                    + " \"$1\", \"destination_service_name\", \"(.*)\"))) / 1000");

    /** The queries for a route with these annotations: a named set, then any single query replaced. */
    public static SloQueries forRoute(Map<String, String> annotations) {
        Map<String, String> given = annotations == null ? Map.of() : annotations;
        SloQueries base = "istio".equals(given.get(ANNOTATION_SET)) ? ISTIO : GATEWAY;
        return new SloQueries(given.getOrDefault(ANNOTATION_REQUESTS, base.requests), given.getOrDefault(ANNOTATION_ERRORS, base.errors),
                given.getOrDefault(ANNOTATION_P50, base.p50), given.getOrDefault(ANNOTATION_P99, base.p99));
    }

    /** A template with its placeholders filled. */
    public static String fill(String template, String namespace, String route, String window) {
        return template.replace("$namespace", namespace).replace("$route", route).replace("$window", window);
    }
}
