package dev.pitwall.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pitwall.sandbox.dataplane.LoadGenerator;
import dev.pitwall.sandbox.dataplane.LoadSummary;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;

/** Traffic through the sandbox's gateways: weights, rollouts, kills and overload behave as the traffic model says. */
class TrafficTest {

    @TempDir
    static Path dir;
    static Sandbox sandbox;
    static Kubectl kubectl;
    static KubernetesClient lead;
    static Vertx vertx;

    @BeforeAll
    static void start() {
        sandbox = TestSandboxes.start(TestSandboxes.preset("traffic.yaml"), dir);
        kubectl = new Kubectl(sandbox.kubeconfig());
        lead = TestSandboxes.client(sandbox, SandboxIdentity.LEAD);
        vertx = Vertx.vertx();
        TestSandboxes.awaitSteady(sandbox, lead);
    }

    @AfterAll
    static void stop() {
        vertx.close();
        lead.close();
        sandbox.close();
    }

    private static String gateway(String model) {
        return sandbox.dataPlane().gatewayUrls().get(model);
    }

    private static void weights(int primary, int standby) {
        kubectl.run("patch", "httproute", "scorer", "--type=json", "-p",
                "[{\"op\":\"replace\",\"path\":\"/spec/rules/0/backendRefs/0/weight\",\"value\":" + primary + "},"
                        + "{\"op\":\"replace\",\"path\":\"/spec/rules/0/backendRefs/1/weight\",\"value\":" + standby + "}]")
                .assertOk();
    }

    @Test
    void aRoutePatchedTo90And10SplitsTenThousandRequestsSo() {
        weights(90, 10);
        try {
            TestSandboxes.await(Duration.ofSeconds(2), "the gateway to follow the route",
                    () -> sandbox.dataPlane().weights("scorer").equals(Map.of("scorer-primary", 90, "scorer-standby", 10)));
            Map<String, Long> before = GatewayMetrics.byBackend(gateway("scorer"), null);
            LoadGenerator load = LoadGenerator.start(vertx, gateway("scorer"), "scorer", 1000);
            TestSandboxes.await(Duration.ofSeconds(40), "10,000 requests", () -> load.summary().completed() >= 10_000);
            LoadSummary summary = load.stop(5_000);
            Map<String, Long> after = GatewayMetrics.byBackend(gateway("scorer"), null);

            long primary = after.getOrDefault("scorer-primary", 0L) - before.getOrDefault("scorer-primary", 0L);
            long standby = after.getOrDefault("scorer-standby", 0L) - before.getOrDefault("scorer-standby", 0L);
            double share = 100.0 * primary / (primary + standby);
            assertTrue(primary + standby >= 10_000, "counted " + (primary + standby));
            assertTrue(Math.abs(share - 90) <= 3, "primary took " + share + " %");
            assertEquals(0, summary.errors(), summary.describe());
        } finally {
            weights(100, 0);
        }
    }

    @Test
    void aRollingRestartUnderLoadLosesNoRequest() {
        LoadGenerator load = LoadGenerator.start(vertx, gateway("scorer"), "scorer", 200);
        sleep(1000);
        kubectl.run("rollout", "restart", "deployment/scorer-primary").assertOk();
        kubectl.run(90, "rollout", "status", "deployment/scorer-primary", "--timeout=80s").assertOk();
        sleep(1500);
        LoadSummary summary = load.stop(5_000);

        assertTrue(summary.sent() > 500, summary.describe());
        assertEquals(0, summary.errors(), "a rolling restart lost requests: " + summary.describe());
    }

    @Test
    void forceDeletingAServingPodLosesSome() {
        LoadGenerator load = LoadGenerator.start(vertx, gateway("scorer"), "scorer", 400);
        sleep(1000);
        String victim = kubectl.run("get", "pods", "-l", "app.kubernetes.io/name=scorer,pitwall.dev/track=primary",
                "-o", "jsonpath={.items[0].metadata.name}").assertOk().out();
        kubectl.run("delete", "pod", victim, "--grace-period=0", "--force").assertOk();
        sleep(1500);
        LoadSummary summary = load.stop(5_000);

        assertTrue(summary.errors() > 0, "killing a serving pod should drop its requests: " + summary.describe());
        assertTrue(summary.succeeded() > summary.errors(), "the other pod kept serving: " + summary.describe());
        TestSandboxes.awaitSteady(sandbox, lead);
    }

    @Test
    void loadAboveCapacityRaisesLatencyAndThenRefuses() {
        LoadSummary light = run("tiny", 15, 5_000);
        LoadSummary heavy = run("tiny", 45, 8_000);
        LoadSummary over = run("tiny", 150, 4_000);

        assertEquals(0, light.errors(), light.describe());
        assertTrue(heavy.p99Millis() > 1.5 * light.p99Millis(),
                "queueing near capacity: p99 " + light.p99Millis() + " ms at 30 %, " + heavy.p99Millis() + " ms at 90 %");
        assertTrue(over.byStatus().getOrDefault(503, 0L) > 0, "past capacity the server refuses: " + over.describe());
        assertTrue(over.p99Millis() > light.p99Millis(), over.describe());
    }

    private static LoadSummary run(String model, double rate, long millis) {
        LoadGenerator load = LoadGenerator.start(vertx, gateway(model), model, rate);
        sleep(millis);
        return load.stop(5_000);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
