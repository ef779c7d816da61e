package dev.pitwall.kube;

import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.pitwall.metrics.MetricsException;
import dev.pitwall.metrics.PrometheusTransport;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;

/**
 * Prometheus inside the cluster, reached through the API server's service proxy
 * ({@code /api/v1/namespaces/NS/services/NAME:PORT/proxy/api/v1/...}) with the context's own
 * credentials: no port-forward, no extra secret. The identity needs {@code get services/proxy}.
 */
public final class ServiceProxyTransport implements PrometheusTransport {

    private final KubernetesClient client;
    private final String context;
    private final String namespace;
    private final String service;
    private final String port;

    public ServiceProxyTransport(KubernetesClient client, String context, String namespace, String service, String port) {
        this.client = client;
        this.context = context;
        this.namespace = namespace;
        this.service = service;
        this.port = port;
    }

    @Override
    public Answer get(String pathAndQuery, Duration timeout, int maxBytes) {
        HttpClient http = client.getHttpClient();
        try {
            URL url = new URL(client.getMasterUrl(), "api/v1/namespaces/" + namespace + "/services/" + service
                    + (port.isEmpty() ? "" : ":" + port) + "/proxy" + pathAndQuery);
            HttpResponse<InputStream> response = http.sendAsync(http.newHttpRequestBuilder().url(url).build(), InputStream.class)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.code() == 403) {
                throw new MetricsException("Prometheus at " + where() + " is forbidden to this identity: it may not get services/proxy"
                        + " in " + namespace + "; ask for that, or set the context's Prometheus URL in the settings");
            }
            return new Answer(response.code(), PrometheusTransport.readBody(response.body(), timeout, maxBytes, where()));
        } catch (TimeoutException e) {
            throw new MetricsException("Prometheus at " + where() + " did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException | java.net.MalformedURLException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new MetricsException("cannot reach Prometheus at " + where() + " (" + cause.getMessage()
                    + "); check the context's connection", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetricsException("interrupted while asking Prometheus at " + where());
        }
    }

    @Override
    public String where() {
        return "service " + namespace + "/" + service + (port.isEmpty() ? "" : ":" + port) + " through the API server of " + context;
    }
}
