package dev.pitwall.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pitwall.audit.AuditJournal;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operations' records in the audit journal: the plan when confirmed, each request before it is
 * sent, its outcome after, and the end. From these the next start tells which operations were
 * interrupted, how far they got, and rebuilds their plans to resume them.
 */
public final class OperationJournal {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AuditJournal journal;

    public OperationJournal(AuditJournal journal) {
        this.journal = journal;
    }

    public AuditJournal audit() {
        return journal;
    }

    void planned(Plan plan, Actor actor, String confirmation, String approver) {
        Map<String, Object> record = base("planned", plan.id(), actor, plan);
        record.put("summary", plan.summary());
        record.put("planDigest", plan.digest());
        record.put("confirmation", confirmation);
        record.put("approver", approver);
        record.put("plan", JSON.valueToTree(plan));
        journal.append(record);
    }

    void request(Plan plan, Actor actor, int step, KubeRequest request, boolean dryRun) {
        Map<String, Object> record = base(dryRun ? "dry-run request" : "request", plan.id(), actor, plan);
        record.put("step", step);
        record.put("request", request.describe());
        journal.append(record);
    }

    void outcome(Plan plan, Actor actor, int step, int code, String message, boolean dryRun) {
        Map<String, Object> record = base(dryRun ? "dry-run outcome" : "outcome", plan.id(), actor, plan);
        record.put("step", step);
        record.put("code", code);
        record.put("message", message);
        journal.append(record);
    }

    void stepDone(Plan plan, Actor actor, int step, String message) {
        Map<String, Object> record = base("step done", plan.id(), actor, plan);
        record.put("step", step);
        record.put("message", message);
        journal.append(record);
    }

    /** The traffic is where the operation moves it, verified: the recovery time, from the run's start. */
    void recovered(Plan plan, Actor actor, int step, long millis, String verified) {
        Map<String, Object> record = base("recovered", plan.id(), actor, plan);
        record.put("step", step);
        record.put("recoveryMillis", millis);
        record.put("message", verified);
        journal.append(record);
    }

    void finished(Plan plan, Actor actor, String outcome, long millis) {
        Map<String, Object> record = base("finished", plan.id(), actor, plan);
        record.put("outcome", outcome);
        record.put("millis", millis);
        journal.append(record);
    }

    /** An interrupted operation the operator chose not to resume. */
    public void abandoned(Recorded recorded) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("event", "finished");
        record.put("operation", recorded.plan().id());
        record.put("kind", recorded.plan().kind().id());
        record.put("target", recorded.plan().target().namespace() + "/" + recorded.plan().target().deployment());
        record.put("outcome", "aborted after step " + recorded.stepsDone() + " (interrupted, not resumed)");
        journal.append(record);
    }

    void resumed(Plan plan, Actor actor, int fromStep) {
        Map<String, Object> record = base("resumed", plan.id(), actor, plan);
        record.put("step", fromStep);
        journal.append(record);
    }

    private static Map<String, Object> base(String event, String operation, Actor actor, Plan plan) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("event", event);
        record.put("operation", operation);
        record.put("who", actor.user());
        record.put("role", actor.role());
        record.put("context", actor.context());
        record.put("kind", plan.kind().id());
        record.put("target", plan.target().namespace() + "/" + plan.target().deployment());
        return record;
    }

    /**
     * An operation as the journal tells it.
     *
     * @param plan      its plan as confirmed
     * @param who       who confirmed it
     * @param stepsDone how many steps completed, in order
     * @param outcome   "done", "failed: ...", "aborted", or "" when it never finished (interrupted)
     * @param lastTime  the time of its last record
     * @param recoveryMillis failover and failback: from the run's start to the traffic verified where
     *                       it was moved; -1 when not (yet) recovered
     */
    public record Recorded(Plan plan, String who, int stepsDone, String outcome, String lastTime, long recoveryMillis) {
        public boolean interrupted() {
            return outcome.isEmpty();
        }
    }

    /** Every operation in the journal, oldest first. */
    public List<Recorded> operations() {
        Map<String, Recorded> byId = new LinkedHashMap<>();
        for (JsonNode record : journal.read()) {
            String id = record.path("operation").asString("");
            String event = record.path("event").asString("");
            Recorded known = byId.get(id);
            String time = record.path("time").asString("");
            switch (event) {
                case "planned" -> byId.put(id, new Recorded(JSON.treeToValue(record.get("plan"), Plan.class),
                        record.path("who").asString(""), 0, "", time, -1));
                case "step done" -> {
                    if (known != null) {
                        byId.put(id, new Recorded(known.plan(), known.who(), Math.max(known.stepsDone(), record.path("step").asInt() + 1),
                                known.outcome(), time, known.recoveryMillis()));
                    }
                }
                case "finished" -> {
                    if (known != null) {
                        byId.put(id, new Recorded(known.plan(), known.who(), known.stepsDone(), record.path("outcome").asString(""), time,
                                known.recoveryMillis()));
                    }
                }
                case "recovered" -> {
                    if (known != null) {
                        byId.put(id, new Recorded(known.plan(), known.who(), known.stepsDone(), known.outcome(), time,
                                record.path("recoveryMillis").asLong(-1)));
                    }
                }
                default -> {
                    if (known != null) {
                        byId.put(id, new Recorded(known.plan(), known.who(), known.stepsDone(), known.outcome(), time,
                                known.recoveryMillis()));
                    }
                }
            }
        }
        return new ArrayList<>(byId.values());
    }
}
