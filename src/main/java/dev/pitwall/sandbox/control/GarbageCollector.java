package dev.pitwall.sandbox.control;

import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

/**
 * Background cascading deletion: when a Deployment, ReplicaSet or Service is gone, the objects
 * it owned (ReplicaSets, pods, EndpointSlices) are deleted, as Kubernetes' garbage collector
 * does. Each dependent is read from the API server before it is deleted, so an owner reference
 * removed by an orphaning delete is respected.
 */
final class GarbageCollector extends Controller {

    private final KubernetesClient client;
    private final ClusterCache cache;

    GarbageCollector(KubernetesClient client, ClusterCache cache) {
        super("garbagecollector", 1);
        this.client = client;
        this.cache = cache;
        cache.deployments.addEventHandler(onDelete());
        cache.replicaSets.addEventHandler(onDelete());
        cache.services.addEventHandler(onDelete());
    }

    private <T extends HasMetadata> ResourceEventHandler<T> onDelete() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
            }

            @Override
            public void onUpdate(T before, T after) {
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                queue.add(object.getMetadata().getUid());
            }
        };
    }

    @Override
    void reconcile(String ownerUid) {
        for (HasMetadata dependent : dependents(ownerUid)) {
            Resource<? extends HasMetadata> resource = client.resource(dependent);
            HasMetadata current = resource.get();
            if (current != null && ownedBy(current, ownerUid)) {
                resource.delete();
            }
        }
    }

    private List<HasMetadata> dependents(String ownerUid) {
        List<HasMetadata> dependents = new java.util.ArrayList<>();
        dependents.addAll(cache.replicaSetsOwnedBy(ownerUid));
        dependents.addAll(cache.podsOwnedBy(ownerUid));
        dependents.addAll(cache.slicesOwnedBy(ownerUid));
        return dependents;
    }

    private static boolean ownedBy(HasMetadata object, String uid) {
        List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
        return owners != null && owners.stream().anyMatch(owner -> uid.equals(owner.getUid()));
    }
}
