package dev.pitwall.kube.traffic;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.pitwall.fleet.Conventions;
import dev.pitwall.ops.KubeRequest;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Blue/green by Service selector: the model's Service (named after it) selects one track through
 * its {@value Conventions#TRACK_LABEL} selector; all traffic moves at once by changing that label.
 * It took when the Service selects the track and its EndpointSlices hold ready endpoints of that
 * track only.
 */
public final class ServiceSelectorAdapter implements TrafficAdapter {

    private final KubernetesClient client;

    public ServiceSelectorAdapter(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public String id() {
        return "service-selector";
    }

    @Override
    public Split read(String namespace, String model) {
        return Split.allOn(selected(service(namespace, model)), tracks(namespace, model));
    }

    @Override
    public KubeRequest shift(String namespace, String model, Split from, Split to) {
        String track = to.soleTrack();
        if (track == null) {
            throw new IllegalArgumentException("a Service selector sends all traffic to one track; " + to.describe()
                    + " needs the HTTPRoute adapter");
        }
        Service service = service(namespace, model);
        String path = "/spec/selector/" + JsonPatch.segment(Conventions.TRACK_LABEL);
        return KubeRequest.jsonPatch("", "v1", "Service", "services", namespace, service.getMetadata().getName(), JsonPatch.of(List.of(
                JsonPatch.op("test", path, from.soleTrack() != null ? from.soleTrack() : selected(service)),
                JsonPatch.op("replace", path, track))));
    }

    @Override
    public String verify(String namespace, String model, Split expected) {
        Service service = service(namespace, model);
        String track = expected.soleTrack();
        if (!Objects.equals(selected(service), track)) {
            return "service " + service.getMetadata().getName() + " selects " + selected(service) + ", not " + track;
        }
        Map<String, String> trackByPod = new java.util.HashMap<>();
        client.pods().inNamespace(namespace).withLabel(Conventions.MODEL_LABEL, model).list().getItems().forEach(pod -> trackByPod.put(
                pod.getMetadata().getName(), Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.<String, String>of())
                        .getOrDefault(Conventions.TRACK_LABEL, "")));
        long ready = 0;
        for (EndpointSlice slice : client.discovery().v1().endpointSlices().inNamespace(namespace)
                .withLabel("kubernetes.io/service-name", service.getMetadata().getName()).list().getItems()) {
            for (var endpoint : Objects.requireNonNullElse(slice.getEndpoints(), List.<io.fabric8.kubernetes.api.model.discovery.v1
                    .Endpoint>of())) {
                if (endpoint.getTargetRef() == null) {
                    continue;
                }
                String pod = endpoint.getTargetRef().getName();
                String podTrack = trackByPod.get(pod);
                if (podTrack != null && !track.equals(podTrack)) {
                    return "service " + service.getMetadata().getName() + " still has an endpoint of track " + podTrack + " (" + pod + ")";
                }
                if (endpoint.getConditions() == null || !Boolean.FALSE.equals(endpoint.getConditions().getReady())) {
                    ready++;
                }
            }
        }
        return ready > 0 ? "" : "service " + service.getMetadata().getName() + " has no ready endpoint of track " + track + " yet";
    }

    @Override
    public AutoCloseable watch(String namespace, String model, Runnable changed) {
        var service = client.services().inNamespace(namespace).withName(model).inform(TrafficAdapter.onAnyChange(changed));
        var slices = client.discovery().v1().endpointSlices().inNamespace(namespace).withLabel("kubernetes.io/service-name", model)
                .inform(TrafficAdapter.onAnyChange(changed));
        return () -> {
            service.close();
            slices.close();
        };
    }

    /** Whether the model has a Service this adapter can work with. */
    boolean finds(String namespace, String model) {
        try {
            service(namespace, model);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private Service service(String namespace, String model) {
        Service service = client.services().inNamespace(namespace).withName(model).get();
        if (service == null || service.getSpec().getSelector() == null
                || !service.getSpec().getSelector().containsKey(Conventions.TRACK_LABEL)) {
            throw new IllegalStateException("no Service " + model + " in " + namespace + " selecting a track by "
                    + Conventions.TRACK_LABEL + " (the blue/green convention)");
        }
        return service;
    }

    private static String selected(Service service) {
        return service.getSpec().getSelector().get(Conventions.TRACK_LABEL);
    }

    private List<String> tracks(String namespace, String model) {
        return client.apps().deployments().inNamespace(namespace).withLabel(Conventions.MODEL_LABEL, model).list().getItems().stream()
                .map(Deployment::getMetadata).map(meta -> Objects.requireNonNullElse(meta.getLabels(), Map.<String, String>of())
                        .getOrDefault(Conventions.TRACK_LABEL, meta.getName())).distinct().sorted(TrafficAdapters.TRACK_ORDER).toList();
    }
}
