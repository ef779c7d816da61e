package dev.pitwall.app.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.pitwall.ops.Executor;
import dev.pitwall.ops.OperationJournal;
import dev.pitwall.ops.Plan;
import dev.pitwall.sandbox.Sandbox;
import dev.pitwall.sandbox.SandboxIdentity;
import dev.pitwall.sandbox.TestSandboxes;
import dev.pitwall.sandbox.apiserver.RequestRecord;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import tools.jackson.databind.JsonNode;

/**
 * The operation commands against the sandbox and its identities: what the viewer cannot do, that
 * every mutating request the API server receives was journaled before it, that a second operator
 * is told who holds a service, and that the journal shows tampering.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationCommandsTest {

    /** A mutating request as the sandbox received it, and when. */
    record Received(Instant at, RequestRecord request) {
    }

    private Path dir;
    private Sandbox sandbox;
    private KubernetesClient lead;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startSandbox() throws java.io.IOException {
        dir = Files.createTempDirectory("pitwall-ops");
        System.setProperty("pitwall.home", dir.resolve("home").toString());
        sandbox = TestSandboxes.start("two-active-standby", dir);
        sandbox.apiServer().addObserver(request -> {
            if (request.mutating() && !request.user().equals(SandboxIdentity.CONTROLLERS.userName())) {
                received.add(new Received(Instant.now(), request));
            }
        });
        lead = TestSandboxes.client(sandbox, SandboxIdentity.LEAD);
        TestSandboxes.awaitSteady(sandbox, lead);
    }

    @AfterAll
    void stopSandbox() {
        lead.close();
        sandbox.close();
        System.clearProperty("pitwall.home");
    }

    private static PitwallCli.Run pitwall(String... args) {
        return PitwallCli.run(args);
    }

    private PitwallCli.Run as(SandboxIdentity identity, String... args) {
        return PitwallCli.as(sandbox, identity, args);
    }

    private Path journal() {
        return dir.resolve("home").resolve("journal.jsonl");
    }

    @Test
    void theViewerCannotCauseOneMutatingRequestByAnyCommand() {
        List<String[]> commands = List.of(
                new String[] {"restart", "models/fraud-detector-primary"},
                new String[] {"restart", "models/fraud-detector-primary", "--confirm", "fraud-detector-primary"},
                new String[] {"restart", "models/fraud-detector-primary", "--dry-run"},
                new String[] {"scale", "models/fraud-detector-primary", "--replicas", "0", "--confirm", "fraud-detector-primary"},
                new String[] {"pause", "models/fraud-detector-primary", "--confirm", "fraud-detector-primary"},
                new String[] {"resume", "models/fraud-detector-primary", "--confirm", "fraud-detector-primary"},
                new String[] {"rollback", "models/sentiment-primary", "--confirm", "sentiment-primary"},
                new String[] {"kill-pods", "models/fraud-detector-primary", "--count", "2", "--confirm", "fraud-detector-primary"},
                new String[] {"kill-pods", "models/fraud-detector-primary", "--percent", "100", "--evict", "--confirm", "x"});
        for (String[] command : commands) {
            PitwallCli.Run run = as(SandboxIdentity.VIEWER, command);
            if (command[0].equals("rollback") && run.exit() == 2) {
                continue; // no earlier revision to plan from: refused before the guard, equally harmless
            }
            assertEquals(4, run.exit(), String.join(" ", command) + ":\n" + run.output());
            assertTrue(run.output().contains("viewer is a viewer"), run.output());
        }
        PitwallCli.Run approve = as(SandboxIdentity.VIEWER, "approvals", "approve", "00000000");
        assertEquals(4, approve.exit(), approve.output());
        assertEquals(List.of(), received.stream().filter(r -> r.request().user().equals("viewer")).toList(),
                "mutating requests the viewer caused");
    }

    @Test
    void everyMutatingRequestWasJournaledBeforeTheServerReceivedIt() throws Exception {
        String target = "models/recommender-primary";
        assertEquals(0, as(SandboxIdentity.OPERATOR, "restart", target, "--confirm", "recommender-primary").exit());
        assertEquals(0, as(SandboxIdentity.OPERATOR, "scale", target, "--replicas", "3", "--confirm", "recommender-primary").exit());
        assertEquals(0, as(SandboxIdentity.OPERATOR, "pause", target).exit());
        assertEquals(0, as(SandboxIdentity.OPERATOR, "resume", target).exit());
        PitwallCli.Run kill = as(SandboxIdentity.OPERATOR, "kill-pods", target, "--count", "1", "--confirm", "recommender-primary");
        assertEquals(0, kill.exit(), kill.output());
        PitwallCli.Run evict = as(SandboxIdentity.OPERATOR, "kill-pods", target, "--count", "1", "--evict", "--confirm", "recommender-primary");
        assertTrue(evict.exit() == 0 || evict.output().contains("PodDisruptionBudget"), evict.output());
        PitwallCli.Run rollback = as(SandboxIdentity.OPERATOR, "rollback", target, "--confirm", "recommender-primary");
        assertEquals(0, rollback.exit(), rollback.output());
        assertEquals(0, as(SandboxIdentity.OPERATOR, "scale", target, "--replicas", "2", "--confirm", "recommender-primary").exit());

        List<JsonNode> requests = new OperationJournal(new dev.pitwall.audit.AuditJournal(journal())).audit().read().stream()
                .filter(record -> record.path("event").asString("").endsWith("request"))
                .filter(record -> record.path("who").asString("").equals("operator")).toList();
        List<Received> operatorRequests = received.stream().filter(r -> r.request().user().equals("operator")).toList();
        assertTrue(operatorRequests.size() >= 20, "the operations sent " + operatorRequests.size() + " requests");
        assertEquals(operatorRequests.size(), requests.size(), "journaled requests against requests received");
        for (int i = 0; i < operatorRequests.size(); i++) {
            RequestRecord request = operatorRequests.get(i).request();
            JsonNode record = requests.get(i);
            assertEquals(request.method() + " " + request.path(), record.path("request").asString(), "request " + i);
            Instant journaled = Instant.parse(record.path("time").asString());
            assertTrue(!journaled.isAfter(operatorRequests.get(i).at()), "request " + i + " journaled at " + journaled
                    + ", received at " + operatorRequests.get(i).at());
        }
        Deployment after = lead.apps().deployments().inNamespace("models").withName("recommender-primary").get();
        assertEquals(2, after.getStatus().getAvailableReplicas());
        assertEquals(0, pitwall("audit", "verify").exit());
    }

    @Test
    void aSecondOperatorIsToldWhoHoldsTheService() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> outcome = new AtomicReference<>();
        Thread first;
        try (Operations operations = Operations.open(List.of(sandbox.kubeconfig()), sandbox.context(SandboxIdentity.LEAD), null)) {
            Plan plan = operations.planner().pause("models", "sentiment-standby");
            Executor executor = operations.executor();
            first = Thread.ofPlatform().start(() -> outcome.set(executor.run(plan, "click", "", (step, status) -> {
                holding.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, () -> false)));
            assertTrue(holding.await(30, TimeUnit.SECONDS), "the first operation started");

            int before = received.size();
            PitwallCli.Run second = as(SandboxIdentity.OPERATOR, "restart", "models/sentiment-primary", "--confirm", "sentiment-primary");
            assertEquals(4, second.exit(), second.output());
            assertTrue(second.output().contains("models/sentiment is held by lead (pitwall pid " + ProcessHandle.current().pid()),
                    second.output());
            assertEquals(before, received.size(), "requests sent by the refused operator");
            release.countDown();
            first.join(30_000);
        }
        assertEquals("done", outcome.get());
        // released at the end: the second operator may go on now
        assertEquals(0, as(SandboxIdentity.OPERATOR, "resume", "models/sentiment-standby").exit());
    }

    @Test
    void auditVerifyNamesTheRecordThatWasEditedOrDeleted() throws Exception {
        assertEquals(0, as(SandboxIdentity.OPERATOR, "pause", "models/fraud-detector-standby").exit());
        assertEquals(0, as(SandboxIdentity.OPERATOR, "resume", "models/fraud-detector-standby").exit());
        Path original = journal();
        List<String> lines = Files.readAllLines(original, StandardCharsets.UTF_8);
        assertTrue(lines.size() >= 8);
        Path saved = dir.resolve("journal.saved");
        Files.copy(original, saved);
        try {
            List<String> edited = new ArrayList<>(lines);
            edited.set(4, edited.get(4).replace("\"who\":\"operator\"", "\"who\":\"someone\""));
            Files.write(original, edited, StandardCharsets.UTF_8);
            PitwallCli.Run verify = pitwall("audit", "verify");
            assertEquals(1, verify.exit(), verify.output());
            assertTrue(verify.output().contains("line 5: its content was changed"), verify.output());

            List<String> deleted = new ArrayList<>(lines);
            deleted.remove(2);
            Files.write(original, deleted, StandardCharsets.UTF_8);
            verify = pitwall("audit", "verify");
            assertEquals(1, verify.exit(), verify.output());
            assertTrue(verify.output().contains("line 3: does not follow the record before it"), verify.output());
        } finally {
            Files.copy(saved, original, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        assertEquals(0, pitwall("audit", "verify").exit());
    }

    @Test
    void killedMidRestartItShowsInterruptedAndResumesToTheSameEndState() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Dpitwall.home=" + dir.resolve("home"), "-cp", System.getProperty("java.class.path"),
                "dev.pitwall.app.Main", "restart", "models/sentiment-primary", "--context", sandbox.context(SandboxIdentity.OPERATOR),
                "--kubeconfig", sandbox.kubeconfig().toString(), "--confirm", "sentiment-primary")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            // kill it once the template patch is journaled as done and before the rollout completes
            TestSandboxes.await(Duration.ofSeconds(60), "the restart's first step done", () -> Files.exists(journal())
                    && lines().stream().anyMatch(line -> line.contains("\"event\":\"step done\"") && line.contains("sentiment-primary")
                    && line.contains("\"step\":0")));
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        PitwallCli.Run list = pitwall("ops", "list");
        String line = list.output().lines().filter(l -> l.contains("sentiment-primary") && l.contains("restart")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError(list.output()));
        assertTrue(line.contains("INTERRUPTED after step 1 of 2"), list.output());
        String id = line.substring(0, 36);

        // resume and abort act only in the context the operation ran in
        for (String verb : List.of("resume", "abort")) {
            PitwallCli.Run elsewhere = pitwall("ops", verb, id.substring(0, 8), "--context", sandbox.context(SandboxIdentity.LEAD),
                    "--kubeconfig", sandbox.kubeconfig().toString());
            assertEquals(2, elsewhere.exit(), elsewhere.output());
            assertTrue(elsewhere.output().contains("ran in " + sandbox.context(SandboxIdentity.OPERATOR) + ", not "
                    + sandbox.context(SandboxIdentity.LEAD)), elsewhere.output());
        }
        PitwallCli.Run resume = as(SandboxIdentity.OPERATOR, "ops", "resume", id.substring(0, 8));
        assertEquals(0, resume.exit(), resume.output());
        assertTrue(resume.output().contains("successfully rolled out"), resume.output());

        Deployment restarted = lead.apps().deployments().inNamespace("models").withName("sentiment-primary").get();
        String restartedAt = restarted.getSpec().getTemplate().getMetadata().getAnnotations().get("kubectl.kubernetes.io/restartedAt");
        assertTrue(restartedAt != null && !restartedAt.isEmpty());
        // the same end state as an uninterrupted run: every replica updated and available, no old pod left
        assertEquals(restarted.getSpec().getReplicas(), restarted.getStatus().getUpdatedReplicas());
        assertEquals(restarted.getSpec().getReplicas(), restarted.getStatus().getAvailableReplicas());
        assertEquals(restarted.getSpec().getReplicas(), restarted.getStatus().getReplicas());
        assertTrue(pitwall("ops", "list").output().lines().anyMatch(l -> l.startsWith(id) && l.endsWith("done")));
    }

    private List<String> lines() {
        try (Stream<String> lines = Files.lines(journal())) {
            return lines.toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private String policy(String name) {
        try {
            return Path.of(getClass().getResource("testdata/" + name).toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command in the background: it may wait for an approval. */
    private java.util.concurrent.CompletableFuture<PitwallCli.Run> inBackground(SandboxIdentity identity, String... args) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> as(identity, args), Thread::startVirtualThread);
    }

    private String pendingApprovalFor(String target) {
        AtomicReference<String> id = new AtomicReference<>();
        TestSandboxes.await(Duration.ofSeconds(30), "an approval request for " + target, () -> {
            PitwallCli.Run list = as(SandboxIdentity.LEAD, "approvals", "list");
            list.output().lines().filter(line -> line.contains(target) && line.contains("pending")).findFirst()
                    .ifPresent(line -> id.set(line.substring(0, 36)));
            return id.get() != null;
        });
        return id.get();
    }

    @Test
    void aSecondPersonApprovesAndOnlyThenTheRequesterRunsIt() throws Exception {
        String twoPerson = policy("two-person-policy.yaml");
        int podsBefore = lead.pods().inNamespace("models").withLabel("app.kubernetes.io/name", "fraud-detector").list().getItems().size();
        var requester = inBackground(SandboxIdentity.OPERATOR, "kill-pods", "models/fraud-detector-standby", "--count", "1",
                "--confirm", "fraud-detector-standby", "--policy", twoPerson);
        String id = pendingApprovalFor("models/fraud-detector-standby");

        PitwallCli.Run self = as(SandboxIdentity.OPERATOR, "approvals", "approve", id.substring(0, 8), "--policy", twoPerson);
        assertEquals(4, self.exit(), self.output());
        assertTrue(self.output().contains("operator cannot approve their own request"), self.output());
        assertTrue(!requester.isDone(), "the requester still waits");

        PitwallCli.Run approve = as(SandboxIdentity.LEAD, "approvals", "approve", id.substring(0, 8), "--policy", twoPerson);
        assertEquals(0, approve.exit(), approve.output());
        PitwallCli.Run requested = requester.get(60, TimeUnit.SECONDS);
        assertEquals(0, requested.exit(), requested.output());
        assertTrue(requested.output().contains("Approved by lead."), requested.output());
        assertTrue(requested.output().contains("Done: Kill 1 of 1 pods of fraud-detector-standby"), requested.output());
        List<JsonNode> planned = new dev.pitwall.audit.AuditJournal(journal()).read().stream()
                .filter(r -> r.path("event").asString("").equals("planned") && r.path("operation").asString("").equals(id)).toList();
        assertEquals("two-person", planned.getFirst().path("confirmation").asString());
        assertEquals("lead", planned.getFirst().path("approver").asString());
        TestSandboxes.await(Duration.ofSeconds(30), "the killed pod replaced", () -> lead.pods().inNamespace("models")
                .withLabel("app.kubernetes.io/name", "fraud-detector").list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).count() == podsBefore);
    }

    @Test
    void anExpiredApprovalRequestApprovesNothing() throws Exception {
        String twoPerson = policy("two-person-policy.yaml");
        List<String> podsBefore = standbyPods();
        var requester = inBackground(SandboxIdentity.OPERATOR, "kill-pods", "models/sentiment-standby", "--count", "1",
                "--confirm", "sentiment-standby", "--policy", twoPerson, "--approval-expiry", "3");
        String id = pendingApprovalFor("models/sentiment-standby");
        PitwallCli.Run requested = requester.get(30, TimeUnit.SECONDS);
        assertEquals(4, requested.exit(), requested.output());
        assertTrue(requested.output().contains("expired"), requested.output());
        PitwallCli.Run late = as(SandboxIdentity.LEAD, "approvals", "approve", id.substring(0, 8), "--policy", twoPerson);
        assertEquals(4, late.exit(), late.output());
        assertTrue(late.output().contains("expired"), late.output());
        assertEquals(podsBefore, standbyPods(), "no pod of sentiment-standby was killed");
    }

    private List<String> standbyPods() {
        return lead.pods().inNamespace("models").withLabel("app.kubernetes.io/name", "sentiment").list().getItems().stream()
                .filter(p -> p.getMetadata().getName().startsWith("sentiment-standby") && p.getMetadata().getDeletionTimestamp() == null)
                .map(p -> p.getMetadata().getName()).sorted().toList();
    }

    @Test
    void abortingARollingRestartPausesItAndPutsThePreviousRevisionBack() throws Exception {
        String name = "fraud-detector-primary";
        java.util.Map<String, String> before = java.util.Objects.requireNonNullElse(lead.apps().deployments().inNamespace("models")
                .withName(name).get().getSpec().getTemplate().getMetadata().getAnnotations(), java.util.Map.of());
        java.util.concurrent.atomic.AtomicBoolean abort = new java.util.concurrent.atomic.AtomicBoolean();
        String outcome;
        try (Operations operations = Operations.open(List.of(sandbox.kubeconfig()), sandbox.context(SandboxIdentity.OPERATOR), null)) {
            Plan plan = operations.planner().restart("models", name);
            outcome = operations.executor().run(plan, "click", "", (step, status) -> {
                if (status.startsWith("Waiting for deployment")) {
                    abort.set(true);
                }
            }, abort::get);
        }
        assertTrue(outcome.startsWith("aborted") && outcome.endsWith("paused and rolled back to the previous revision"), outcome);
        TestSandboxes.await(Duration.ofSeconds(60), "the previous revision back and rolled out", () -> {
            Deployment now = lead.apps().deployments().inNamespace("models").withName(name).get();
            java.util.Map<String, String> annotations = java.util.Objects.requireNonNullElse(
                    now.getSpec().getTemplate().getMetadata().getAnnotations(), java.util.Map.of());
            return !Boolean.TRUE.equals(now.getSpec().getPaused())
                    && java.util.Objects.equals(annotations.get("kubectl.kubernetes.io/restartedAt"),
                    before.get("kubectl.kubernetes.io/restartedAt"))
                    && now.getStatus().getUpdatedReplicas() != null
                    && now.getStatus().getUpdatedReplicas().equals(now.getSpec().getReplicas())
                    && now.getSpec().getReplicas().equals(now.getStatus().getReplicas())
                    && now.getSpec().getReplicas().equals(now.getStatus().getAvailableReplicas());
        });
    }

    @Test
    void aPolicyInTheClusterAppliesTooAndTheStricterWins() {
        var policy = new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("pitwall-policy")
                .withNamespace("pitwall-system").endMetadata().addToData("policy.yaml", """
                        roles:
                          - {role: operator, groups: ["pitwall:operators"]}
                        environments:
                          - {name: production, contexts: ["sandbox-*"]}
                        operations:
                          restart: {role: operator, confirm: {"*": type-name}}
                          scale: {role: operator, confirm: {"*": type-name}}
                          pause: {role: operator, confirm: {"*": type-name}}
                          resume: {role: operator, confirm: {"*": type-name}}
                          rollback: {role: operator, confirm: {"*": type-name}}
                          kill-pods: {role: operator, confirm: {"*": two-person}}
                        """).build();
        lead.resource(policy).create();
        try {
            PitwallCli.Run run = as(SandboxIdentity.OPERATOR, "restart", "models/sentiment-standby", "--confirm", "yes");
            assertEquals(4, run.exit(), run.output());
            assertTrue(run.output().contains("in sandbox-operator (production)"), run.output());
            assertTrue(run.output().contains("confirmation: type-name"), run.output());
            assertTrue(run.output().contains("'yes' is not the target's name (sentiment-standby)"), run.output());
        } finally {
            lead.resource(policy).delete();
        }
        PitwallCli.Run local = as(SandboxIdentity.OPERATOR, "pause", "models/sentiment-standby", "--dry-run");
        assertTrue(local.output().contains("in sandbox-operator (development)"), local.output());
    }

    @Test
    void killingPodsNeverGoesBeyondThePolicysBlastRadius() {
        String policy = policy("blast-radius-policy.yaml");
        int before = received.size();
        PitwallCli.Run tooMany = as(SandboxIdentity.OPERATOR, "kill-pods", "models/fraud-detector-primary", "--count", "2", "--confirm", "x",
                "--policy", policy);
        assertEquals(4, tooMany.exit(), tooMany.output());
        assertTrue(tooMany.output().contains("kill-pods in development may touch at most 1 of the 2 pods"), tooMany.output());
        assertEquals(before, received.size(), "nothing was sent, not even a dry run");
        PitwallCli.Run within = as(SandboxIdentity.OPERATOR, "kill-pods", "models/fraud-detector-primary", "--count", "1", "--dry-run",
                "--policy", policy);
        assertEquals(0, within.exit(), within.output());
    }
}
