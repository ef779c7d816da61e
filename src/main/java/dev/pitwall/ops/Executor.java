package dev.pitwall.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pitwall.kube.traffic.TrafficAdapters;
import dev.pitwall.kube.write.KubeWriter;
import io.fabric8.kubernetes.client.KubernetesClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs confirmed plans: takes the model service's Lease, sends each step's request (journaled
 * before it is sent, its outcome after), waits where a step waits, leaves a Kubernetes Event on
 * the target, and releases the Lease. It can be aborted between and during waits, and resumes an
 * interrupted operation from the first step the journal does not show as done.
 */
public final class Executor {

    /** Where a running operation stands. */
    public interface Progress {
        void update(int step, String status);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Executor.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int HOUSEKEEPING = -1;

    private final KubernetesClient client;
    private final KubeWriter writer;
    private final OperationJournal journal;
    private final Actor actor;
    private Duration rolloutTimeout = Duration.ofMinutes(10);
    private Duration trafficTimeout = Duration.ofSeconds(30);
    private TrafficProbe probe;
    /** The whole these plans are parts of (a drill), sharing their holds; null for an operation of its own. */
    private String group;

    public Executor(KubernetesClient client, OperationJournal journal, Actor actor) {
        this.client = client;
        this.writer = new KubeWriter(client);
        this.journal = journal;
        this.actor = actor;
    }

    public Executor rolloutTimeout(Duration timeout) {
        this.rolloutTimeout = timeout;
        return this;
    }

    /**
     * Runs the plans as parts of one whole (a drill): they share one hold on each model service,
     * taken in {@code group}'s name, so that its steps may overlap (a pod killed while a restart
     * runs) while nobody else can act on the service.
     */
    public Executor partOf(String group) {
        this.group = group;
        return this;
    }

    /** How failover and failback see what the tracks serve; needed for their traffic steps. */
    public Executor traffic(TrafficProbe probe, Duration timeout) {
        this.probe = probe;
        this.trafficTimeout = timeout;
        return this;
    }

    /**
     * Who holds the plan's model service, when someone else does: the sentence to show instead of
     * offering to run it (a read; nothing is sent). Null when it is free.
     */
    public String heldBy(Plan plan) {
        return new ServiceLease(client, request -> {
            throw new IllegalStateException("a read-only check");
        }, plan.target(), actor.holder(plan.id()), plan.id()).refusal();
    }

    /** Asks the server to check each request of the plan without persisting anything; the plan with the answers. */
    public Plan dryRun(Plan plan) {
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            Step step = plan.steps().get(i);
            if (!step.sends()) {
                continue;
            }
            try {
                send(plan, i, step.request(), true);
                answers.add(step.request().describe() + ": accepted");
            } catch (KubeWriter.Refused refused) {
                answers.add(step.request().describe() + ": refused (" + refused.code() + " " + refused.getMessage() + ")");
            }
        }
        return plan.withDryRun(answers);
    }

    /**
     * Runs a plan the operator confirmed.
     *
     * @param confirmation how it was confirmed (journaled)
     * @param approver     who approved it, "" when no second person was needed
     * @return the outcome: "done", or what failed
     */
    public String run(Plan plan, String confirmation, String approver, Progress progress, BooleanSupplier abort) {
        journal.planned(plan, actor, confirmation, approver);
        return execute(plan, 0, progress, abort);
    }

    /**
     * Gives up an interrupted operation: journals it as abandoned and releases the Lease it still
     * holds (its process died without releasing it), so that the rollback, or anyone, may act.
     */
    public void abandon(OperationJournal.Recorded recorded) {
        journal.abandoned(recorded);
        new ServiceLease(client, request -> send(recorded.plan(), HOUSEKEEPING, request, false).object(), recorded.plan().target(),
                actor.holder(recorded.plan().id()), recorded.plan().id()).releaseIfOurs();
    }

    /** Goes on with an interrupted operation from the first step not done. */
    public String resume(OperationJournal.Recorded recorded, Progress progress, BooleanSupplier abort) {
        journal.resumed(recorded.plan(), actor, recorded.stepsDone());
        return execute(recorded.plan(), recorded.stepsDone(), progress, abort);
    }

    private String execute(Plan plan, int from, Progress progress, BooleanSupplier abort) {
        long started = System.nanoTime();
        String holding = group == null ? plan.id() : group;
        ServiceLease lease = new ServiceLease(client, request -> send(plan, HOUSEKEEPING, request, false).object(), plan.target(),
                actor.holder(holding), holding);
        ServiceHold hold;
        try {
            hold = ServiceHold.take(lease, plan.target(), group);
        } catch (OperationRefused | KubeWriter.Refused refused) {
            journal.finished(plan, actor, "refused: " + refused.getMessage(), 0);
            throw refused instanceof OperationRefused or ? or : new OperationRefused("cannot take the service's Lease: "
                    + refused.getMessage());
        }
        String outcome = "done";
        Step current = null;
        try {
            for (int i = from; i < plan.steps().size(); i++) {
                if (abort.getAsBoolean()) {
                    outcome = "aborted before step " + (i + 1) + " of " + plan.steps().size();
                    break;
                }
                Step step = plan.steps().get(i);
                progress.update(i, step.description());
                current = step;
                int index = i;
                String result = switch (step.waitFor()) {
                    case "" -> {
                        send(plan, i, step.request(), false);
                        yield "sent";
                    }
                    case Step.TRAFFIC -> traffic(plan, step, abort).verify(step.traffic(), status -> progress.update(index, status));
                    case Step.GATE -> traffic(plan, step, abort).gate(step.traffic(), status -> progress.update(index, status));
                    default -> RolloutWait.await(client, plan.target().namespace(), step.rolloutOf(plan.target()),
                            status -> progress.update(index, status), abort, rolloutTimeout);
                };
                if (step.traffic() != null && step.traffic().recovery()) {
                    long recovery = (System.nanoTime() - started) / 1_000_000;
                    journal.recovered(plan, actor, i, recovery, result);
                    result += "; recovery time " + recovery + " ms";
                }
                journal.stepDone(plan, actor, i, result);
                progress.update(i, result);
            }
        } catch (KubeWriter.Refused refused) {
            outcome = "failed: the server refused (" + refused.code() + "): " + refused.getMessage();
        } catch (OperationRefused refused) {
            outcome = refused.getMessage().startsWith("aborted") ? refused.getMessage() : "failed: " + refused.getMessage();
            if (abort.getAsBoolean() && rollsOut(plan)) {
                outcome += "; " + undo(plan, progress);
            } else if (plan.kind() == OperationKind.FAILBACK && current != null && current.traffic() != null
                    && (refused instanceof TrafficWait.GateFailed || abort.getAsBoolean())) {
                outcome += "; " + backToStandby(plan, current, progress);
            }
        } catch (RuntimeException | Error unexpected) {
            hold.abandon(); // as a process that died: no more renewals, and the Lease lapses rather than being released
            throw unexpected;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        leaveEvent(plan, outcome);
        hold.close();
        journal.finished(plan, actor, outcome, millis);
        return outcome;
    }

    private TrafficWait traffic(Plan plan, Step step, BooleanSupplier abort) {
        if (probe == null) {
            throw new OperationRefused("this executor cannot read traffic; it was made without a traffic probe");
        }
        return new TrafficWait(TrafficAdapters.of(step.traffic().adapter(), client), probe, plan.target().namespace(), trafficTimeout,
                abort);
    }

    /**
     * A failback whose gate failed, or that was aborted mid-way, returns all traffic to the standby
     * (the split that was serving before it began), journaled like any request, and waits for it to take.
     */
    private String backToStandby(Plan plan, Step failed, Executor.Progress progress) {
        TrafficStep step = failed.traffic();
        Map<String, Integer> fallback = step.fallback().isEmpty()
                ? dev.pitwall.kube.traffic.Split.allOn(TrafficPlanner.STANDBY, List.copyOf(step.split().keySet())).percentByTrack()
                : step.fallback();
        var adapter = TrafficAdapters.of(step.adapter(), client);
        String namespace = plan.target().namespace();
        int last = plan.steps().size() - 1;
        try {
            var now = adapter.read(namespace, step.model());
            var back = new dev.pitwall.kube.traffic.Split(fallback);
            progress.update(last, "returning all traffic to the standby");
            send(plan, HOUSEKEEPING, adapter.shift(namespace, step.model(), now, back), false);
            new TrafficWait(adapter, probe, namespace, trafficTimeout, () -> false).took(step.model(), back, status -> { });
            return "all traffic returned to the standby (" + back.describe() + ", verified)";
        } catch (RuntimeException e) {
            return "returning the traffic to the standby failed (" + e.getMessage() + "): run pitwall failover " + step.model();
        }
    }

    /** Whether the plan starts a rollout that an abort must stop and undo (pause + undo, as the operator would). */
    private static boolean rollsOut(Plan plan) {
        return plan.kind() == OperationKind.RESTART || plan.kind() == OperationKind.ROLLBACK || plan.kind() == OperationKind.RESUME;
    }

    /**
     * Aborting a rollout: pause it at once (no more pods replaced), then put back the previous
     * revision's template and unpause, so the Deployment returns to what ran before (kubectl's
     * rollout undo). Each request journaled like any other.
     */
    private String undo(Plan plan, Progress progress) {
        String namespace = plan.target().namespace();
        String name = plan.target().deployment();
        int last = plan.steps().size() - 1;
        try {
            progress.update(last, "aborting: pausing the rollout");
            send(plan, HOUSEKEEPING, KubeRequest.mergePatch("apps", "v1", "Deployment", "deployments", namespace, name,
                    "{\"spec\":{\"paused\":true}}"), false);
            KubeRequest back = new Planner(client, plan.target().context()).undoRequest(namespace, name);
            progress.update(last, "aborting: back to the previous revision");
            send(plan, HOUSEKEEPING, back, false);
            return "paused and rolled back to the previous revision";
        } catch (RuntimeException e) {
            return "the undo failed (" + e.getMessage() + "); the rollout may be paused: resume or roll back with pitwall";
        }
    }

    /** A Kubernetes Event on the target saying what Pitwall did; a failure to write it does not fail the operation. */
    private void leaveEvent(Plan plan, String outcome) {
        ObjectNode event = JSON.createObjectNode();
        event.put("apiVersion", "v1");
        event.put("kind", "Event");
        event.putObject("metadata").put("name", plan.target().deployment() + ".pitwall-" + plan.id().substring(0, 8))
                .put("namespace", plan.target().namespace());
        ObjectNode involved = event.putObject("involvedObject");
        involved.put("apiVersion", "apps/v1").put("kind", "Deployment").put("namespace", plan.target().namespace())
                .put("name", plan.target().deployment());
        event.put("reason", "Pitwall" + reasonOf(plan.kind()));
        event.put("message", plan.kind().id() + " by " + actor.user() + " (" + actor.role() + ", operation " + plan.id() + "): " + outcome);
        event.put("type", outcome.equals("done") ? "Normal" : "Warning");
        String now = Instant.now().toString();
        event.put("firstTimestamp", now).put("lastTimestamp", now).put("count", 1);
        event.putObject("source").put("component", "pitwall");
        try {
            send(plan, HOUSEKEEPING, new KubeRequest("create", "", "v1", "Event", "events", "", plan.target().namespace(),
                    "", "", JSON.writeValueAsString(event)), false);
        } catch (RuntimeException e) {
            LOG.warn("could not leave an Event on {}: {}", plan.target().deployment(), e.getMessage());
        }
    }

    /** Journals and sends a request that is part of the plan's paperwork (its approval), not one of its steps. */
    KubeWriter.Answer sendPaperwork(Plan plan, KubeRequest request) {
        return send(plan, HOUSEKEEPING, request, false);
    }

    KubernetesClient client() {
        return client;
    }

    /** "KillPods" for kill-pods. */
    private static String reasonOf(OperationKind kind) {
        StringBuilder reason = new StringBuilder();
        for (String word : kind.id().split("-")) {
            reason.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return reason.toString();
    }

    /** Journals a request, sends it, and journals its outcome: nothing reaches the server unjournaled. */
    private KubeWriter.Answer send(Plan plan, int step, KubeRequest request, boolean dryRun) {
        journal.request(plan, actor, step, request, dryRun);
        try {
            KubeWriter.Answer answer = writer.send(request, dryRun);
            journal.outcome(plan, actor, step, answer.code(), "ok", dryRun);
            return answer;
        } catch (KubeWriter.Refused refused) {
            journal.outcome(plan, actor, step, refused.code(), refused.getMessage(), dryRun);
            throw refused;
        }
    }
}
