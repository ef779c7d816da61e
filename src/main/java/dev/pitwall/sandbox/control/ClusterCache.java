package dev.pitwall.sandbox.control;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * The informers all sandbox controllers share, one per resource type, with the indexes they look
 * up by: objects by owner uid, pods by node.
 */
final class ClusterCache implements AutoCloseable {

    static final String BY_OWNER = "owner";
    static final String BY_NODE = "node";
    static final String BY_LABEL = "label";

    final SharedIndexInformer<Pod> pods;
    final SharedIndexInformer<ReplicaSet> replicaSets;
    final SharedIndexInformer<Deployment> deployments;
    final SharedIndexInformer<Node> nodes;
    final SharedIndexInformer<Service> services;
    final SharedIndexInformer<EndpointSlice> endpointSlices;
    final SharedIndexInformer<PodDisruptionBudget> disruptionBudgets;

    ClusterCache(KubernetesClient client) {
        pods = client.pods().inAnyNamespace().runnableInformer(0);
        pods.addIndexers(Map.of(BY_OWNER, ClusterCache::ownerUids,
                BY_NODE, pod -> List.of(pod.getSpec() == null || pod.getSpec().getNodeName() == null ? ""
                        : pod.getSpec().getNodeName()),
                BY_LABEL, pod -> pod.getMetadata().getLabels() == null ? List.of() : pod.getMetadata().getLabels().entrySet()
                        .stream().map(label -> pod.getMetadata().getNamespace() + "/" + label.getKey() + "=" + label.getValue()).toList()));
        replicaSets = client.apps().replicaSets().inAnyNamespace().runnableInformer(0);
        replicaSets.addIndexers(Map.of(BY_OWNER, ClusterCache::ownerUids));
        deployments = client.apps().deployments().inAnyNamespace().runnableInformer(0);
        nodes = client.nodes().runnableInformer(0);
        services = client.services().inAnyNamespace().runnableInformer(0);
        endpointSlices = client.discovery().v1().endpointSlices().inAnyNamespace().runnableInformer(0);
        endpointSlices.addIndexers(Map.of(BY_OWNER, ClusterCache::ownerUids));
        disruptionBudgets = client.policy().v1().podDisruptionBudget().inAnyNamespace().runnableInformer(0);
        // Budgets by one of their matchLabels (the first by key; "*" without any): a budget can only
        // select a pod that carries that label, so a pod's event finds the few budgets that may
        // select it instead of testing every budget of the namespace.
        disruptionBudgets.addIndexers(Map.of(BY_LABEL, budget -> {
            String namespace = budget.getMetadata().getNamespace();
            Map<String, String> labels = budget.getSpec() == null || budget.getSpec().getSelector() == null
                    || budget.getSpec().getSelector().getMatchLabels() == null ? Map.of() : budget.getSpec().getSelector().getMatchLabels();
            return labels.isEmpty() ? List.of(namespace + "/*") : labels.entrySet().stream().min(Map.Entry.comparingByKey())
                    .map(label -> List.of(namespace + "/" + label.getKey() + "=" + label.getValue())).orElseThrow();
        }));
    }

    /** The budgets of a pod's namespace that name one of its labels, or none: those that may select it. */
    List<PodDisruptionBudget> budgetsFor(Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        java.util.Set<PodDisruptionBudget> candidates = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        candidates.addAll(disruptionBudgets.getIndexer().byIndex(BY_LABEL, namespace + "/*"));
        if (pod.getMetadata().getLabels() != null) {
            pod.getMetadata().getLabels().forEach((key, value) ->
                    candidates.addAll(disruptionBudgets.getIndexer().byIndex(BY_LABEL, namespace + "/" + key + "=" + value)));
        }
        return List.copyOf(candidates);
    }

    private static List<String> ownerUids(HasMetadata object) {
        List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
        return owners == null ? List.of() : owners.stream().map(OwnerReference::getUid).toList();
    }

    private List<SharedIndexInformer<?>> all() {
        return List.of(pods, replicaSets, deployments, nodes, services, endpointSlices, disruptionBudgets);
    }

    /** Starts every informer and waits for their first lists. */
    void startAndSync(long timeoutSeconds) {
        all().forEach(informer -> informer.start());
        for (SharedIndexInformer<?> informer : all()) {
            try {
                informer.start().toCompletableFuture().get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("a sandbox informer did not sync: " + e.getMessage(), e);
            }
        }
    }

    List<Pod> podsOwnedBy(String uid) {
        return pods.getIndexer().byIndex(BY_OWNER, uid);
    }

    List<Pod> podsOnNode(String node) {
        return pods.getIndexer().byIndex(BY_NODE, node);
    }

    /** The pods of a namespace a selector picks, looked up by one of its required labels when it has one. */
    List<Pod> podsSelected(String namespace, dev.pitwall.sandbox.store.LabelSelector selector) {
        List<Pod> candidates = selector.requiredPair()
                .map(pair -> pods.getIndexer().byIndex(BY_LABEL, namespace + "/" + pair))
                .orElseGet(() -> pods.getIndexer().byIndex(io.fabric8.kubernetes.client.informers.cache.Cache.NAMESPACE_INDEX, namespace));
        return candidates.stream().filter(pod -> namespace.equals(pod.getMetadata().getNamespace())
                && selector.matches(pod.getMetadata().getLabels())).toList();
    }

    List<ReplicaSet> replicaSetsOwnedBy(String uid) {
        return replicaSets.getIndexer().byIndex(BY_OWNER, uid);
    }

    List<EndpointSlice> slicesOwnedBy(String uid) {
        return endpointSlices.getIndexer().byIndex(BY_OWNER, uid);
    }

    static <T extends HasMetadata> T get(SharedIndexInformer<T> informer, String key) {
        return informer.getIndexer().getByKey(key);
    }

    /** The controller owner's uid, or null. */
    static String controllerUid(HasMetadata object) {
        List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
        if (owners == null) {
            return null;
        }
        return owners.stream().filter(owner -> Boolean.TRUE.equals(owner.getController())).map(OwnerReference::getUid)
                .findFirst().orElse(null);
    }

    static <T extends HasMetadata> Function<T, String> keyOf() {
        return Controller::key;
    }

    @Override
    public void close() {
        all().forEach(SharedIndexInformer::stop);
    }
}
