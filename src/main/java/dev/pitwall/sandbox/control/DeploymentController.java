package dev.pitwall.sandbox.control;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * The Deployment controller: one ReplicaSet per pod template (keyed by its hash, an old one
 * reused on rollback), revisions in {@code deployment.kubernetes.io/revision}, rolling updates
 * within maxSurge and maxUnavailable (or Recreate), {@code paused} honoured, and the status and
 * conditions that {@code kubectl rollout status} reads.
 */
final class DeploymentController extends Controller {

    static final String REVISION = "deployment.kubernetes.io/revision";

    private final KubernetesClient client;
    private final ClusterCache cache;
    private final EventRecorder events;

    DeploymentController(KubernetesClient client, ClusterCache cache) {
        super("deployment", 2);
        this.client = client;
        this.cache = cache;
        this.events = new EventRecorder(client, "deployment-controller");
        cache.deployments.addEventHandler(enqueueingSelf());
        cache.replicaSets.addEventHandler(enqueueing(this::ownerDeployment));
        cache.pods.addEventHandler(enqueueing(pod -> {
            if (pod.getMetadata().getOwnerReferences() == null) {
                return List.of();
            }
            return pod.getMetadata().getOwnerReferences().stream().filter(owner -> "ReplicaSet".equals(owner.getKind()))
                    .map(owner -> ClusterCache.get(cache.replicaSets, pod.getMetadata().getNamespace() + "/" + owner.getName()))
                    .filter(Objects::nonNull).flatMap(rs -> ownerDeployment(rs).stream()).toList();
        }));
    }

    private List<String> ownerDeployment(ReplicaSet replicaSet) {
        if (replicaSet.getMetadata().getOwnerReferences() == null) {
            return List.of();
        }
        return replicaSet.getMetadata().getOwnerReferences().stream()
                .filter(owner -> "Deployment".equals(owner.getKind()) && Boolean.TRUE.equals(owner.getController()))
                .map(owner -> replicaSet.getMetadata().getNamespace() + "/" + owner.getName()).toList();
    }

    @Override
    void reconcile(String key) {
        Deployment deployment = ClusterCache.get(cache.deployments, key);
        if (deployment == null || deployment.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        String uid = deployment.getMetadata().getUid();
        List<ReplicaSet> owned = new ArrayList<>(cache.replicaSetsOwnedBy(uid).stream()
                .filter(rs -> uid.equals(ClusterCache.controllerUid(rs))).toList());
        owned.sort(Comparator.comparing((ReplicaSet rs) -> rs.getMetadata().getCreationTimestamp())
                .thenComparing(rs -> rs.getMetadata().getName()));
        ReplicaSet newSet = findNewReplicaSet(deployment, owned);
        List<ReplicaSet> oldSets = owned.stream().filter(rs -> rs != newSet).toList();
        int minReady = orZero(deployment.getSpec().getMinReadySeconds());
        int replicas = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();

        if (Boolean.TRUE.equals(deployment.getSpec().getPaused())) {
            syncStatus(deployment, newSet, owned, minReady);
            return;
        }
        int maxRevision = oldSets.stream().mapToInt(DeploymentController::revision).max().orElse(0);
        if (newSet == null) {
            int initial = initialReplicas(deployment, replicas, oldSets, minReady);
            ReplicaSet created = createReplicaSet(deployment, maxRevision + 1, initial);
            if (initial > 0) {
                events.normal(deployment, "ScalingReplicaSet", "Scaled up replica set " + created.getMetadata().getName()
                        + " from 0 to " + initial);
            }
            return; // the new ReplicaSet's events bring this Deployment back
        }
        if (revision(newSet) <= maxRevision) {
            annotate(newSet, REVISION, String.valueOf(maxRevision + 1));
            return;
        }
        String revision = String.valueOf(revision(newSet));
        if (!revision.equals(annotation(deployment, REVISION))) {
            client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
                    .withName(deployment.getMetadata().getName())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"annotations\":{\"" + REVISION + "\":\"" + revision + "\"}}}");
        }
        boolean changed = "Recreate".equals(strategyType(deployment))
                ? recreate(deployment, replicas, newSet, oldSets)
                : rollingUpdate(deployment, replicas, newSet, oldSets, minReady);
        if (!changed) {
            cleanUpHistory(deployment, oldSets);
        }
        syncStatus(deployment, newSet, owned, minReady);
    }

    private ReplicaSet findNewReplicaSet(Deployment deployment, List<ReplicaSet> owned) {
        String hash = TemplateHash.of(deployment.getSpec().getTemplate());
        var wanted = TemplateHash.normalized(deployment.getSpec().getTemplate());
        return owned.stream().filter(rs -> hash.equals(label(rs, TemplateHash.LABEL))).findFirst()
                .or(() -> owned.stream().filter(rs -> TemplateHash.normalized(rs.getSpec().getTemplate()).equals(wanted)).findFirst())
                .orElse(null);
    }

    private int initialReplicas(Deployment deployment, int replicas, List<ReplicaSet> oldSets, int minReady) {
        if ("Recreate".equals(strategyType(deployment))) {
            return oldSets.stream().allMatch(rs -> desired(rs) == 0 && cache.podsOwnedBy(rs.getMetadata().getUid()).isEmpty())
                    ? replicas : 0;
        }
        RolloutMath.Bounds bounds = bounds(deployment, replicas);
        return RolloutMath.scaleUpNew(replicas, bounds, new RolloutMath.Counts(0, 0), counts(oldSets, minReady));
    }

    private boolean rollingUpdate(Deployment deployment, int replicas, ReplicaSet newSet, List<ReplicaSet> oldSets,
                                  int minReady) {
        RolloutMath.Bounds bounds = bounds(deployment, replicas);
        RolloutMath.Counts newCounts = counts(newSet, minReady);
        List<RolloutMath.Counts> oldCounts = counts(oldSets, minReady);
        int newDesired = RolloutMath.scaleUpNew(replicas, bounds, newCounts, oldCounts);
        if (newDesired != newCounts.desired()) {
            scale(deployment, newSet, newDesired);
            return true;
        }
        List<Integer> oldDesired = RolloutMath.scaleDownOld(replicas, bounds, newCounts, oldCounts);
        boolean changed = false;
        for (int i = 0; i < oldSets.size(); i++) {
            if (oldDesired.get(i) != oldCounts.get(i).desired()) {
                scale(deployment, oldSets.get(i), oldDesired.get(i));
                changed = true;
            }
        }
        return changed;
    }

    private boolean recreate(Deployment deployment, int replicas, ReplicaSet newSet, List<ReplicaSet> oldSets) {
        boolean changed = false;
        for (ReplicaSet old : oldSets) {
            if (desired(old) > 0) {
                scale(deployment, old, 0);
                changed = true;
            }
        }
        boolean oldPodsGone = oldSets.stream().allMatch(rs -> cache.podsOwnedBy(rs.getMetadata().getUid()).isEmpty());
        if (!changed && oldPodsGone && desired(newSet) != replicas) {
            scale(deployment, newSet, replicas);
            changed = true;
        }
        return changed;
    }

    private void cleanUpHistory(Deployment deployment, List<ReplicaSet> oldSets) {
        int limit = deployment.getSpec().getRevisionHistoryLimit() == null ? 10 : deployment.getSpec().getRevisionHistoryLimit();
        List<ReplicaSet> idle = oldSets.stream().filter(rs -> desired(rs) == 0
                && cache.podsOwnedBy(rs.getMetadata().getUid()).isEmpty()).toList();
        for (int i = 0; i < idle.size() - limit; i++) {
            ReplicaSet rs = idle.get(i);
            client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).withName(rs.getMetadata().getName()).delete();
        }
    }

    private ReplicaSet createReplicaSet(Deployment deployment, int revision, int replicas) {
        String hash = TemplateHash.of(deployment.getSpec().getTemplate());
        PodTemplateSpec template = new io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder(deployment.getSpec().getTemplate())
                .editOrNewMetadata().addToLabels(TemplateHash.LABEL, hash).endMetadata().build();
        Map<String, String> labels = new HashMap<>(Objects.requireNonNullElse(template.getMetadata().getLabels(), Map.of()));
        ReplicaSet replicaSet = new ReplicaSetBuilder()
                .withNewMetadata().withName(deployment.getMetadata().getName() + "-" + hash)
                .withNamespace(deployment.getMetadata().getNamespace()).withLabels(labels)
                .addToAnnotations(REVISION, String.valueOf(revision))
                .addToAnnotations("deployment.kubernetes.io/desired-replicas", String.valueOf(deployment.getSpec().getReplicas()))
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                        .withName(deployment.getMetadata().getName()).withUid(deployment.getMetadata().getUid())
                        .withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withNewSpec().withReplicas(replicas).withMinReadySeconds(deployment.getSpec().getMinReadySeconds())
                .withNewSelector().withMatchLabels(new HashMap<>(deployment.getSpec().getSelector().getMatchLabels()))
                .addToMatchLabels(TemplateHash.LABEL, hash).endSelector()
                .withTemplate(template).endSpec().build();
        return client.apps().replicaSets().inNamespace(deployment.getMetadata().getNamespace()).resource(replicaSet).create();
    }

    private void scale(Deployment deployment, ReplicaSet replicaSet, int replicas) {
        int from = desired(replicaSet);
        client.apps().replicaSets().inNamespace(replicaSet.getMetadata().getNamespace())
                .withName(replicaSet.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + replicas + "},\"metadata\":{\"annotations\":"
                        + "{\"deployment.kubernetes.io/desired-replicas\":\"" + deployment.getSpec().getReplicas() + "\"}}}");
        events.normal(deployment, "ScalingReplicaSet", "Scaled " + (replicas > from ? "up" : "down") + " replica set "
                + replicaSet.getMetadata().getName() + " from " + from + " to " + replicas);
    }

    private void annotate(ReplicaSet replicaSet, String name, String value) {
        client.apps().replicaSets().inNamespace(replicaSet.getMetadata().getNamespace()).withName(replicaSet.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"annotations\":{\"" + name + "\":\"" + value + "\"}}}");
    }

    private void syncStatus(Deployment deployment, ReplicaSet newSet, List<ReplicaSet> owned, int minReady) {
        Instant now = Instant.now();
        int replicas = 0;
        int updated = 0;
        int ready = 0;
        int available = 0;
        boolean waitingForMinReady = false;
        for (ReplicaSet rs : owned) {
            for (Pod pod : cache.podsOwnedBy(rs.getMetadata().getUid())) {
                if (!PodStates.active(pod)) {
                    continue;
                }
                replicas++;
                if (rs == newSet) {
                    updated++;
                }
                if (PodStates.ready(pod)) {
                    ready++;
                    if (PodStates.available(pod, minReady, now)) {
                        available++;
                    } else {
                        waitingForMinReady = true;
                    }
                }
            }
        }
        if (waitingForMinReady) {
            queue.addAfter(key(deployment), 250);
        }
        int desired = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        RolloutMath.Bounds bounds = bounds(deployment, desired);
        boolean paused = Boolean.TRUE.equals(deployment.getSpec().getPaused());
        boolean complete = newSet != null && updated == desired && replicas == desired && available == desired;
        List<DeploymentCondition> conditions = new ArrayList<>();
        conditions.add(condition(deployment, "Available", available >= desired - bounds.maxUnavailable() ? "True" : "False",
                available >= desired - bounds.maxUnavailable() ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                available >= desired - bounds.maxUnavailable() ? "Deployment has minimum availability."
                        : "Deployment does not have minimum availability.", now));
        String newName = newSet == null ? "" : newSet.getMetadata().getName();
        if (paused) {
            conditions.add(condition(deployment, "Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", now));
        } else if (complete) {
            conditions.add(condition(deployment, "Progressing", "True", "NewReplicaSetAvailable",
                    "ReplicaSet \"" + newName + "\" has successfully progressed.", now));
        } else {
            conditions.add(condition(deployment, "Progressing", "True", "ReplicaSetUpdated",
                    "ReplicaSet \"" + newName + "\" is progressing.", now));
        }
        DeploymentStatus status = new DeploymentStatusBuilder().withReplicas(replicas).withUpdatedReplicas(updated)
                .withReadyReplicas(ready).withAvailableReplicas(available)
                .withUnavailableReplicas(Math.max(0, desired - available))
                .withObservedGeneration(deployment.getMetadata().getGeneration()).withConditions(conditions).build();
        if (sameStatus(deployment.getStatus(), status)) {
            return;
        }
        client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
                .resource(new DeploymentBuilder().withNewMetadata().withName(deployment.getMetadata().getName())
                        .withNamespace(deployment.getMetadata().getNamespace()).endMetadata().withStatus(status).build())
                .patchStatus();
    }

    private static DeploymentCondition condition(Deployment deployment, String type, String status, String reason,
                                                 String message, Instant now) {
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        DeploymentCondition previous = deployment.getStatus() == null || deployment.getStatus().getConditions() == null ? null
                : deployment.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        String transition = previous != null && status.equals(previous.getStatus()) && previous.getLastTransitionTime() != null
                ? previous.getLastTransitionTime() : time;
        String update = previous != null && reason.equals(previous.getReason()) && message.equals(previous.getMessage())
                && previous.getLastUpdateTime() != null ? previous.getLastUpdateTime() : time;
        return new DeploymentConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastTransitionTime(transition).withLastUpdateTime(update).build();
    }

    private static boolean sameStatus(DeploymentStatus current, DeploymentStatus next) {
        if (current == null) {
            return false;
        }
        return Objects.equals(current.getReplicas(), next.getReplicas())
                && Objects.equals(current.getUpdatedReplicas(), next.getUpdatedReplicas())
                && Objects.equals(current.getReadyReplicas(), next.getReadyReplicas())
                && Objects.equals(current.getAvailableReplicas(), next.getAvailableReplicas())
                && Objects.equals(current.getUnavailableReplicas(), next.getUnavailableReplicas())
                && Objects.equals(current.getObservedGeneration(), next.getObservedGeneration())
                && summary(current.getConditions()).equals(summary(next.getConditions()));
    }

    private static List<String> summary(List<DeploymentCondition> conditions) {
        return conditions == null ? List.of() : conditions.stream()
                .map(c -> c.getType() + c.getStatus() + c.getReason() + c.getMessage()).toList();
    }

    private RolloutMath.Counts counts(ReplicaSet replicaSet, int minReady) {
        Instant now = Instant.now();
        List<Pod> active = cache.podsOwnedBy(replicaSet.getMetadata().getUid()).stream().filter(PodStates::active).toList();
        int available = (int) active.stream().filter(pod -> PodStates.available(pod, minReady, now)).count();
        return new RolloutMath.Counts(desired(replicaSet), available, active.size());
    }

    private List<RolloutMath.Counts> counts(List<ReplicaSet> sets, int minReady) {
        return sets.stream().map(rs -> counts(rs, minReady)).toList();
    }

    private static RolloutMath.Bounds bounds(Deployment deployment, int replicas) {
        var strategy = deployment.getSpec().getStrategy();
        var rolling = strategy == null ? null : strategy.getRollingUpdate();
        return RolloutMath.bounds(rolling == null ? null : text(rolling.getMaxSurge()),
                rolling == null ? null : text(rolling.getMaxUnavailable()), replicas);
    }

    private static String text(IntOrString value) {
        if (value == null) {
            return null;
        }
        return value.getIntVal() != null ? String.valueOf(value.getIntVal()) : value.getStrVal();
    }

    private static String strategyType(Deployment deployment) {
        return deployment.getSpec().getStrategy() == null || deployment.getSpec().getStrategy().getType() == null
                ? "RollingUpdate" : deployment.getSpec().getStrategy().getType();
    }

    static int revision(ReplicaSet replicaSet) {
        String value = annotation(replicaSet, REVISION);
        try {
            return value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int desired(ReplicaSet replicaSet) {
        return replicaSet.getSpec().getReplicas() == null ? 1 : replicaSet.getSpec().getReplicas();
    }

    private static String annotation(io.fabric8.kubernetes.api.model.HasMetadata object, String name) {
        return object.getMetadata().getAnnotations() == null ? null : object.getMetadata().getAnnotations().get(name);
    }

    private static String label(io.fabric8.kubernetes.api.model.HasMetadata object, String name) {
        return object.getMetadata().getLabels() == null ? null : object.getMetadata().getLabels().get(name);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
