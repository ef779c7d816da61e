package dev.pitwall.kube.watch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.pitwall.fleet.FleetEvent;
import dev.pitwall.fleet.FleetNode;
import dev.pitwall.fleet.FleetPod;
import dev.pitwall.fleet.FleetSnapshot;
import dev.pitwall.fleet.ModelService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * The informers of one context: one per resource the fleet view shows, each scoped to where the
 * identity may list and watch it (every namespace, or only the context's namespace); resources it
 * may not list are not watched and are named in {@link #unwatched()}. Pods, nodes and events are
 * converted as they arrive; model services are reassembled, per model whose Deployments,
 * ReplicaSets, Services, EndpointSlices, PodDisruptionBudgets or routes changed, from the
 * informers' caches (indexed by model) when a snapshot is built. The caches of Deployments,
 * ReplicaSets and EndpointSlices keep slim copies ({@link SlimObjects}).
 */
final class FleetInformers {

    private final KubernetesClient client;
    private final Changes changes;
    private final Map<String, SharedIndexInformer<?>> informers = new LinkedHashMap<>();
    private final List<String> unwatched = new ArrayList<>();
    private final Set<String> everWatched = ConcurrentHashMap.newKeySet();
    private final SharedIndexInformer<Deployment> deployments;
    private final SharedIndexInformer<ReplicaSet> replicaSets;
    private final SharedIndexInformer<Service> services;
    private final SharedIndexInformer<EndpointSlice> endpointSlices;
    private final SharedIndexInformer<PodDisruptionBudget> budgets;
    private final SharedIndexInformer<HTTPRoute> routes;
    private final ConvertedIndex<io.fabric8.kubernetes.api.model.Pod, FleetPod> pods;
    private final ConvertedIndex<io.fabric8.kubernetes.api.model.Node, FleetNode> nodes;
    private final RecentEvents events;
    private final ModelServiceCache models;

    FleetInformers(KubernetesClient client, Changes changes) {
        this.client = client;
        this.changes = changes;
        models = new ModelServiceCache(changes);
        deployments = namespaced("deployments", "apps", client.apps().deployments(), models.marking(o -> modelOf(o, labelsOf(o))));
        replicaSets = namespaced("replicasets", "apps", client.apps().replicaSets(), models.marking(o -> modelOf(o, labelsOf(o))));
        pods = new ConvertedIndex<io.fabric8.kubernetes.api.model.Pod, FleetPod>(FleetObjects::pod, changes)
                .groupedBy(BY_SERVICE, FleetSnapshot::serviceKey).groupedBy(BY_NODE, FleetSnapshot::nodeKey);
        slim(namespaced("pods", "", client.pods(), pods), SlimStore.keysOnly(io.fabric8.kubernetes.api.model.Pod::new));
        nodes = new ConvertedIndex<>(FleetObjects::node, changes);
        slim(cluster("nodes", "", client.nodes(), nodes), SlimStore.keysOnly(io.fabric8.kubernetes.api.model.Node::new));
        services = namespaced("services", "", client.services(), models.marking(o -> modelOf(o, selectorOf(o))));
        endpointSlices = namespaced("endpointslices", "discovery.k8s.io", client.discovery().v1().endpointSlices(),
                models.marking(this::modelOfSlice));
        budgets = namespaced("poddisruptionbudgets", "policy", client.policy().v1().podDisruptionBudget(),
                models.marking(o -> modelOf(o, o.getSpec() == null || o.getSpec().getSelector() == null ? null
                        : o.getSpec().getSelector().getMatchLabels())));
        routes = namespaced("httproutes", "gateway.networking.k8s.io", client.resources(HTTPRoute.class),
                models.marking(this::modelsOfRoute));
        slim(deployments, new SlimStore<>(SlimObjects::deployment));
        slim(replicaSets, new SlimStore<>(SlimObjects::replicaSet));
        slim(endpointSlices, new SlimStore<>(SlimObjects::endpointSlice));
        index(deployments, FleetInformers::labelsOf);
        index(replicaSets, FleetInformers::labelsOf);
        index(services, FleetInformers::selectorOf);
        index(budgets, o -> o.getSpec() == null || o.getSpec().getSelector() == null ? null : o.getSpec().getSelector().getMatchLabels());
        if (endpointSlices != null) {
            endpointSlices.addIndexers(Map.of(BY_MODEL, slice -> List.of(slice.getMetadata().getNamespace() + "/"
                    + FleetObjects.labels(slice.getMetadata().getLabels()).getOrDefault("kubernetes.io/service-name", ""))));
        }
        if (routes != null) {
            routes.addIndexers(Map.of(BY_BACKEND, FleetInformers::backendsOf));
        }
        events = new RecentEvents(changes);
        slim(namespaced("events", "", client.v1().events(), events), SlimStore.keysOnly(io.fabric8.kubernetes.api.model.Event::new));
    }

    /**
     * Keeps only what Pitwall reads of an informer's objects between events: the keys of the
     * resources converted as their events arrive, whose caches are never read, and what model
     * services are assembled from of the Deployments, ReplicaSets and EndpointSlices.
     */
    private static <T extends HasMetadata> void slim(SharedIndexInformer<T> informer, SlimStore<T> store) {
        if (informer != null) {
            informer.itemStore(store);
        }
    }

    /**
     * Objects per list response: the page size of kubectl's {@code --chunk-size} and of client-go's
     * pager (docs/decisions/0019). fabric8 parses a response on the Vert.x event loop that also
     * carries the watches, and 20,000 pods in one response held it for 2 to 3 s, in which no watch
     * event arrived (docs/benchmarks.md, fifteenth round).
     */
    static final long LIST_CHUNK = 500;

    private static final String BY_MODEL = "model";
    private static final String BY_BACKEND = "backend";
    static final String BY_SERVICE = "service";
    static final String BY_NODE = "node";

    private static Map<String, String> labelsOf(HasMetadata object) {
        return object.getMetadata().getLabels();
    }

    private static Map<String, String> selectorOf(Service service) {
        return service.getSpec() == null ? null : service.getSpec().getSelector();
    }

    /** "namespace/model" from labels or a selector; "namespace/" when they name no model. */
    private static String keyOf(HasMetadata object, Map<String, String> labels) {
        return object.getMetadata().getNamespace() + "/" + FleetObjects.labels(labels).getOrDefault(
                dev.pitwall.fleet.Conventions.MODEL_LABEL, "");
    }

    /** The model an object concerns; every model when its labels name none. */
    private static List<String> modelOf(HasMetadata object, Map<String, String> labels) {
        String key = keyOf(object, labels);
        return key.endsWith("/") ? List.of(ModelServiceCache.ALL) : List.of(key);
    }

    private List<String> modelOfSlice(EndpointSlice slice) {
        String service = FleetObjects.labels(slice.getMetadata().getLabels()).get("kubernetes.io/service-name");
        Service owner = service == null || services == null ? null
                : services.getIndexer().getByKey(slice.getMetadata().getNamespace() + "/" + service);
        return owner == null ? List.of(ModelServiceCache.ALL) : modelOf(owner, selectorOf(owner));
    }

    /** "namespace/service" of every backend a route sends traffic to. */
    private static List<String> backendsOf(HTTPRoute route) {
        if (route.getSpec() == null || route.getSpec().getRules() == null) {
            return List.of();
        }
        String namespace = route.getMetadata().getNamespace();
        return route.getSpec().getRules().stream()
                .flatMap(rule -> rule.getBackendRefs() == null ? java.util.stream.Stream.empty() : rule.getBackendRefs().stream())
                .map(backend -> (backend.getNamespace() == null ? namespace : backend.getNamespace()) + "/" + backend.getName())
                .distinct().toList();
    }

    /** The models whose Services a route sends traffic to; every model when one of them is not known yet. */
    private List<String> modelsOfRoute(HTTPRoute route) {
        List<String> models = new ArrayList<>();
        for (String backend : backendsOf(route)) {
            Service service = services == null ? null : services.getIndexer().getByKey(backend);
            if (service == null) {
                return List.of(ModelServiceCache.ALL);
            }
            models.addAll(modelOf(service, selectorOf(service)));
        }
        return models.isEmpty() ? List.of(ModelServiceCache.ALL) : models;
    }

    private static <T extends HasMetadata> void index(SharedIndexInformer<T> informer, Function<T, Map<String, String>> labels) {
        if (informer != null) {
            informer.addIndexers(Map.of(BY_MODEL, object -> List.of(keyOf(object, labels.apply(object)))));
        }
    }

    /** The objects one model service is assembled from: those naming the model, and those naming none. */
    private ModelServices.Sources sourcesOf(String key) {
        String namespace = key.substring(0, key.indexOf('/'));
        List<Service> modelServices = byModel(services, key, namespace);
        List<EndpointSlice> slices = new ArrayList<>();
        if (endpointSlices != null) {
            modelServices.forEach(service -> slices.addAll(endpointSlices.getIndexer().byIndex(BY_MODEL,
                    namespace + "/" + service.getMetadata().getName())));
        }
        List<HTTPRoute> modelRoutes = new ArrayList<>();
        if (routes != null) {
            modelServices.forEach(service -> routes.getIndexer().byIndex(BY_BACKEND, namespace + "/" + service.getMetadata().getName())
                    .stream().filter(route -> !modelRoutes.contains(route)).forEach(modelRoutes::add));
        }
        return new ModelServices.Sources(byModel(deployments, key, namespace), byModel(replicaSets, key, namespace), modelServices,
                slices, byModel(budgets, key, namespace), modelRoutes);
    }

    private static <T> List<T> byModel(SharedIndexInformer<T> informer, String key, String namespace) {
        if (informer == null) {
            return List.of();
        }
        List<T> found = new ArrayList<>(informer.getIndexer().byIndex(BY_MODEL, key));
        found.addAll(informer.getIndexer().byIndex(BY_MODEL, namespace + "/"));
        return found;
    }

    private <T extends HasMetadata> SharedIndexInformer<T> namespaced(String resource, String group,
                                                                      MixedOperation<T, ?, ?> operation,
                                                                      ResourceEventHandler<T> handler) {
        return switch (WatchScope.of(client, group, resource, true)) {
            case CLUSTER -> register(resource, operation.inAnyNamespace(), handler);
            case NAMESPACE -> register(resource, operation.inNamespace(client.getNamespace()), handler);
            case NONE -> skip(resource);
        };
    }

    private <T extends HasMetadata> SharedIndexInformer<T> cluster(String resource, String group, Informable<T> operation,
                                                                   ResourceEventHandler<T> handler) {
        return WatchScope.of(client, group, resource, false) == WatchScope.Reach.NONE ? skip(resource)
                : register(resource, operation, handler);
    }

    private <T extends HasMetadata> SharedIndexInformer<T> register(String resource, Informable<T> operation,
                                                                    ResourceEventHandler<T> handler) {
        SharedIndexInformer<T> informer = operation.withLimit(LIST_CHUNK).runnableInformer(0);
        informer.addEventHandler(handler);
        informers.put(resource, informer);
        return informer;
    }

    private <T> SharedIndexInformer<T> skip(String resource) {
        unwatched.add(resource);
        return null;
    }

    /** Starts every informer; the future fails when one cannot start (it names the resource). */
    List<java.util.concurrent.CompletionStage<Void>> start() {
        return informers.entrySet().stream().map(entry -> entry.getValue().start().exceptionallyCompose(error ->
                CompletableFuture.failedFuture(new IllegalStateException("the watch of " + entry.getKey() + " could not start: "
                        + (error.getCause() != null ? error.getCause() : error).getMessage(), error)))).toList();
    }

    boolean synced() {
        return informers.values().stream().allMatch(SharedIndexInformer::hasSynced);
    }

    /** Whether every informer has had its watch open at least once: until then a closed one is still connecting. */
    boolean started() {
        informers.forEach((name, informer) -> {
            if (informer.isWatching()) {
                everWatched.add(name);
            }
        });
        return everWatched.size() == informers.size();
    }

    /** Whether each resource's watch is open right now (closed too while it reconnects, see {@link WatchOutages}). */
    Map<String, Boolean> watching() {
        Map<String, Boolean> watching = new LinkedHashMap<>();
        informers.forEach((name, informer) -> watching.put(name, informer.isWatching()));
        return watching;
    }

    List<String> unwatched() {
        return List.copyOf(unwatched);
    }

    List<ModelService> services() {
        return models.current(this::sourcesOf, () -> new ModelServices.Sources(list(deployments), list(replicaSets),
                list(services), list(endpointSlices), list(budgets), list(routes)));
    }

    ConvertedIndex.Contents<FleetPod> pods() {
        return pods.contents();
    }

    List<FleetNode> nodes() {
        return nodes.values();
    }

    List<FleetEvent> events() {
        return events.values();
    }

    private static <T> List<T> list(SharedIndexInformer<T> informer) {
        return informer == null ? List.of() : informer.getIndexer().list();
    }

    void stop() {
        informers.values().forEach(SharedIndexInformer::stop);
    }
}
