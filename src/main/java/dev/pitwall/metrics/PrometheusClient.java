package dev.pitwall.metrics;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the Prometheus HTTP API ({@code /api/v1/query}, {@code /api/v1/query_range}) over a
 * {@link PrometheusTransport}: a time-out on every request and a cap on the answer's size. Every failure
 * (unreachable, slow, an HTTP error, an error status, malformed or oversized JSON) becomes a
 * {@link MetricsException} that names the endpoint; NaN and infinite values come back as such.
 */
public final class PrometheusClient {

    /** How Prometheus is reached: its base URL and, optionally, a bearer token or basic credentials. */
    public record Endpoint(URI url, String bearerToken, String basicUser, String basicPassword) {
        public static Endpoint of(String url) {
            return new Endpoint(URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url), null, null, null);
        }

        /** For messages: the URL only, never a credential. */
        @Override
        public String toString() {
            return url.toString();
        }
    }

    /** The largest answer read: a panel's answer grouped by backend is kilobytes, 15 minutes of 50 backends about 1.5 MB. */
    static final int MAX_BYTES = 8 << 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PrometheusTransport transport;
    private final Duration timeout;

    public PrometheusClient(Endpoint endpoint, Duration timeout) {
        this(new HttpTransport(endpoint, timeout), timeout);
    }

    public PrometheusClient(PrometheusTransport transport, Duration timeout) {
        this.transport = transport;
        this.timeout = timeout;
    }

    /** Where this Prometheus is, for messages (never a credential). */
    public String where() {
        return transport.where();
    }

    /** An instant query, evaluated now. */
    public List<Sample> query(String promql) {
        JsonNode data = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8), promql);
        String type = data.path("resultType").asString("");
        JsonNode result = data.path("result");
        List<Sample> samples = new ArrayList<>();
        switch (type) {
            case "vector" -> {
                for (JsonNode series : result) {
                    samples.add(new Sample(labels(series.path("metric")), value(series.path("value"), promql)));
                }
            }
            case "scalar" -> samples.add(new Sample(Map.of(), value(result, promql)));
            default -> throw new MetricsException("Prometheus at " + where() + " answered '" + promql + "' with a " + type
                    + " result, not a vector; check the query template");
        }
        return samples;
    }

    /** One series of a range query: its labels, and its values at whole seconds since the epoch. */
    public record Series(Map<String, String> labels, long[] seconds, double[] values) {
        public String label(String name) {
            return labels.getOrDefault(name, "");
        }
    }

    /** A range query from {@code start} to {@code end} (epoch seconds) every {@code stepSeconds}. */
    public List<Series> queryRange(String promql, long start, long end, long stepSeconds) {
        JsonNode data = get("/api/v1/query_range?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&start=" + start
                + "&end=" + end + "&step=" + stepSeconds, promql);
        if (!"matrix".equals(data.path("resultType").asString(""))) {
            throw new MetricsException("Prometheus at " + where() + " answered the range query '" + promql + "' with a "
                    + data.path("resultType").asString("") + " result, not a matrix; check the query template");
        }
        List<Series> series = new ArrayList<>();
        for (JsonNode one : data.path("result")) {
            JsonNode values = one.path("values");
            long[] seconds = new long[values.size()];
            double[] numbers = new double[values.size()];
            for (int i = 0; i < values.size(); i++) {
                seconds[i] = (long) values.path(i).path(0).asDouble(0);
                numbers[i] = value(values.path(i), promql);
            }
            series.add(new Series(labels(one.path("metric")), seconds, numbers));
        }
        return series;
    }

    private JsonNode get(String pathAndQuery, String promql) {
        PrometheusTransport.Answer answer = transport.get(pathAndQuery, timeout, MAX_BYTES);
        byte[] body = answer.body();
        if (body.length > MAX_BYTES) {
            throw new MetricsException("Prometheus at " + where() + " answered '" + promql + "' with more than " + (MAX_BYTES >> 20)
                    + " MB; narrow the query (fewer series)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new MetricsException("Prometheus at " + where() + " answered with HTTP " + answer.status()
                    + " and a body that is not JSON; is the URL Prometheus' own?");
        }
        if (answer.status() >= 400 || !"success".equals(root.path("status").asString(""))) {
            throw new MetricsException("Prometheus at " + where() + " refused '" + promql + "': HTTP " + answer.status() + ", "
                    + root.path("errorType").asString("error") + ": " + root.path("error").asString("no reason given"));
        }
        return root.path("data");
    }

    private static Map<String, String> labels(JsonNode metric) {
        Map<String, String> labels = new HashMap<>();
        metric.properties().forEach(entry -> labels.put(entry.getKey(), entry.getValue().asString("")));
        return labels;
    }

    /** [time, "value"]: Prometheus sends values as strings, with NaN, +Inf and -Inf spelled so. */
    private double value(JsonNode pair, String promql) {
        String text = pair.path(1).asString(null);
        if (text == null) {
            throw new MetricsException("Prometheus at " + where() + " answered '" + promql + "' with a sample without a value");
        }
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new MetricsException("Prometheus at " + where() + " answered '" + promql + "' with the value '" + text
                            + "', not a number");
                }
            }
        };
    }
}
