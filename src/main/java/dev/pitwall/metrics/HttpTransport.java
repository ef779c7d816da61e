package dev.pitwall.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Prometheus at its own URL, with bearer-token or basic auth, TLS as the JDK does it. */
public final class HttpTransport implements PrometheusTransport {

    private final PrometheusClient.Endpoint endpoint;
    private final HttpClient http;

    public HttpTransport(PrometheusClient.Endpoint endpoint, Duration connectTimeout) {
        this.endpoint = endpoint;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public Answer get(String pathAndQuery, Duration timeout, int maxBytes) {
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
            throw new MetricsException("Prometheus at " + where() + " did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new MetricsException("cannot reach Prometheus at " + where() + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); check its URL, or that it runs", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetricsException("interrupted while asking Prometheus at " + where());
        }
        return new Answer(response.statusCode(), PrometheusTransport.readBody(response.body(), timeout, maxBytes, where()));
    }

    @Override
    public String where() {
        return endpoint.toString();
    }
}
