package dev.pitwall.sandbox.apiserver;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.pitwall.sandbox.DisruptionBudgets;
import dev.pitwall.sandbox.store.ApiException;
import dev.pitwall.sandbox.store.KubeObjects;
import dev.pitwall.sandbox.store.LabelSelector;
import dev.pitwall.sandbox.store.ObjectStore;
import dev.pitwall.sandbox.store.Patches;
import dev.pitwall.sandbox.store.ResourceType;
import dev.pitwall.sandbox.store.ResourceTypes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The subresources Kubernetes serves beside the objects: {@code scale} (autoscaling/v1 Scale),
 * {@code eviction} (refused with 429 when a PodDisruptionBudget would be violated) and
 * {@code binding} (what a scheduler posts).
 */
final class SubresourceHandler {

    private final ObjectStore store;
    private final ResourceType pods;
    private final ResourceType disruptionBudgets;
    private final ResourceType replicaSets;
    private final Clock clock;

    SubresourceHandler(ObjectStore store, ResourceTypes types, Clock clock) {
        this.store = store;
        this.pods = types.find("", "pods").orElseThrow();
        this.disruptionBudgets = types.find("policy", "poddisruptionbudgets").orElseThrow();
        this.replicaSets = types.find("apps", "replicasets").orElseThrow();
        this.clock = clock;
    }

    // ---- scale ------------------------------------------------------------------------------

    void getScale(ApiRequest request) {
        ApiPath path = request.path();
        ObjectNode object = store.get(request.type(), path.namespace(), path.name())
                .orElseThrow(() -> ApiException.notFound(request.type(), path.name()));
        Responses.json(request.http().response(), 200, scaleOf(object));
    }

    void updateScale(ApiRequest request, boolean patch) {
        ApiPath path = request.path();
        String contentType = request.http().getHeader("Content-Type");
        ObjectNode updated = store.modify(request.type(), path.namespace(), path.name(), "", request.dryRun(), current -> {
            ObjectNode scale = scaleOf(current);
            ObjectNode wanted = patch ? Patches.apply(scale, contentType, request.body()) : ResourceHandler.body(request);
            JsonNode replicas = wanted.path("spec").path("replicas");
            if (!replicas.isNumber() || replicas.asInt() < 0) {
                throw ApiException.invalid(request.type(), path.name(), "spec.replicas: Invalid value: must be a whole number >= 0");
            }
            long expected = KubeObjects.resourceVersion(wanted);
            if (!patch && expected != 0 && expected != KubeObjects.resourceVersion(current)) {
                throw new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + request.type().qualifiedName()
                        + " \"" + path.name() + "\": the object has been modified; please apply your changes to the latest version and try again");
            }
            KubeObjects.object(current, "spec").put("replicas", replicas.asInt());
            return current;
        });
        Responses.json(request.http().response(), 200, scaleOf(updated));
    }

    private static ObjectNode scaleOf(ObjectNode object) {
        ObjectNode scale = KubeObjects.JSON.createObjectNode();
        scale.put("kind", "Scale");
        scale.put("apiVersion", "autoscaling/v1");
        ObjectNode metadata = scale.putObject("metadata");
        for (String field : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            if (object.path("metadata").has(field)) {
                metadata.set(field, object.path("metadata").get(field));
            }
        }
        scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(1));
        ObjectNode status = scale.putObject("status");
        status.put("replicas", object.path("status").path("replicas").asInt(0));
        List<String> terms = new ArrayList<>();
        object.path("spec").path("selector").path("matchLabels").forEachEntry((key, value) -> terms.add(key + "=" + value.asString()));
        status.put("selector", String.join(",", terms));
        return scale;
    }

    // ---- eviction ---------------------------------------------------------------------------

    void evict(ApiRequest request) {
        ApiPath path = request.path();
        String namespace = path.namespace();
        JsonNode eviction = request.body() == null || request.body().isBlank()
                ? KubeObjects.JSON.createObjectNode() : ResourceHandler.body(request);
        JsonNode options = eviction.path("deleteOptions");
        Long grace = options.has("gracePeriodSeconds") && !options.get("gracePeriodSeconds").isNull()
                ? options.get("gracePeriodSeconds").asLong() : null;
        synchronized (store) {
            ObjectNode pod = store.get(pods, namespace, path.name())
                    .orElseThrow(() -> ApiException.notFound(pods, path.name()));
            if (KubeObjects.markedForDeletion(pod)) {
                Responses.success(request.http().response(), 201);
                return;
            }
            if (isHealthy(pod)) {
                checkDisruptionBudgets(pod, namespace);
            }
            if (!request.dryRun()) {
                store.delete(pods, namespace, path.name(), grace, null, null, false);
            }
        }
        Responses.success(request.http().response(), 201);
    }

    private void checkDisruptionBudgets(ObjectNode pod, String namespace) {
        JsonNode labels = pod.path("metadata").get("labels");
        List<ObjectNode> budgets = store.list(disruptionBudgets, namespace, LabelSelector.EVERYTHING,
                        dev.pitwall.sandbox.store.FieldSelector.EVERYTHING).items().stream()
                .filter(budget -> LabelSelector.fromObject(budget.path("spec").get("selector")).matches(labels))
                .toList();
        if (budgets.size() > 1) {
            throw new ApiException(500, "InternalError",
                    "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
        }
        for (ObjectNode budget : budgets) {
            LabelSelector selector = LabelSelector.fromObject(budget.path("spec").get("selector"));
            List<ObjectNode> selected = store.list(pods, namespace, selector,
                    dev.pitwall.sandbox.store.FieldSelector.EVERYTHING).items();
            int healthy = (int) selected.stream()
                    .filter(candidate -> !KubeObjects.markedForDeletion(candidate) && isHealthy(candidate)).count();
            int expected = DisruptionBudgets.expectedPods(selected.stream().map(DisruptionBudgets::ref).toList(), name -> store.get(replicaSets, namespace, name)
                    .map(rs -> rs.path("spec").path("replicas").asInt(1)).orElse(null));
            int desired = DisruptionBudgets.desiredHealthy(budget.path("spec"), expected);
            if (healthy - 1 < desired) {
                ApiException refusal = new ApiException(429, "TooManyRequests",
                        "Cannot evict pod as it would violate the pod's disruption budget.");
                throw new DisruptionBudgetViolation(refusal, "The disruption budget " + KubeObjects.name(budget)
                        + " needs " + desired + " healthy pods and has " + healthy + " currently");
            }
        }
    }

    /** An eviction refusal with the cause kubectl prints. */
    static final class DisruptionBudgetViolation extends RuntimeException {
        final ApiException refusal;
        final String cause;

        DisruptionBudgetViolation(ApiException refusal, String cause) {
            super(refusal.getMessage());
            this.refusal = refusal;
            this.cause = cause;
        }

        ObjectNode status() {
            ObjectNode status = Responses.status(refusal.code(), refusal.reason(), refusal.getMessage());
            ArrayNode causes = status.putObject("details").putArray("causes");
            ObjectNode item = causes.addObject();
            item.put("reason", "DisruptionBudget");
            item.put("message", cause);
            return status;
        }
    }

    static boolean isHealthy(JsonNode pod) {
        for (JsonNode condition : pod.path("status").path("conditions")) {
            if (condition.path("type").asString().equals("Ready")) {
                return condition.path("status").asString().equals("True");
            }
        }
        return false;
    }

    // ---- binding ----------------------------------------------------------------------------

    void bind(ApiRequest request) {
        ObjectNode binding = ResourceHandler.body(request);
        String podName = request.path().resource().equals("bindings") ? KubeObjects.name(binding) : request.path().name();
        String node = binding.path("target").path("name").asString("");
        if (node.isEmpty()) {
            throw ApiException.invalid(pods, podName, "target.name: Required value");
        }
        store.modify(pods, request.path().namespace(), podName, "", request.dryRun(), pod -> {
            String assigned = pod.path("spec").path("nodeName").asString("");
            if (!assigned.isEmpty()) {
                throw new ApiException(409, "Conflict", "Operation cannot be fulfilled on pods/binding \"" + podName
                        + "\": pod " + podName + " is already assigned to node \"" + assigned + "\"");
            }
            KubeObjects.object(pod, "spec").put("nodeName", node);
            return pod;
        });
        store.modify(pods, request.path().namespace(), podName, "status", request.dryRun(), pod -> {
            ObjectNode status = KubeObjects.object(pod, "status");
            ArrayNode conditions = KubeObjects.array(status, "conditions");
            ObjectNode scheduled = conditions.addObject();
            scheduled.put("type", "PodScheduled");
            scheduled.put("status", "True");
            scheduled.put("lastTransitionTime", KubeObjects.timestamp(clock.instant()));
            return pod;
        });
        Responses.success(request.http().response(), 201);
    }
}
