package dev.pitwall.kube.traffic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.pitwall.fleet.Conventions;
import dev.pitwall.ops.KubeRequest;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Istio: the route weights of the model's VirtualService ({@code networking.istio.io/v1}, read as
 * a generic resource, so no Istio client library is needed). The VirtualService of a model is the
 * one labelled with its name, else the one named after it. Each {@code http[].route[]}
 * destination counts towards a track: its {@code subset} when it names one (a DestinationRule
 * subset per track), else the track its {@code host} Service selects, else the host itself. A shift
 * is a JSON patch that tests each weight before replacing it; it took when the VirtualService
 * holds the weights and Istio, where it reports status, has not refused it.
 */
public final class IstioAdapter implements TrafficAdapter {

    static final ResourceDefinitionContext VIRTUAL_SERVICE = new ResourceDefinitionContext.Builder().withGroup("networking.istio.io")
            .withVersion("v1").withKind("VirtualService").withPlural("virtualservices").withNamespaced(true).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KubernetesClient client;

    public IstioAdapter(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public String id() {
        return "istio";
    }

    /** A destination of the VirtualService: where it is, its track, and its weight as written (null when not written). */
    private record Destination(int http, int index, String track, Integer written, int weight) {
    }

    @Override
    public Split read(String namespace, String model) {
        return Split.ofWeights(destinations(namespace, virtualService(namespace, model)).stream()
                .sorted(java.util.Comparator.comparing(Destination::track, TrafficAdapters.TRACK_ORDER))
                .map(destination -> Map.entry(destination.track(), destination.weight())).toList());
    }

    @Override
    public KubeRequest shift(String namespace, String model, Split from, Split to) {
        GenericKubernetesResource service = virtualService(namespace, model);
        boolean asRead = from.equals(read(namespace, model));
        List<String> operations = new ArrayList<>();
        for (Destination destination : destinations(namespace, service)) {
            if (!to.percentByTrack().containsKey(destination.track())) {
                throw new IllegalArgumentException("the split names no weight for track " + destination.track() + " of VirtualService "
                        + service.getMetadata().getName());
            }
            String path = "/spec/http/" + destination.http() + "/route/" + destination.index() + "/weight";
            if (!asRead || destination.written() != null) {
                operations.add(JsonPatch.op("test", path, asRead ? destination.written() : from.percent(destination.track())));
            }
            operations.add(JsonPatch.op("add", path, to.percent(destination.track())));
        }
        return KubeRequest.jsonPatch("networking.istio.io", "v1", "VirtualService", "virtualservices", namespace,
                service.getMetadata().getName(), JsonPatch.of(operations));
    }

    @Override
    public String verify(String namespace, String model, Split expected) {
        GenericKubernetesResource service = virtualService(namespace, model);
        Split now = read(namespace, model);
        if (!now.equals(expected)) {
            return "VirtualService " + service.getMetadata().getName() + " holds " + now.describe() + ", not " + expected.describe();
        }
        JsonNode conditions = JSON.valueToTree(service.getAdditionalProperties()).path("status").path("conditions");
        for (JsonNode condition : conditions) {
            if ("Reconciled".equals(condition.path("type").asString("")) && "False".equals(condition.path("status").asString(""))) {
                return "Istio has not reconciled VirtualService " + service.getMetadata().getName() + ": "
                        + condition.path("message").asString("");
            }
        }
        return "";
    }

    @Override
    public AutoCloseable watch(String namespace, String model, Runnable changed) {
        return client.genericKubernetesResources(VIRTUAL_SERVICE).inNamespace(namespace)
                .withName(virtualService(namespace, model).getMetadata().getName()).inform(TrafficAdapter.onAnyChange(changed));
    }

    /** Whether the model has a VirtualService. */
    boolean finds(String namespace, String model) {
        try {
            virtualService(namespace, model);
            return true;
        } catch (IllegalStateException | io.fabric8.kubernetes.client.KubernetesClientException e) {
            return false;
        }
    }

    private GenericKubernetesResource virtualService(String namespace, String model) {
        var resources = client.genericKubernetesResources(VIRTUAL_SERVICE).inNamespace(namespace);
        List<GenericKubernetesResource> labelled = resources.withLabel(Conventions.MODEL_LABEL, model).list().getItems();
        GenericKubernetesResource found = labelled.isEmpty() ? resources.withName(model).get() : labelled.getFirst();
        if (found == null) {
            throw new IllegalStateException("no VirtualService for model " + model + " in " + namespace + " (labelled "
                    + Conventions.MODEL_LABEL + "=" + model + ", or named " + model + ")");
        }
        return found;
    }

    private List<Destination> destinations(String namespace, GenericKubernetesResource service) {
        Map<String, Service> services = new HashMap<>();
        client.services().inNamespace(namespace).list().getItems().forEach(each -> services.put(each.getMetadata().getName(), each));
        JsonNode http = JSON.valueToTree(service.getAdditionalProperties()).path("spec").path("http");
        List<Destination> destinations = new ArrayList<>();
        for (int h = 0; h < http.size(); h++) {
            JsonNode routes = http.get(h).path("route");
            for (int i = 0; i < routes.size(); i++) {
                JsonNode route = routes.get(i);
                JsonNode destination = route.path("destination");
                String host = destination.path("host").asString("");
                String shortHost = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
                String track = destination.path("subset").asString("");
                if (track.isEmpty()) {
                    Service backing = services.get(shortHost);
                    track = backing == null || backing.getSpec().getSelector() == null ? shortHost
                            : backing.getSpec().getSelector().getOrDefault(Conventions.TRACK_LABEL, shortHost);
                }
                Integer written = route.has("weight") ? route.get("weight").asInt() : null;
                int weight = written != null ? written : routes.size() == 1 ? 100 : 0;
                destinations.add(new Destination(h, i, track, written, weight));
            }
        }
        return destinations;
    }
}
