package dev.pitwall.app.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import dev.pitwall.app.ExitCodes;
import dev.pitwall.ops.OperationJournal;
import dev.pitwall.sandbox.Kubectl;
import dev.pitwall.sandbox.Sandbox;
import dev.pitwall.sandbox.SandboxIdentity;
import dev.pitwall.sandbox.TestSandboxes;
import dev.pitwall.sandbox.dataplane.LoadGenerator;
import dev.pitwall.sandbox.dataplane.LoadSummary;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;

/**
 * Failover and failback end to end, by the commands an operator types, against the sandbox's
 * two-active-standby fleet under load at 70 % of the primary's capacity: the short standby is
 * scaled before any traffic moves, the move is verified and its recovery time journaled, a staged
 * failback onto a failing primary is stopped by its first gate, and the same flows work with a
 * blue/green Service selector.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverTest {

    /** 70 % of the primary's capacity: 2 pods of 200 requests/s. */
    static final double LOAD = 280;

    private Path dir;
    private Sandbox sandbox;
    private KubernetesClient lead;
    private Vertx vertx;
    private Kubectl kubectl;

    @BeforeAll
    void start() throws java.io.IOException {
        dir = Files.createTempDirectory("pitwall-failover");
        System.setProperty("pitwall.home", dir.resolve("home").toString());
        sandbox = TestSandboxes.start("two-active-standby", dir);
        lead = TestSandboxes.client(sandbox, SandboxIdentity.LEAD);
        TestSandboxes.awaitSteady(sandbox, lead);
        vertx = Vertx.vertx();
        kubectl = new Kubectl(sandbox.kubeconfig());
    }

    @AfterAll
    void stop() {
        vertx.close();
        lead.close();
        sandbox.close();
        System.clearProperty("pitwall.home");
    }

    private LoadGenerator load(String model) {
        return LoadGenerator.start(vertx, sandbox.dataPlane().gatewayUrls().get(model), model, LOAD);
    }

    private String weights(String route) {
        return kubectl.run("--context", sandbox.context(SandboxIdentity.VIEWER), "get", "httproute", route, "-n", "models", "-o",
                "jsonpath={.spec.rules[0].backendRefs[*].weight}").assertOk().out().trim();
    }

    private OperationJournal.Recorded last() {
        return Operations.localJournal().operations().getLast();
    }

    private static void assertFewFailures(LoadSummary summary) {
        assertTrue(summary.sent() > 0, summary.describe());
        assertTrue(summary.errors() <= summary.sent() / 1000, "at most 0.1 % failed: " + summary.describe());
    }

    @Test
    @Order(1)
    void aDryRunShowsThePreFlightChecksAndChangesNothing() {
        try (LoadGenerator load = load("recommender")) {
            TestSandboxes.await(Duration.ofSeconds(10), "load to flow", () -> load.summary().completed() > 100);
            PitwallCli.Run run = PitwallCli.as(sandbox, SandboxIdentity.OPERATOR, "failover", "recommender", "--dry-run");
            assertEquals(ExitCodes.OK, run.exit(), run.output());
            assertTrue(run.output().contains("Traffic now: primary 100 %, standby 0 % (httproute)"), run.output());
            assertTrue(run.output().matches("(?s).*Load now: (2[4-9][0-9]|3[0-2][0-9]) req/s.*"), run.output()); // 280/s, Poisson
            assertTrue(run.output().contains("Standby recommender-standby: 1 of 1 replicas ready"), run.output());
            assertTrue(run.output().contains("1 ready × 200 req/s per pod (annotation pitwall.dev/capacity-rps)"), run.output());
            assertTrue(run.output().matches("(?s).*scales it from 1 to [23] and waits.*"), run.output());
            assertTrue(run.output().contains("PodDisruptionBudget recommender-standby"), run.output());
            assertTrue(run.output().contains("No other operation holds recommender"), run.output());
            assertTrue(run.output().contains("Dry run only: nothing was changed."), run.output());
        }
        assertEquals("100 0", weights("recommender"));
        assertEquals(1, lead.apps().deployments().inNamespace("models").withName("recommender-standby").get().getSpec().getReplicas());
    }

    @Test
    @Order(2)
    void aShortStandbyIsScaledFirstAndAllTrafficMovesVerifiedWithoutA503Burst() {
        LoadSummary summary;
        PitwallCli.Run run;
        try (LoadGenerator load = load("fraud-detector")) {
            TestSandboxes.await(Duration.ofSeconds(10), "load to flow", () -> load.summary().completed() > 100);
            run = PitwallCli.as(sandbox, SandboxIdentity.OPERATOR, "failover", "fraud-detector", "--confirm", "fraud-detector");
            summary = load.stop(2000);
        }
        assertEquals(ExitCodes.OK, run.exit(), run.output());
        assertTrue(run.output().matches("(?s).*Scale the standby fraud-detector-standby from 1 to [23] replicas.*"), run.output());
        assertTrue(run.output().matches("(?s).*standby serves (9[5-9]|100)\\.[0-9] % of.*"), run.output()); // in-flight answers of the primary count too
        assertTrue(run.output().matches("(?s).*Recovery time: [0-9]+ ms.*"), run.output());
        assertEquals("0 100", weights("fraud-detector"));
        assertTrue(lead.apps().deployments().inNamespace("models").withName("fraud-detector-standby").get().getSpec().getReplicas() >= 2);
        assertTrue(last().recoveryMillis() > 0, "the recovery time is journaled");
        assertEquals("done", last().outcome());
        assertFewFailures(summary);
    }

    @Test
    @Order(3)
    void aStagedFailbackOntoAFailingPrimaryIsStoppedByItsFirstGateAndReturnsToTheStandby() {
        setErrorRate("fraud-detector-primary", "0.5");
        PitwallCli.Run run;
        try (LoadGenerator load = load("fraud-detector")) {
            TestSandboxes.await(Duration.ofSeconds(10), "load to flow", () -> load.summary().completed() > 100);
            run = PitwallCli.as(sandbox, SandboxIdentity.OPERATOR, "failback", "fraud-detector", "--bake", "5", "--confirm",
                    "fraud-detector");
        }
        assertEquals(ExitCodes.FAILED, run.exit(), run.output());
        assertTrue(run.output().contains("the gate at primary at 10 % failed"), run.output());
        assertTrue(run.output().contains("over the budget of 0.10 %"), run.output());
        assertTrue(run.output().contains("all traffic returned to the standby (primary 0 %, standby 100 %, verified)"), run.output());
        assertEquals("0 100", weights("fraud-detector"));
    }

    @Test
    @Order(4)
    void aStagedFailbackOntoARecoveredPrimaryPassesEveryGate() {
        setErrorRate("fraud-detector-primary", "0");
        PitwallCli.Run run;
        LoadSummary summary;
        try (LoadGenerator load = load("fraud-detector")) {
            TestSandboxes.await(Duration.ofSeconds(10), "load to flow", () -> load.summary().completed() > 100);
            run = PitwallCli.as(sandbox, SandboxIdentity.OPERATOR, "failback", "fraud-detector", "--bake", "2", "--confirm",
                    "fraud-detector");
            summary = load.stop(2000);
        }
        assertEquals(ExitCodes.OK, run.exit(), run.output());
        for (String stage : List.of("10", "50", "100")) {
            assertTrue(run.output().contains("gate passed at primary at " + stage + " %"), run.output());
        }
        assertEquals("100 0", weights("fraud-detector"));
        assertFewFailures(summary);
    }

    @Test
    @Order(5)
    void theSameFlowsWorkWithABlueGreenServiceSelector() {
        // blue/green: the route sends everything to the Service named after the model, which selects the live track
        lead.services().inNamespace("models").resource(new ServiceBuilder().withNewMetadata().withName("sentiment")
                .withNamespace("models").endMetadata().withNewSpec().withSelector(Map.of("app.kubernetes.io/name", "sentiment",
                        "pitwall.dev/track", "primary")).addNewPort().withPort(8080).withNewTargetPort(8080).endPort().endSpec().build())
                .create();
        kubectl.run("--context", sandbox.context(SandboxIdentity.LEAD), "patch", "httproute", "sentiment", "-n", "models",
                "--type=json", "-p", "[{\"op\":\"replace\",\"path\":\"/spec/rules/0/backendRefs\",\"value\":"
                        + "[{\"name\":\"sentiment\",\"port\":8080,\"weight\":100}]}]").assertOk();
        TestSandboxes.await(Duration.ofSeconds(5), "the gateway to route through the blue/green Service",
                () -> sandbox.dataPlane().weights("sentiment").equals(Map.of("sentiment", 100)));
        PitwallCli.Run over;
        PitwallCli.Run back;
        LoadSummary summary;
        try (LoadGenerator load = load("sentiment")) {
            TestSandboxes.await(Duration.ofSeconds(10), "load to flow", () -> load.summary().completed() > 100);
            over = PitwallCli.as(sandbox, SandboxIdentity.OPERATOR, "failover", "sentiment", "--confirm", "sentiment");
            back = PitwallCli.as(sandbox, SandboxIdentity.OPERATOR, "failback", "sentiment", "--at-once", "--bake", "2",
                    "--confirm", "sentiment");
            summary = load.stop(2000);
        }
        assertEquals(ExitCodes.OK, over.exit(), over.output());
        assertTrue(over.output().contains("(service-selector)"), over.output());
        assertTrue(over.output().matches("(?s).*standby serves (9[5-9]|100)\\.[0-9] % of.*"), over.output());
        assertEquals(ExitCodes.OK, back.exit(), back.output());
        assertTrue(back.output().contains("gate passed at primary at 100 %"), back.output());
        assertEquals("primary", lead.services().inNamespace("models").withName("sentiment").get().getSpec().getSelector()
                .get("pitwall.dev/track"));
        assertFewFailures(summary);
    }

    /** Rolls a track's Deployment out with another error rate, as a failing (or fixed) version would. */
    private void setErrorRate(String deployment, String rate) {
        lead.apps().deployments().inNamespace("models").withName(deployment).edit(d -> {
            d.getSpec().getTemplate().getMetadata().getAnnotations().put("sandbox.pitwall.dev/error-rate", rate);
            return d;
        });
        TestSandboxes.awaitSteady(sandbox, lead);
        TestSandboxes.await(Duration.ofSeconds(30), deployment + " rolled out", () -> {
            var d = lead.apps().deployments().inNamespace("models").withName(deployment).get();
            return d.getStatus() != null && d.getMetadata().getGeneration().equals(d.getStatus().getObservedGeneration())
                    && d.getSpec().getReplicas().equals(d.getStatus().getUpdatedReplicas())
                    && d.getSpec().getReplicas().equals(d.getStatus().getAvailableReplicas())
                    && d.getSpec().getReplicas().equals(d.getStatus().getReplicas());
        });
    }
}
