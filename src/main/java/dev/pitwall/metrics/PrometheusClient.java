package dev.pitwall.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the Prometheus HTTP API ({@code /api/v1/query}): bearer-token or basic auth, TLS as
 * the JDK does it, a time-out on every request and a cap on the answer's size. Every failure
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

    static final int MAX_BYTES = 32 << 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Endpoint endpoint;
    private final HttpClient http;
    private final Duration timeout;

    public PrometheusClient(Endpoint endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public Endpoint endpoint() {
        return endpoint;
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
            default -> throw new MetricsException("Prometheus at " + endpoint + " answered '" + promql + "' with a " + type
                    + " result, not a vector; check the query template");
        }
        return samples;
    }

    private JsonNode get(String pathAndQuery, String promql) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.url() + pathAndQuery)).timeout(timeout).GET();
        if (endpoint.bearerToken() != null) {
            request.header("Authorization", "Bearer " + endpoint.bearerToken());
        } else if (endpoint.basicUser() != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (endpoint.basicUser() + ":" + endpoint.basicPassword()).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new MetricsException("Prometheus at " + endpoint + " did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new MetricsException("cannot reach Prometheus at " + endpoint + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); check its URL, or that it runs", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetricsException("interrupted while asking Prometheus at " + endpoint);
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new MetricsException("Prometheus at " + endpoint + " broke off its answer (" + e.getMessage() + ")", e);
        }
        if (body.length > MAX_BYTES) {
            throw new MetricsException("Prometheus at " + endpoint + " answered '" + promql + "' with more than " + (MAX_BYTES >> 20)
                    + " MB; narrow the query (fewer series)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new MetricsException("Prometheus at " + endpoint + " answered with HTTP " + response.statusCode()
                    + " and a body that is not JSON; is the URL Prometheus' own?");
        }
        if (response.statusCode() >= 400 || !"success".equals(root.path("status").asString(""))) {
            throw new MetricsException("Prometheus at " + endpoint + " refused '" + promql + "': HTTP " + response.statusCode() + ", "
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
            throw new MetricsException("Prometheus at " + endpoint + " answered '" + promql + "' with a sample without a value");
        }
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new MetricsException("Prometheus at " + endpoint + " answered '" + promql + "' with the value '" + text
                            + "', not a number");
                }
            }
        };
    }
}
