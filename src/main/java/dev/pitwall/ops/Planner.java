package dev.pitwall.ops;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.pitwall.fleet.Conventions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Turns an operator's intent into a {@link Plan} from the cluster's current state (read once when
 * planning). The requests are those kubectl sends for the same intent: rollout restart patches the
 * template's {@code kubectl.kubernetes.io/restartedAt} annotation, rollout undo puts the previous
 * revision's template back, scale and pause patch the spec.
 */
public final class Planner {

    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    static final String REVISION = "deployment.kubernetes.io/revision";

    private final KubernetesClient client;
    private final String context;
    private final TrafficProbe probe;

    public Planner(KubernetesClient client, String context) {
        this(client, context, null);
    }

    /** @param probe how failover and failback read the tracks' traffic; null when they are not planned here */
    public Planner(KubernetesClient client, String context, TrafficProbe probe) {
        this.client = client;
        this.context = context;
        this.probe = probe;
    }

    /** Failover and failback. */
    public TrafficPlanner traffic() {
        if (probe == null) {
            throw new OperationRefused("failover and failback need the tracks' traffic, and this planner cannot read it");
        }
        return new TrafficPlanner(client, context, probe);
    }

    /** How kill-pods picks its pods. */
    public record PodSelection(List<String> names, String selector, Integer count, Integer percent, boolean evict) {
        public static PodSelection count(int count, boolean evict) {
            return new PodSelection(List.of(), "", count, null, evict);
        }
    }

    /**
     * The requests an operation of {@code kind} on a Deployment would send, for asking RBAC before
     * the operation is offered (no plan is made, nothing is read).
     */
    public static List<KubeRequest> probe(OperationKind kind, String namespace, String name) {
        return switch (kind) {
            case KILL_PODS -> List.of(KubeRequest.deletePod(namespace, name), KubeRequest.evictPod(namespace, name));
            // name is the model; the default adapter's route, and the standby's scale (the route may be named otherwise:
            // the plan's own requests are asked again before it runs)
            case FAILOVER, FAILBACK -> List.of(KubeRequest.jsonPatch("gateway.networking.k8s.io", "v1", "HTTPRoute", "httproutes",
                    namespace, name, "[]"), KubeRequest.mergePatch("apps", "v1", "Deployment", "deployments", namespace, name, "{}"));
            default -> List.of(KubeRequest.mergePatch("apps", "v1", "Deployment", "deployments", namespace, name, "{}"));
        };
    }

    /**
     * Plans {@code kind} with its options (scale: "replicas"; kill-pods: "count", "evict"; failover:
     * "adapter", "steps"; failback: "adapter", "stages", "bakeSeconds"). For failover and failback
     * {@code name} is the model service.
     */
    public Plan plan(OperationKind kind, String namespace, String name, Map<String, String> options) {
        return switch (kind) {
            case RESTART -> restart(namespace, name);
            case SCALE -> scale(namespace, name, Integer.parseInt(options.getOrDefault("replicas", "1")));
            case PAUSE -> pause(namespace, name);
            case RESUME -> resume(namespace, name);
            case ROLLBACK -> rollback(namespace, name);
            case KILL_PODS -> killPods(namespace, name, PodSelection.count(Integer.parseInt(options.getOrDefault("count", "1")),
                    Boolean.parseBoolean(options.getOrDefault("evict", "false"))));
            case FAILOVER -> traffic().failover(namespace, name, options.getOrDefault("adapter", ""),
                    TrafficPlanner.stages(options.getOrDefault("steps", "100")));
            case FAILBACK -> traffic().failback(namespace, name, options.getOrDefault("adapter", ""),
                    TrafficPlanner.stages(options.getOrDefault("stages", "10,50,100")),
                    Integer.parseInt(options.getOrDefault("bakeSeconds", String.valueOf(TrafficPlanner.DEFAULT_BAKE_SECONDS))));
        };
    }

    public Plan restart(String namespace, String name) {
        Deployment deployment = deployment(namespace, name);
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        return plan(OperationKind.RESTART, deployment, "Restart every pod of " + name + ", " + maxSurge(deployment)
                        + " at a time, as kubectl rollout restart does", Plan.Risk.MEDIUM,
                List.of(Step.send("Set the pod template's restartedAt to " + now, patch(deployment,
                                "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"" + RESTARTED_AT + "\":\"" + now + "\"}}}}}")),
                        Step.awaitRollout("Wait for the rollout to complete")));
    }

    public Plan scale(String namespace, String name, int replicas) {
        if (replicas < 0) {
            throw new OperationRefused("cannot scale to " + replicas + " replicas; give 0 or more");
        }
        Deployment deployment = deployment(namespace, name);
        int current = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        return plan(OperationKind.SCALE, deployment, "Scale " + name + " from " + current + " to " + replicas + " replicas",
                replicas < current ? Plan.Risk.HIGH : Plan.Risk.MEDIUM,
                List.of(Step.send("Set replicas to " + replicas, patch(deployment, "{\"spec\":{\"replicas\":" + replicas + "}}")),
                        Step.awaitRollout("Wait for " + replicas + " replicas to be available")));
    }

    public Plan pause(String namespace, String name) {
        Deployment deployment = deployment(namespace, name);
        return plan(OperationKind.PAUSE, deployment, "Pause the rollout of " + name + " (running pods stay)", Plan.Risk.LOW,
                List.of(Step.send("Set paused", patch(deployment, "{\"spec\":{\"paused\":true}}"))));
    }

    public Plan resume(String namespace, String name) {
        Deployment deployment = deployment(namespace, name);
        return plan(OperationKind.RESUME, deployment, "Resume the rollout of " + name, Plan.Risk.MEDIUM,
                List.of(Step.send("Clear paused", patch(deployment, "{\"spec\":{\"paused\":false}}")),
                        Step.awaitRollout("Wait for the rollout to complete")));
    }

    /** Back to the previous revision's pod template, as {@code kubectl rollout undo} does. */
    public Plan rollback(String namespace, String name) {
        Deployment deployment = deployment(namespace, name);
        ReplicaSet previous = previousRevision(deployment);
        String version = labelsOf(previous.getSpec().getTemplate()).getOrDefault(Conventions.VERSION_LABEL, "");
        return plan(OperationKind.ROLLBACK, deployment, "Roll " + name + " back to revision " + revision(previous)
                        + (version.isEmpty() ? "" : " (version " + version + ")"), Plan.Risk.HIGH,
                List.of(Step.send("Put back the pod template of revision " + revision(previous), templateOf(deployment, previous, false)),
                        Step.awaitRollout("Wait for the rollout to complete")));
    }

    /** The request that puts back the previous revision's template and unpauses: what aborting a rollout sends after pausing it. */
    KubeRequest undoRequest(String namespace, String name) {
        Deployment deployment = deployment(namespace, name);
        return templateOf(deployment, previousRevision(deployment), true);
    }

    private ReplicaSet previousRevision(Deployment deployment) {
        String namespace = deployment.getMetadata().getNamespace();
        List<ReplicaSet> owned = client.apps().replicaSets().inNamespace(namespace).list().getItems().stream()
                .filter(rs -> rs.getMetadata().getOwnerReferences() != null && rs.getMetadata().getOwnerReferences().stream()
                        .anyMatch(owner -> owner.getUid().equals(deployment.getMetadata().getUid())))
                .sorted(Comparator.comparingLong(Planner::revision).reversed()).toList();
        if (owned.size() < 2) {
            throw new OperationRefused(namespace + "/" + deployment.getMetadata().getName() + " has no previous revision to roll back to");
        }
        return owned.get(1);
    }

    private static KubeRequest templateOf(Deployment deployment, ReplicaSet previous, boolean unpause) {
        PodTemplateSpec template = Serialization.clone(previous.getSpec().getTemplate());
        if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
            template.getMetadata().getLabels().remove("pod-template-hash");
        }
        String patch = "[{\"op\":\"replace\",\"path\":\"/spec/template\",\"value\":" + Serialization.asJson(template) + "}"
                + (unpause ? ",{\"op\":\"replace\",\"path\":\"/spec/paused\",\"value\":false}" : "") + "]";
        return KubeRequest.jsonPatch("apps", "v1", "Deployment", "deployments", deployment.getMetadata().getNamespace(),
                deployment.getMetadata().getName(), patch);
    }

    private static Map<String, String> labelsOf(PodTemplateSpec template) {
        return template.getMetadata() == null || template.getMetadata().getLabels() == null ? Map.of()
                : template.getMetadata().getLabels();
    }

    /** How many running (not terminating) pods a Deployment has: what a blast radius is a share of. */
    public int podCount(String namespace, String name) {
        Deployment deployment = deployment(namespace, name);
        return (int) client.pods().inNamespace(namespace).withLabels(deployment.getSpec().getSelector().getMatchLabels()).list()
                .getItems().stream().filter(pod -> pod.getMetadata().getDeletionTimestamp() == null).count();
    }

    /** Kills pods of a Deployment: by name, by label selector, or a count or percentage of them. */
    public Plan killPods(String namespace, String name, PodSelection selection) {
        Deployment deployment = deployment(namespace, name);
        Map<String, String> labels = new LinkedHashMap<>(deployment.getSpec().getSelector().getMatchLabels());
        List<Pod> pods = client.pods().inNamespace(namespace).withLabels(labels).list().getItems().stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                .sorted(Comparator.comparing(pod -> pod.getMetadata().getName())).toList();
        List<Pod> chosen = new ArrayList<>();
        if (!selection.names().isEmpty()) {
            for (String podName : selection.names()) {
                chosen.add(pods.stream().filter(pod -> pod.getMetadata().getName().equals(podName)).findFirst().orElseThrow(() ->
                        new OperationRefused("pod " + podName + " is not a running pod of " + namespace + "/" + name)));
            }
        } else {
            List<Pod> candidates = selection.selector().isEmpty() ? pods : client.pods().inNamespace(namespace).withLabels(labels)
                    .withLabelSelector(selection.selector()).list().getItems();
            int count = selection.percent() != null ? (int) Math.ceil(candidates.size() * selection.percent() / 100.0)
                    : Objects.requireNonNullElse(selection.count(), 1);
            chosen.addAll(candidates.stream().limit(count).toList());
        }
        if (chosen.isEmpty()) {
            throw new OperationRefused("no pod of " + namespace + "/" + name + " matches; nothing to kill");
        }
        List<Step> steps = chosen.stream().map(pod -> Step.send((selection.evict() ? "Evict " : "Delete (grace 0) ")
                + pod.getMetadata().getName(), selection.evict() ? KubeRequest.evictPod(namespace, pod.getMetadata().getName())
                : KubeRequest.deletePod(namespace, pod.getMetadata().getName()))).toList();
        return plan(OperationKind.KILL_PODS, deployment, (selection.evict() ? "Evict " : "Kill ") + chosen.size() + " of "
                + pods.size() + " pods of " + name + (selection.evict() ? " (PodDisruptionBudgets respected)" : ""),
                Plan.Risk.HIGH, steps);
    }

    private Plan plan(OperationKind kind, Deployment deployment, String summary, Plan.Risk risk, List<Step> steps) {
        String namespace = deployment.getMetadata().getNamespace();
        String name = deployment.getMetadata().getName();
        String model = deployment.getMetadata().getLabels() == null ? null
                : deployment.getMetadata().getLabels().get(Conventions.MODEL_LABEL);
        List<String> touches = steps.stream().filter(Step::sends)
                .map(step -> step.request().kind() + " " + namespace + "/" + step.request().name()).distinct().toList();
        return new Plan(UUID.randomUUID().toString(), kind, new Target(context, namespace, name, model == null ? name : model),
                summary, steps, touches, risk, List.of(), List.of());
    }

    private Deployment deployment(String namespace, String name) {
        Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
        if (deployment == null) {
            throw new OperationRefused("there is no deployment " + namespace + "/" + name + " in " + context
                    + "; check the name with `kubectl get deployments -n " + namespace + "`");
        }
        return deployment;
    }

    private static KubeRequest patch(Deployment deployment, String body) {
        return KubeRequest.mergePatch("apps", "v1", "Deployment", "deployments", deployment.getMetadata().getNamespace(),
                deployment.getMetadata().getName(), body);
    }

    private static String maxSurge(Deployment deployment) {
        var strategy = deployment.getSpec().getStrategy();
        if (strategy == null || strategy.getRollingUpdate() == null || strategy.getRollingUpdate().getMaxSurge() == null) {
            return "25% surge";
        }
        var surge = strategy.getRollingUpdate().getMaxSurge();
        return (surge.getStrVal() != null ? surge.getStrVal() : String.valueOf(surge.getIntVal())) + " surge";
    }

    private static long revision(ReplicaSet replicaSet) {
        try {
            return Long.parseLong(replicaSet.getMetadata().getAnnotations().getOrDefault(REVISION, "0"));
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
