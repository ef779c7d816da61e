package dev.pitwall.kube;

import java.net.URL;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.pitwall.metrics.DirectTraffic;
import dev.pitwall.metrics.MetricsException;
import dev.pitwall.metrics.ServiceTraffic;
import dev.pitwall.metrics.Slo;
import dev.pitwall.metrics.TextFormat;
import dev.pitwall.metrics.TrafficMonitor;
import dev.pitwall.metrics.TrafficReader;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;

/**
 * Traffic without Prometheus: reads each backend's ready pods' /metrics through the API server's
 * pod proxy ({@code GET pods/NAME/proxy/metrics}, a read the identity needs RBAC for), twice,
 * {@code interval} apart, and computes the same figures as the Prometheus queries.
 */
public final class DirectScraper implements TrafficMonitor.DirectSource {

    private final KubernetesClient client;

    public DirectScraper(KubernetesClient client) {
        this.client = client;
    }

    /** Reads twice, {@code interval} apart, and computes the figures between. */
    public ServiceTraffic read(TrafficReader.RouteRef ref, Duration interval) {
        Slo slo = Slo.forRoute(ref.annotations());
        try {
            DirectTraffic.Scrape before = scrape(ref);
            Thread.sleep(interval.toMillis());
            DirectTraffic.Scrape after = scrape(ref);
            return new ServiceTraffic(ref.namespace(), ref.model(), ref.route(), slo, DirectTraffic.between(before, after, slo),
                    ServiceTraffic.DIRECT, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ServiceTraffic(ref.namespace(), ref.model(), ref.route(), slo, List.of(), ServiceTraffic.DIRECT, "interrupted");
        } catch (MetricsException | io.fabric8.kubernetes.client.KubernetesClientException e) {
            return new ServiceTraffic(ref.namespace(), ref.model(), ref.route(), slo, List.of(), ServiceTraffic.DIRECT, e.getMessage());
        }
    }

    /**
     * One read of every ready pod behind the route's backends.
     *
     * @throws MetricsException when a pod's /metrics cannot be read, naming it
     */
    @Override
    public DirectTraffic.Scrape scrape(TrafficReader.RouteRef ref) {
        try {
            Map<String, Map<String, List<TextFormat.Line>>> byBackend = new LinkedHashMap<>();
            podsByBackend(ref).forEach((backend, pods) -> {
                Map<String, List<TextFormat.Line>> byPod = new LinkedHashMap<>();
                pods.forEach(pod -> byPod.put(pod.getMetadata().getName(), metricsOf(pod)));
                byBackend.put(backend, byPod);
            });
            return new DirectTraffic.Scrape(System.nanoTime(), byBackend);
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            throw new MetricsException("cannot list " + ref.model() + "'s pods to read their /metrics: " + e.getMessage(), e);
        }
    }

    /** The route's backends and their ready pods (by each backend Service's selector). */
    private Map<String, List<Pod>> podsByBackend(TrafficReader.RouteRef ref) {
        HTTPRoute route = client.resources(HTTPRoute.class).inNamespace(ref.namespace()).withName(ref.route()).get();
        Map<String, List<Pod>> pods = new LinkedHashMap<>();
        if (route == null || route.getSpec() == null || route.getSpec().getRules() == null) {
            return pods;
        }
        route.getSpec().getRules().forEach(rule -> (rule.getBackendRefs() == null ? List.<io.fabric8.kubernetes.api.model.gatewayapi.v1
                .HTTPBackendRef>of() : rule.getBackendRefs()).forEach(backend -> {
            Service service = client.services().inNamespace(ref.namespace()).withName(backend.getName()).get();
            if (service == null || service.getSpec() == null || service.getSpec().getSelector() == null) {
                pods.put(backend.getName(), List.of());
                return;
            }
            pods.put(backend.getName(), client.pods().inNamespace(ref.namespace()).withLabels(service.getSpec().getSelector()).list()
                    .getItems().stream().filter(DirectScraper::ready).toList());
        }));
        return pods;
    }

    static boolean ready(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    List<TextFormat.Line> metricsOf(Pod pod) {
        String path = "api/v1/namespaces/" + pod.getMetadata().getNamespace() + "/pods/" + pod.getMetadata().getName() + "/proxy/metrics";
        HttpClient http = client.getHttpClient();
        try {
            URL url = new URL(client.getMasterUrl(), path);
            HttpResponse<String> response = http.sendAsync(http.newHttpRequestBuilder().url(url).build(), String.class)
                    .get(5, TimeUnit.SECONDS);
            if (response.code() != 200) {
                throw new MetricsException("reading " + pod.getMetadata().getName() + "'s /metrics through the API server's pod proxy"
                        + " answered HTTP " + response.code() + (response.code() == 403 ? ": this identity may not get pods/proxy" : ""));
            }
            return TextFormat.parse(response.body(), pod.getMetadata().getName() + "'s /metrics");
        } catch (java.util.concurrent.TimeoutException e) {
            throw new MetricsException(pod.getMetadata().getName() + "'s /metrics did not answer within 5 s through the pod proxy");
        } catch (java.util.concurrent.ExecutionException | java.net.MalformedURLException e) {
            throw new MetricsException("cannot read " + pod.getMetadata().getName() + "'s /metrics through the pod proxy: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetricsException("interrupted while reading " + pod.getMetadata().getName() + "'s /metrics");
        }
    }
}
