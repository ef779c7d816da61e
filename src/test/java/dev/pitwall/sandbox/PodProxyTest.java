package dev.pitwall.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The API server's pod proxy, as kubectl uses it: a pod's /metrics read through the API server
 * (what Pitwall's direct-scrape fallback will read), with RBAC and clear errors.
 */
class PodProxyTest {

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
}
