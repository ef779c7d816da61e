package dev.pitwall.kube;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.pitwall.fleet.Conventions;
import dev.pitwall.metrics.TrafficReader;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The HTTPRoutes that split model services' traffic, read once (for a command that prints and
 * exits; the window reads them from its informers): each route's model is its
 * {@value Conventions#MODEL_LABEL} label, else its name.
 */
public final class RouteCatalog {

    private RouteCatalog() {
    }

    /** Every route the identity may list: in every namespace if it may, else in the context's namespace. */
    public static List<TrafficReader.RouteRef> routes(KubernetesClient client) {
        List<HTTPRoute> routes;
        try {
            routes = client.resources(HTTPRoute.class).inAnyNamespace().list().getItems();
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            if (e.getCode() != 403) {
                throw e;
            }
            routes = client.resources(HTTPRoute.class).inNamespace(client.getNamespace() == null ? "default" : client.getNamespace())
                    .list().getItems();
        }
        return routes.stream().map(route -> {
            Map<String, String> labels = route.getMetadata().getLabels() == null ? Map.of() : route.getMetadata().getLabels();
            return new TrafficReader.RouteRef(route.getMetadata().getNamespace(),
                    labels.getOrDefault(Conventions.MODEL_LABEL, route.getMetadata().getName()), route.getMetadata().getName(),
                    route.getMetadata().getAnnotations() == null ? Map.of() : route.getMetadata().getAnnotations());
        }).sorted(Comparator.comparing(TrafficReader.RouteRef::namespace).thenComparing(TrafficReader.RouteRef::model)).toList();
    }
}
