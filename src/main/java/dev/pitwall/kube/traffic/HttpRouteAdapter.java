package dev.pitwall.kube.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.pitwall.fleet.Conventions;
import dev.pitwall.ops.KubeRequest;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The default: the weights of a Gateway API HTTPRoute's {@code backendRefs}
 * (docs/fleet-conventions.md). The route of a model is the one labelled with its name, else the
 * one named after it; each backend is a Service whose selector names a track. A shift is a JSON
 * patch that first tests every weight it replaces, so a route changed since it was read is
 * refused (422) rather than overwritten. It took when the route holds the weights and, where the
 * gateway reports status, the gateway accepted this generation of it.
 */
public final class HttpRouteAdapter implements TrafficAdapter {

    private final KubernetesClient client;

    public HttpRouteAdapter(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public String id() {
        return "httproute";
    }

    /** A backend of the route: where it is in the route, its Service, its track and its weight as written. */
    private record Backend(int rule, int index, String service, String track, int weight) {
    }

    @Override
    public Split read(String namespace, String model) {
        return Split.ofWeights(backends(namespace, route(namespace, model)).stream()
                .map(backend -> Map.entry(backend.track(), backend.weight())).toList());
    }

    @Override
    public KubeRequest shift(String namespace, String model, Split from, Split to) {
        HTTPRoute route = route(namespace, model);
        List<Backend> backends = backends(namespace, route);
        // the weights as they will be when this request goes: as read now, or as an earlier shift of the same plan leaves them
        boolean asRead = from.equals(read(namespace, model));
        List<String> operations = new ArrayList<>();
        for (Backend backend : backends) {
            if (!to.percentByTrack().containsKey(backend.track())) {
                throw new IllegalArgumentException("the split names no weight for track " + backend.track() + " of route "
                        + route.getMetadata().getName());
            }
            String path = "/spec/rules/" + backend.rule() + "/backendRefs/" + backend.index() + "/weight";
            operations.add(JsonPatch.op("test", path, asRead ? backend.weight() : from.percent(backend.track())));
            operations.add(JsonPatch.op("replace", path, to.percent(backend.track())));
        }
        return KubeRequest.jsonPatch("gateway.networking.k8s.io", "v1", "HTTPRoute", "httproutes", namespace,
                route.getMetadata().getName(), JsonPatch.of(operations));
    }

    @Override
    public String verify(String namespace, String model, Split expected) {
        HTTPRoute route = route(namespace, model);
        Split now = read(namespace, model);
        if (!now.equals(expected)) {
            return "route " + route.getMetadata().getName() + " holds " + now.describe() + ", not " + expected.describe();
        }
        Long generation = route.getMetadata().getGeneration();
        if (route.getStatus() != null && route.getStatus().getParents() != null && generation != null) {
            for (var parent : route.getStatus().getParents()) {
                for (var condition : Objects.requireNonNullElse(parent.getConditions(),
                        List.<io.fabric8.kubernetes.api.model.Condition>of())) {
                    if ("Accepted".equals(condition.getType()) && condition.getObservedGeneration() != null
                            && condition.getObservedGeneration() >= generation && !"True".equals(condition.getStatus())) {
                        return "the gateway did not accept route " + route.getMetadata().getName() + ": " + condition.getMessage();
                    }
                }
            }
        }
        return "";
    }

    @Override
    public AutoCloseable watch(String namespace, String model, Runnable changed) {
        return client.resources(HTTPRoute.class).inNamespace(namespace).withName(route(namespace, model).getMetadata().getName())
                .inform(TrafficAdapter.onAnyChange(changed));
    }

    /** Whether the model has a route this adapter can work with. */
    boolean finds(String namespace, String model) {
        try {
            return backends(namespace, route(namespace, model)).stream().map(Backend::track).distinct().count() > 1;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** The model's HTTPRoute (docs/fleet-conventions.md): the one labelled with its name, else the one named after it; null when none. */
    public static HTTPRoute find(KubernetesClient client, String namespace, String model) {
        List<HTTPRoute> labelled = client.resources(HTTPRoute.class).inNamespace(namespace).withLabel(Conventions.MODEL_LABEL, model)
                .list().getItems();
        return labelled.isEmpty() ? client.resources(HTTPRoute.class).inNamespace(namespace).withName(model).get() : labelled.getFirst();
    }

    private HTTPRoute route(String namespace, String model) {
        HTTPRoute route = find(client, namespace, model);
        if (route == null) {
            throw new IllegalStateException("no HTTPRoute for model " + model + " in " + namespace + " (labelled "
                    + Conventions.MODEL_LABEL + "=" + model + ", or named " + model + ")");
        }
        return route;
    }

    private List<Backend> backends(String namespace, HTTPRoute route) {
        Map<String, Service> services = new java.util.HashMap<>();
        client.services().inNamespace(namespace).list().getItems().forEach(service -> services.put(service.getMetadata().getName(), service));
        List<Backend> backends = new ArrayList<>();
        var rules = route.getSpec() == null ? null : route.getSpec().getRules();
        for (int r = 0; rules != null && r < rules.size(); r++) {
            List<HTTPBackendRef> refs = Objects.requireNonNullElse(rules.get(r).getBackendRefs(), List.of());
            for (int i = 0; i < refs.size(); i++) {
                HTTPBackendRef ref = refs.get(i);
                Service service = services.get(ref.getName());
                String track = service == null || service.getSpec().getSelector() == null ? ref.getName()
                        : service.getSpec().getSelector().getOrDefault(Conventions.TRACK_LABEL, ref.getName());
                backends.add(new Backend(r, i, ref.getName(), track, ref.getWeight() == null ? 1 : ref.getWeight()));
            }
        }
        return backends;
    }
}
