package dev.pitwall.kube;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

import dev.pitwall.fleet.Conventions;
import dev.pitwall.metrics.DirectTraffic;
import dev.pitwall.metrics.MetricsException;
import dev.pitwall.metrics.PrometheusClient;
import dev.pitwall.metrics.Sample;
import dev.pitwall.metrics.Slo;
import dev.pitwall.metrics.TextFormat;
import dev.pitwall.ops.OperationRefused;
import dev.pitwall.ops.TrafficProbe;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * What failover and failback read of a model's tracks: every ready pod's own /metrics through the
 * API server's pod proxy, keyed by the pod's track, whatever adapter splits the traffic (the
 * gateway's metrics would show only routes). Prometheus, when the context has one, tells the
 * highest rate one pod has sustained.
 */
public final class TrackScraper implements TrafficProbe {

    private final KubernetesClient client;
    private final DirectScraper scraper;
    private final Supplier<Optional<PrometheusClient>> prometheus;

    public TrackScraper(KubernetesClient client, Supplier<Optional<PrometheusClient>> prometheus) {
        this.client = client;
        this.scraper = new DirectScraper(client);
        this.prometheus = prometheus;
    }

    @Override
    public DirectTraffic.Scrape read(String namespace, String model) {
        List<Pod> pods;
        try {
            pods = client.pods().inNamespace(namespace).withLabel(Conventions.MODEL_LABEL, model).list().getItems();
        } catch (KubernetesClientException e) {
            throw new OperationRefused("cannot list " + model + "'s pods to read their traffic: " + e.getMessage());
        }
        Map<String, Map<String, List<TextFormat.Line>>> byTrack = new LinkedHashMap<>();
        List<Pod> ready = pods.stream().filter(DirectScraper::ready).toList();
        // read every pod at once: a window's two reads must be as close to instants as the network allows
        Map<Pod, java.util.concurrent.Future<List<TextFormat.Line>>> reads = new LinkedHashMap<>();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            ready.forEach(pod -> reads.put(pod, threads.submit(() -> scraper.metricsOf(pod))));
            for (var read : reads.entrySet()) {
                Pod pod = read.getKey();
                String track = java.util.Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.<String, String>of())
                        .getOrDefault(Conventions.TRACK_LABEL, "");
                byTrack.computeIfAbsent(track, t -> new LinkedHashMap<>()).put(pod.getMetadata().getName(), read.getValue().get());
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new OperationRefused(e.getCause() instanceof MetricsException m ? m.getMessage()
                    : "cannot read a pod's /metrics: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationRefused("interrupted while reading " + model + "'s pods");
        }
        return new DirectTraffic.Scrape(System.nanoTime(), byTrack);
    }

    @Override
    public Slo slo(String namespace, String model) {
        try {
            HTTPRoute route = dev.pitwall.kube.traffic.HttpRouteAdapter.find(client, namespace, model);
            return route == null ? Slo.DEFAULT : Slo.forRoute(route.getMetadata().getAnnotations());
        } catch (KubernetesClientException e) {
            return Slo.DEFAULT;
        }
    }

    @Override
    public OptionalDouble highestPerPodRate(String namespace, String model) {
        Optional<PrometheusClient> found = prometheus.get();
        if (found.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            List<Sample> samples = found.get().query("max_over_time(max(rate(" + DirectTraffic.REQUESTS + "{namespace=\"" + namespace
                    + "\",model=\"" + model + "\",code=\"200\"}[1m]))[6h:30s])");
            return samples.isEmpty() || !(samples.getFirst().value() > 0) ? OptionalDouble.empty()
                    : OptionalDouble.of(samples.getFirst().value());
        } catch (MetricsException e) {
            return OptionalDouble.empty();
        }
    }
}
