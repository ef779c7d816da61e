package dev.pitwall.kube.watch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import dev.pitwall.fleet.FleetEvent;
import dev.pitwall.fleet.FleetNode;
import dev.pitwall.fleet.FleetPod;
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
 * converted as they arrive; the few Deployments, ReplicaSets, Services, EndpointSlices,
 * PodDisruptionBudgets and HTTPRoutes are read from the informers' caches when a snapshot is built.
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

    FleetInformers(KubernetesClient client, Changes changes) {
        this.client = client;
        this.changes = changes;
        deployments = namespaced("deployments", "apps", client.apps().deployments(), marking());
        replicaSets = namespaced("replicasets", "apps", client.apps().replicaSets(), marking());
        pods = new ConvertedIndex<>(FleetObjects::pod, changes);
        namespaced("pods", "", client.pods(), pods);
        nodes = new ConvertedIndex<>(FleetObjects::node, changes);
        cluster("nodes", "", client.nodes(), nodes);
        services = namespaced("services", "", client.services(), marking());
        endpointSlices = namespaced("endpointslices", "discovery.k8s.io", client.discovery().v1().endpointSlices(), marking());
        budgets = namespaced("poddisruptionbudgets", "policy", client.policy().v1().podDisruptionBudget(), marking());
        routes = namespaced("httproutes", "gateway.networking.k8s.io", client.resources(HTTPRoute.class), marking());
        events = new RecentEvents(changes);
        namespaced("events", "", client.v1().events(), events);
    }

    private <T extends HasMetadata> ResourceEventHandler<T> marking() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                changes.mark();
            }

            @Override
            public void onUpdate(T before, T after) {
                changes.mark();
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                changes.mark();
            }
        };
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
        SharedIndexInformer<T> informer = operation.runnableInformer(0);
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

    /** Resources whose watch is not open right now. */
    List<String> down() {
        return informers.entrySet().stream().filter(entry -> !entry.getValue().isWatching()).map(Map.Entry::getKey).toList();
    }

    List<String> unwatched() {
        return List.copyOf(unwatched);
    }

    List<ModelService> services() {
        return ModelServices.assemble(new ModelServices.Sources(list(deployments), list(replicaSets), list(services),
                list(endpointSlices), list(budgets), list(routes)));
    }

    List<FleetPod> pods() {
        return pods.values();
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
