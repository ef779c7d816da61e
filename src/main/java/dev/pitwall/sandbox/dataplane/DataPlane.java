package dev.pitwall.sandbox.dataplane;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/**
 * The sandbox's data plane: model servers for the running pods, and one gateway per HTTPRoute
 * that follows the route's weights and its backends' EndpointSlices from watches. It is a client
 * of the API server like everything else in the fleet.
 */
public final class DataPlane implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DataPlane.class);

    private final Vertx vertx;
    private final String namespace;
    private final String host;
    private final HttpClient upstream;
    private final PodRuntime runtime;
    private final Map<String, Gateway> gateways = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final SharedIndexInformer<Pod> pods;
    private final SharedIndexInformer<HTTPRoute> routes;
    private final SharedIndexInformer<EndpointSlice> slices;
    private final KubernetesClient client;

    private DataPlane(Vertx vertx, KubernetesClient client, String namespace, String host) {
        this.vertx = vertx;
        this.client = client;
        this.namespace = namespace;
        this.host = host;
        this.upstream = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(64));
        this.runtime = new PodRuntime(vertx, this::changed);
        this.pods = client.pods().inNamespace(namespace).runnableInformer(0);
        this.routes = client.resources(HTTPRoute.class).inNamespace(namespace).runnableInformer(0);
        this.slices = client.discovery().v1().endpointSlices().inNamespace(namespace).runnableInformer(0);
    }

    /** Starts the data plane of a namespace: gateways listen on {@code host}, on free ports. */
    public static DataPlane start(Vertx vertx, KubernetesClient client, String namespace, String host) {
        DataPlane plane = new DataPlane(vertx, client, namespace, host);
        plane.pods.addEventHandler(plane.runtime);
        ResourceEventHandler<Object> reroute = new ResourceEventHandler<>() {
            @Override
            public void onAdd(Object object) {
                plane.reroute();
            }

            @Override
            public void onUpdate(Object before, Object after) {
                plane.reroute();
            }

            @Override
            public void onDelete(Object object, boolean finalStateUnknown) {
                plane.reroute();
            }
        };
        plane.routes.addEventHandler(reroute);
        plane.slices.addEventHandler(reroute);
        try {
            for (SharedIndexInformer<?> informer : List.of(plane.pods, plane.routes, plane.slices)) {
                informer.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            plane.close();
            throw new IllegalStateException("the sandbox data plane did not sync: " + e.getMessage(), e);
        }
        plane.reroute();
        return plane;
    }

    /** Rebuilds every gateway's routing table from the cached HTTPRoutes and EndpointSlices. */
    private synchronized void reroute() {
        Map<String, List<String>> readyByService = new LinkedHashMap<>();
        for (EndpointSlice slice : slices.getIndexer().list()) {
            String service = slice.getMetadata().getLabels() == null ? null
                    : slice.getMetadata().getLabels().get("kubernetes.io/service-name");
            if (service == null || slice.getEndpoints() == null) {
                continue;
            }
            int port = slice.getPorts() == null || slice.getPorts().isEmpty() ? 8080 : slice.getPorts().getFirst().getPort();
            List<String> ready = readyByService.computeIfAbsent(service, s -> new ArrayList<>());
            slice.getEndpoints().forEach(endpoint -> {
                if (endpoint.getConditions() != null && Boolean.TRUE.equals(endpoint.getConditions().getReady())) {
                    endpoint.getAddresses().forEach(address -> ready.add(address + ":" + port));
                }
            });
        }
        for (HTTPRoute route : routes.getIndexer().list()) {
            String model = route.getMetadata().getName();
            List<RoutingTable.Backend> backends = new ArrayList<>();
            for (HTTPRouteRule rule : route.getSpec().getRules()) {
                for (HTTPBackendRef reference : rule.getBackendRefs()) {
                    int weight = reference.getWeight() == null ? 1 : reference.getWeight();
                    backends.add(new RoutingTable.Backend(reference.getName(), weight,
                            readyByService.getOrDefault(reference.getName(), List.of())));
                }
            }
            Gateway gateway = gateways.computeIfAbsent(model, name -> open(name));
            gateway.route(new RoutingTable(backends));
        }
        changed();
    }

    private Gateway open(String model) {
        Gateway gateway = new Gateway(vertx, upstream, model);
        try {
            gateway.start(host, 0).get(10, TimeUnit.SECONDS);
            String url = "http://" + host + ":" + gateway.port();
            Thread.ofVirtual().name("announce-" + model).start(() -> announce(model, url));
        } catch (Exception e) {
            LOG.warn("gateway for {} could not start: {}", model, e.getMessage());
        }
        return gateway;
    }

    /** Writes the gateway's URL on the model's route, where a drill's load step looks for it (docs/fleet-conventions.md). */
    private void announce(String model, String url) {
        String patch = "{\"metadata\":{\"annotations\":{\"" + dev.pitwall.fleet.Conventions.LOAD_URL_ANNOTATION + "\":\"" + url + "\"}}}";
        try {
            client.resources(HTTPRoute.class).inNamespace(namespace).withName(model)
                    .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE), patch);
        } catch (RuntimeException e) {
            LOG.warn("could not write {}'s gateway URL on its route: {}", model, e.getMessage());
        }
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    /** Called after any change of servers or routes (for the Prometheus targets file). */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Each model service's gateway URL. */
    public Map<String, String> gatewayUrls() {
        Map<String, String> urls = new java.util.TreeMap<>();
        gateways.forEach((model, gateway) -> urls.put(model, "http://" + host + ":" + gateway.port()));
        return urls;
    }

    /** A model service's backends and the weights its gateway routes by now. */
    public Map<String, Integer> weights(String model) {
        Gateway gateway = gateways.get(model);
        Map<String, Integer> weights = new java.util.TreeMap<>();
        if (gateway != null) {
            gateway.table().backends().forEach(backend -> weights.put(backend.service(), backend.weight()));
        }
        return weights;
    }

    /** Scrape targets: every listening model server with its pod's labels, and every gateway. */
    public List<ScrapeTarget> targets() {
        List<ScrapeTarget> targets = new ArrayList<>();
        Map<String, Pod> byUid = new java.util.HashMap<>();
        pods.getIndexer().list().forEach(pod -> byUid.put(pod.getMetadata().getUid(), pod));
        runtime.servers().forEach((uid, server) -> {
            Pod pod = byUid.get(uid);
            if (pod != null && server.isServing()) {
                Map<String, String> labels = pod.getMetadata().getLabels();
                targets.add(new ScrapeTarget("pod", server.endpoint(), Map.of("namespace", namespace,
                        "pod", pod.getMetadata().getName(),
                        "model", labels.getOrDefault(dev.pitwall.fleet.Conventions.MODEL_LABEL, ""),
                        "track", labels.getOrDefault(dev.pitwall.fleet.Conventions.TRACK_LABEL, ""),
                        "version", labels.getOrDefault(dev.pitwall.fleet.Conventions.VERSION_LABEL, ""))));
            }
        });
        gateways.forEach((model, gateway) -> targets.add(new ScrapeTarget("gateway", host + ":" + gateway.port(),
                Map.of("namespace", namespace, "model", model))));
        return targets;
    }

    /** A scrape target: its kind (pod or gateway), {@code host:port} and labels. */
    public record ScrapeTarget(String kind, String address, Map<String, String> labels) {
    }

    @Override
    public void close() {
        for (SharedIndexInformer<?> informer : List.of(pods, routes, slices)) {
            informer.stop();
        }
        java.util.List<io.vertx.core.Future<Void>> closed = new java.util.ArrayList<>(runtime.closeAll());
        gateways.values().forEach(gateway -> closed.add(gateway.close()));
        closed.add(upstream.close());
        try {
            // Wait for the servers to let go of their sockets, so that closing Vert.x after them is quiet.
            io.vertx.core.Future.join(closed).toCompletionStage().toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("the sandbox data plane did not close cleanly: {}", e.toString());
        }
    }
}
