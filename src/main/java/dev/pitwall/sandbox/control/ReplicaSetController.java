package dev.pitwall.sandbox.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

/**
 * Keeps each ReplicaSet's number of active pods at its {@code spec.replicas}: creates pods from
 * its template, deletes the least useful ones first (unscheduled, then pending, then not ready,
 * then the youngest), and reports replicas, ready and available counts in its status.
 */
final class ReplicaSetController extends Controller {

    private final KubernetesClient client;
    private final ClusterCache cache;
    private final Expectations expectations = new Expectations();
    private final EventRecorder events;

    ReplicaSetController(KubernetesClient client, ClusterCache cache) {
        super("replicaset", 2);
        this.client = client;
        this.cache = cache;
        this.events = new EventRecorder(client, "replicaset-controller");
        cache.replicaSets.addEventHandler(enqueueingSelf());
        cache.pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                ownerKey(pod).ifPresent(key -> {
                    expectations.observedAdd(key);
                    queue.add(key);
                });
            }

            @Override
            public void onUpdate(Pod before, Pod after) {
                ownerKey(after).ifPresent(key -> {
                    if (!PodStates.terminating(before) && PodStates.terminating(after)) {
                        expectations.observedDelete(key);
                    }
                    queue.add(key);
                });
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                ownerKey(pod).ifPresent(key -> {
                    if (!PodStates.terminating(pod)) {
                        expectations.observedDelete(key);
                    }
                    queue.add(key);
                });
            }
        });
    }

    private java.util.Optional<String> ownerKey(Pod pod) {
        return pod.getMetadata().getOwnerReferences() == null ? java.util.Optional.empty()
                : pod.getMetadata().getOwnerReferences().stream()
                .filter(owner -> "ReplicaSet".equals(owner.getKind()) && Boolean.TRUE.equals(owner.getController()))
                .map(owner -> pod.getMetadata().getNamespace() + "/" + owner.getName()).findFirst();
    }

    @Override
    void reconcile(String key) {
        ReplicaSet replicaSet = ClusterCache.get(cache.replicaSets, key);
        if (replicaSet == null) {
            expectations.forget(key);
            return;
        }
        String uid = replicaSet.getMetadata().getUid();
        List<Pod> owned = cache.podsOwnedBy(uid).stream()
                .filter(pod -> uid.equals(ClusterCache.controllerUid(pod))).toList();
        List<Pod> active = owned.stream().filter(PodStates::active).toList();
        if (replicaSet.getMetadata().getDeletionTimestamp() == null && expectations.satisfied(key)) {
            int wanted = replicaSet.getSpec().getReplicas() == null ? 1 : replicaSet.getSpec().getReplicas();
            int diff = wanted - active.size();
            if (diff > 0) {
                expectations.expect(key, diff, 0);
                for (int i = 0; i < diff; i++) {
                    createPod(replicaSet);
                }
                events.normal(replicaSet, "SuccessfulCreate", "Created " + diff + " pod" + (diff == 1 ? "" : "s"));
            } else if (diff < 0) {
                List<Pod> victims = new ArrayList<>(active);
                victims.sort(DELETION_ORDER);
                List<Pod> chosen = victims.subList(0, -diff);
                expectations.expect(key, 0, chosen.size());
                for (Pod pod : chosen) {
                    client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
                    events.normal(replicaSet, "SuccessfulDelete", "Deleted pod: " + pod.getMetadata().getName());
                }
            }
        }
        updateStatus(replicaSet, owned);
    }

    /** Unscheduled first, then pending, not ready, then ready the shortest, as Kubernetes ranks them. */
    static final Comparator<Pod> DELETION_ORDER = Comparator
            .comparing((Pod pod) -> pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty())
            .thenComparing(pod -> "Running".equals(PodStates.phase(pod)))
            .thenComparing(PodStates::ready)
            .thenComparing(PodStates::readySince, Comparator.reverseOrder())
            .thenComparing(pod -> pod.getMetadata().getCreationTimestamp(), Comparator.reverseOrder());

    private void createPod(ReplicaSet replicaSet) {
        var template = replicaSet.getSpec().getTemplate();
        Map<String, String> labels = new HashMap<>(Objects.requireNonNullElse(template.getMetadata().getLabels(), Map.of()));
        Pod pod = new PodBuilder()
                .withMetadata(new ObjectMetaBuilder()
                        .withGenerateName(replicaSet.getMetadata().getName() + "-")
                        .withNamespace(replicaSet.getMetadata().getNamespace())
                        .withLabels(labels)
                        .withAnnotations(template.getMetadata().getAnnotations())
                        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("ReplicaSet")
                                .withName(replicaSet.getMetadata().getName()).withUid(replicaSet.getMetadata().getUid())
                                .withController(true).withBlockOwnerDeletion(true).build())
                        .build())
                .withSpec(template.getSpec())
                .build();
        client.pods().inNamespace(replicaSet.getMetadata().getNamespace()).resource(pod).create();
    }

    private void updateStatus(ReplicaSet replicaSet, List<Pod> owned) {
        int minReady = replicaSet.getSpec().getMinReadySeconds() == null ? 0 : replicaSet.getSpec().getMinReadySeconds();
        Instant now = Instant.now();
        int replicas = 0;
        int ready = 0;
        int available = 0;
        Instant nextAvailable = null;
        for (Pod pod : owned) {
            if (!PodStates.active(pod)) {
                continue;
            }
            replicas++;
            if (PodStates.ready(pod)) {
                ready++;
                if (PodStates.available(pod, minReady, now)) {
                    available++;
                } else {
                    Instant at = PodStates.readySince(pod).plusSeconds(minReady);
                    nextAvailable = nextAvailable == null || at.isBefore(nextAvailable) ? at : nextAvailable;
                }
            }
        }
        if (nextAvailable != null) {
            queue.addAfter(key(replicaSet), Math.max(10, nextAvailable.toEpochMilli() - now.toEpochMilli() + 10));
        }
        ReplicaSetStatus status = new ReplicaSetStatusBuilder().withReplicas(replicas).withFullyLabeledReplicas(replicas)
                .withReadyReplicas(ready).withAvailableReplicas(available)
                .withObservedGeneration(replicaSet.getMetadata().getGeneration()).build();
        if (sameStatus(replicaSet.getStatus(), status)) {
            return;
        }
        client.apps().replicaSets().inNamespace(replicaSet.getMetadata().getNamespace())
                .resource(new ReplicaSetBuilder().withNewMetadata().withName(replicaSet.getMetadata().getName())
                        .withNamespace(replicaSet.getMetadata().getNamespace()).endMetadata().withStatus(status).build())
                .patchStatus();
    }

    private static boolean sameStatus(ReplicaSetStatus current, ReplicaSetStatus next) {
        return current != null && Objects.equals(current.getReplicas(), next.getReplicas())
                && Objects.equals(current.getReadyReplicas(), next.getReadyReplicas())
                && Objects.equals(current.getAvailableReplicas(), next.getAvailableReplicas())
                && Objects.equals(current.getObservedGeneration(), next.getObservedGeneration());
    }
}
