package dev.pitwall.sandbox.control;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.pitwall.sandbox.DisruptionBudgets;
import dev.pitwall.sandbox.store.KubeObjects;
import dev.pitwall.sandbox.store.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/** Reports each PodDisruptionBudget's healthy, desired and expected pods and the disruptions it allows. */
final class DisruptionController extends Controller {

    private final KubernetesClient client;
    private final ClusterCache cache;

    DisruptionController(KubernetesClient client, ClusterCache cache) {
        super("disruption", 1);
        this.client = client;
        this.cache = cache;
        cache.disruptionBudgets.addEventHandler(enqueueingSelf());
        cache.pods.addEventHandler(enqueueing(pod -> cache.budgetsFor(pod).stream()
                .filter(budget -> selector(budget).matches(pod.getMetadata().getLabels()))
                .map(Controller::key).toList()));
    }

    private final java.util.Map<String, LabelSelector> selectors = new java.util.concurrent.ConcurrentHashMap<>();

    /** The budget's selector, parsed once per version of the budget. */
    private LabelSelector selector(PodDisruptionBudget budget) {
        return selectors.computeIfAbsent(budget.getMetadata().getUid() + "@" + budget.getMetadata().getGeneration(),
                ignored -> LabelSelector.fromObject(((tools.jackson.databind.JsonNode) KubeObjects.JSON.valueToTree(budget.getSpec()))
                        .get("selector")));
    }

    @Override
    void reconcile(String key) {
        PodDisruptionBudget budget = ClusterCache.get(cache.disruptionBudgets, key);
        if (budget == null) {
            return;
        }
        tools.jackson.databind.JsonNode spec = KubeObjects.JSON.valueToTree(budget.getSpec());
        String namespace = budget.getMetadata().getNamespace();
        List<Pod> selected = cache.podsSelected(namespace, selector(budget)).stream().filter(pod -> !PodStates.finished(pod)).toList();
        int healthy = (int) selected.stream().filter(pod -> PodStates.active(pod) && PodStates.ready(pod)).count();
        int expected = DisruptionBudgets.expectedPods(selected.stream().map(pod -> new DisruptionBudgets.PodRef(
                pod.getMetadata().getOwnerReferences() == null ? null : pod.getMetadata().getOwnerReferences().stream()
                        .filter(o -> Boolean.TRUE.equals(o.getController()) && "ReplicaSet".equals(o.getKind()))
                        .map(io.fabric8.kubernetes.api.model.OwnerReference::getName).findFirst().orElse(null),
                PodStates.terminating(pod))).toList(), name -> {
                    var replicaSet = ClusterCache.get(cache.replicaSets, namespace + "/" + name);
                    return replicaSet == null ? null : replicaSet.getSpec().getReplicas();
                });
        int desired = DisruptionBudgets.desiredHealthy(spec, expected);
        int allowed = Math.max(0, healthy - desired);
        PodDisruptionBudgetStatus previous = budget.getStatus();
        if (previous != null && Objects.equals(previous.getCurrentHealthy(), healthy)
                && Objects.equals(previous.getDesiredHealthy(), desired) && Objects.equals(previous.getExpectedPods(), expected)
                && Objects.equals(previous.getDisruptionsAllowed(), allowed)
                && Objects.equals(previous.getObservedGeneration(), budget.getMetadata().getGeneration())) {
            return;
        }
        String now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        PodDisruptionBudgetStatus status = new PodDisruptionBudgetStatusBuilder().withCurrentHealthy(healthy)
                .withDesiredHealthy(desired).withExpectedPods(expected).withDisruptionsAllowed(allowed)
                .withObservedGeneration(budget.getMetadata().getGeneration())
                .withConditions(new io.fabric8.kubernetes.api.model.ConditionBuilder().withType("DisruptionAllowed")
                        .withStatus(allowed > 0 ? "True" : "False")
                        .withReason(allowed > 0 ? "SufficientPods" : "InsufficientPods").withLastTransitionTime(now)
                        .withMessage("").withObservedGeneration(budget.getMetadata().getGeneration()).build()).build();
        client.policy().v1().podDisruptionBudget().inNamespace(budget.getMetadata().getNamespace())
                .resource(new PodDisruptionBudgetBuilder().withNewMetadata().withName(budget.getMetadata().getName())
                        .withNamespace(budget.getMetadata().getNamespace()).endMetadata().withStatus(status).build())
                .patchStatus();
    }
}
