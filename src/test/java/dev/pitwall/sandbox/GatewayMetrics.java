package dev.pitwall.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a gateway's {@code /metrics}: requests per backend (and per status code). */
public final class GatewayMetrics {

    private static final Pattern LINE = Pattern.compile(
            "gateway_requests_total\\{backend=\"([^\"]+)\",code=\"(\\d+)\",route=\"[^\"]+\"} ([0-9.eE+]+)");

    private GatewayMetrics() {
    }

    /** Requests by backend, for one status code (or every code when null). */
    public static Map<String, Long> byBackend(String gatewayUrl, String code) {
        String text;
        try {
            text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + gatewayUrl + "/metrics: " + e.getMessage(), e);
        }
        Map<String, Long> counts = new HashMap<>();
        Matcher matcher = LINE.matcher(text);
        while (matcher.find()) {
            if (code == null || code.equals(matcher.group(2))) {
                counts.merge(matcher.group(1), (long) Double.parseDouble(matcher.group(3)), Long::sum);
            }
        }
        return counts;
    }
}
