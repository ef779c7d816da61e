package dev.pitwall.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import dev.pitwall.guard.Approval;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two-person approvals, kept in the cluster as ConfigMaps in {@value #NAMESPACE} (one per
 * request, labelled {@value #LABEL}) holding the plan, its digest, the requester and the expiry.
 * Every write goes through the executor: journaled before it is sent, like any other request.
 */
public final class ApprovalDesk {

    public static final String NAMESPACE = "pitwall-system";
    public static final String LABEL = "pitwall.dev/approval";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Executor executor;
    private final KubernetesClient client;

    public ApprovalDesk(Executor executor) {
        this.executor = executor;
        this.client = executor.client();
    }

    /** Asks for a second person's approval of {@code plan}; it lapses after {@code expiry}. */
    public Approval request(Plan plan, String requester, Duration expiry) {
        Instant expires = Instant.now().plus(expiry);
        ObjectNode map = JSON.createObjectNode();
        map.put("apiVersion", "v1");
        map.put("kind", "ConfigMap");
        ObjectNode metadata = map.putObject("metadata");
        metadata.put("name", name(plan.id()));
        metadata.put("namespace", NAMESPACE);
        metadata.putObject("labels").put(LABEL, "true").put("app.kubernetes.io/managed-by", "pitwall");
        ObjectNode data = map.putObject("data");
        data.put("id", plan.id());
        data.put("context", plan.target().context());
        data.put("kind", plan.kind().id());
        data.put("target", plan.target().namespace() + "/" + plan.target().deployment());
        data.put("summary", plan.summary());
        data.put("planDigest", plan.digest());
        data.put("requester", requester);
        data.put("expiresAt", expires.toString());
        data.put("state", "pending");
        data.put("approver", "");
        data.put("reason", "");
        data.put("plan", JSON.writeValueAsString(plan));
        executor.sendPaperwork(plan, new KubeRequest("create", "", "v1", "ConfigMap", "configmaps", "", NAMESPACE, name(plan.id()),
                "", JSON.writeValueAsString(map)));
        return get(plan.id());
    }

    /** Every approval request, oldest first. */
    public List<Approval> list() {
        return client.configMaps().inNamespace(NAMESPACE).withLabel(LABEL, "true").list().getItems().stream()
                .map(ApprovalDesk::approval).sorted(java.util.Comparator.comparing(Approval::expiresAt)).toList();
    }

    /** The request whose id starts with {@code id}. */
    public Approval get(String id) {
        return list().stream().filter(approval -> approval.id().startsWith(id)).findFirst().orElseThrow(() ->
                new OperationRefused("no approval request " + id + " in " + NAMESPACE + "; `pitwall approvals list` shows them"));
    }

    /** The plan an approval request is for. */
    public Plan planOf(Approval approval) {
        ConfigMap map = client.configMaps().inNamespace(NAMESPACE).withName(name(approval.id())).get();
        return JSON.readValue(map.getData().get("plan"), Plan.class);
    }

    /**
     * Approves or denies a pending, unexpired request, as {@code approver}; the guard has already
     * said they may (not the requester, the policy's role).
     */
    public Approval decide(Approval approval, String approver, boolean approve, String reason) {
        if (!approval.pending()) {
            throw new OperationRefused("approval " + approval.id() + " was already " + approval.state() + " by " + approval.approver());
        }
        if (approval.expired(Instant.now())) {
            throw new OperationRefused("approval request " + approval.id() + " expired at " + approval.expiresAt()
                    + "; the requester must ask again");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("state", approve ? "approved" : "denied");
        data.put("approver", approver);
        data.put("reason", Objects.requireNonNullElse(reason, ""));
        data.put("decidedAt", Instant.now().toString());
        Plan plan = planOf(approval);
        executor.sendPaperwork(plan, KubeRequest.mergePatch("", "v1", "ConfigMap", "configmaps", NAMESPACE, name(approval.id()),
                JSON.writeValueAsString(Map.of("data", data))));
        return get(approval.id());
    }

    /** Waits (from a watch) until the request is decided, expires, or {@code abort} says stop. */
    public Approval await(Approval approval, BooleanSupplier abort) {
        return Watching.<ConfigMap, Approval>until(client.configMaps().inNamespace(NAMESPACE).withName(name(approval.id())),
                (map, decided) -> {
                    Approval now = approval(map);
                    if (!now.pending()) {
                        decided.complete(now);
                    }
                }, "approval request " + approval.id() + " was deleted", () -> abort.getAsBoolean()
                        ? "stopped waiting for approval " + approval.id()
                        : approval.expired(Instant.now()) ? "approval request " + approval.id() + " expired at " + approval.expiresAt()
                        + " without an answer" : null);
    }

    /** Null when {@code approval} lets {@code plan} run now; else why not. */
    public static String refusal(Approval approval, Plan plan, String requester) {
        if (!approval.approved()) {
            return "approval " + approval.id() + " is " + approval.state() + (approval.reason().isEmpty() ? "" : ": " + approval.reason());
        }
        if (approval.approver().equals(requester)) {
            return "approval " + approval.id() + " was given by the requester themself";
        }
        if (!approval.planDigest().equals(plan.digest())) {
            return "approval " + approval.id() + " is for another plan (the plan changed since it was approved)";
        }
        if (approval.expired(Instant.now())) {
            return "approval " + approval.id() + " expired at " + approval.expiresAt();
        }
        return null;
    }

    private static String name(String id) {
        return "pitwall-approval-" + id;
    }

    private static Approval approval(ConfigMap map) {
        Map<String, String> data = map.getData() == null ? Map.of() : map.getData();
        return new Approval(data.getOrDefault("id", ""), data.getOrDefault("context", ""), data.getOrDefault("kind", ""),
                data.getOrDefault("target", ""), data.getOrDefault("summary", ""), data.getOrDefault("planDigest", ""),
                data.getOrDefault("requester", ""), Instant.parse(data.getOrDefault("expiresAt", Instant.EPOCH.toString())),
                data.getOrDefault("state", "pending"), data.getOrDefault("approver", ""), data.getOrDefault("reason", ""));
    }
}
