package dev.pitwall.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The API server's pod and service proxies, as kubectl uses them: a pod's /metrics read through
 * the API server (what Pitwall's direct-scrape fallback reads), and a Prometheus outside the
 * cluster announced as the Service monitoring/prometheus (what Pitwall finds and queries), with
 * RBAC and clear errors.
 */
class ProxyTest {

    @TempDir
    Path dir;

    @Test
    void readsAPodsMetricsThroughTheApiServer() {
        try (Sandbox sandbox = TestSandboxes.start("two-active-standby", dir);
             KubernetesClient lead = TestSandboxes.client(sandbox, SandboxIdentity.LEAD)) {
            TestSandboxes.awaitSteady(sandbox, lead);
            String pod = lead.pods().inNamespace("models").withLabel("app.kubernetes.io/name", "sentiment").list().getItems()
                    .getFirst().getMetadata().getName();
            Kubectl kubectl = new Kubectl(sandbox.kubeconfig());

            Kubectl.Result metrics = kubectl.run("--context", sandbox.context(SandboxIdentity.VIEWER), "get", "--raw",
                    "/api/v1/namespaces/models/pods/" + pod + "/proxy/metrics").assertOk();
            assertTrue(metrics.out().contains("# TYPE model_requests_total counter"), metrics.out());

            Kubectl.Result wrongPort = kubectl.run("--context", sandbox.context(SandboxIdentity.VIEWER), "get", "--raw",
                    "/api/v1/namespaces/models/pods/" + pod + ":1/proxy/metrics");
            assertTrue(wrongPort.exitCode() != 0 && wrongPort.err().contains("error trying to reach pod " + pod), wrongPort.all());

            Kubectl.Result missing = kubectl.run("--context", sandbox.context(SandboxIdentity.VIEWER), "get", "--raw",
                    "/api/v1/namespaces/models/pods/no-such-pod/proxy/metrics");
            assertTrue(missing.err().contains("not found"), missing.all());

            Kubectl.Result post = kubectl.run("--context", sandbox.context(SandboxIdentity.VIEWER), "create", "--raw",
                    "/api/v1/namespaces/models/pods/" + pod + "/proxy/metrics", "-f", "/dev/null");
            assertEquals(true, post.exitCode() != 0, "the viewer may not post through the proxy: " + post.all());
        }
    }

    @Test
    void reachesAnAnnouncedPrometheusThroughItsService() throws Exception {
        try (Sandbox sandbox = TestSandboxes.start("two-active-standby", dir);
             dev.pitwall.metrics.FaultyPrometheus prometheus = new dev.pitwall.metrics.FaultyPrometheus()) {
            prometheus.answer(dev.pitwall.metrics.FaultyPrometheus.vector("fraud-detector-primary", "12.5"));
            Kubectl kubectl = new Kubectl(sandbox.kubeconfig());
            String viewer = sandbox.context(SandboxIdentity.VIEWER);

            Kubectl.Result none = kubectl.run("--context", viewer, "get", "--raw",
                    "/api/v1/namespaces/monitoring/services/prometheus:web/proxy/api/v1/query?query=up");
            assertTrue(none.exitCode() != 0 && none.err().contains("not found"), none.all());

            sandbox.announcePrometheus(prometheus.url());
            Kubectl.Result answer = kubectl.run("--context", viewer, "get", "--raw",
                    "/api/v1/namespaces/monitoring/services/prometheus:web/proxy/api/v1/query?query=up").assertOk();
            assertTrue(answer.out().contains("\"value\":[1,\"12.5\"]"), answer.out());
            Kubectl.Result found = kubectl.run("--context", viewer, "get", "services", "-A", "-l", "app.kubernetes.io/name=prometheus",
                    "-o", "name").assertOk();
            assertEquals("service/prometheus", found.out().trim());

            int port = prometheus.port();
            prometheus.close();
            Kubectl.Result down = kubectl.run("--context", viewer, "get", "--raw",
                    "/api/v1/namespaces/monitoring/services/prometheus:web/proxy/api/v1/query?query=up");
            assertTrue(down.exitCode() != 0 && down.err().contains("error trying to reach service prometheus at 127.0.0.1:" + port),
                    down.all());
        }
    }
}
