package dev.pitwall.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * {@code kubectl drain} respects PodDisruptionBudgets: with both replicas of a model on the
 * drained node and a budget of one disruption, the second eviction is refused (429) until the
 * first pod's replacement is Ready elsewhere; in the end every pod runs on the other node.
 */
class DrainTest {

    @TempDir
    Path dir;

    @Test
    void drainEvictsWithinTheBudgetAndPodsAreRescheduled() {
        try (Sandbox sandbox = TestSandboxes.start(TestSandboxes.preset("drain.yaml"), dir);
             KubernetesClient lead = TestSandboxes.client(sandbox, SandboxIdentity.LEAD)) {
            TestSandboxes.awaitSteady(sandbox, lead);
            assertTrue(pods(lead).stream().allMatch(pod -> "sandbox-node-1".equals(pod.getSpec().getNodeName())));
            Node spare = lead.nodes().resource(new NodeBuilder().withNewMetadata().withName("sandbox-node-2")
                    .addToLabels("kubernetes.io/hostname", "sandbox-node-2").endMetadata()
                    .withNewSpec().endSpec()
                    .withNewStatus().addToAllocatable("cpu", new Quantity("8")).addToAllocatable("pods", new Quantity("110"))
                    .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady").endCondition()
                    .addNewAddress().withType("InternalIP").withAddress("127.0.1.2").endAddress()
                    .endStatus().build()).create();
            assertEquals("sandbox-node-2", spare.getMetadata().getName());

            Kubectl kubectl = new Kubectl(sandbox.kubeconfig());
            Kubectl.Result drain = kubectl.run(90, "--context", sandbox.context(SandboxIdentity.LEAD), "drain", "sandbox-node-1",
                    "--ignore-daemonsets", "--timeout=80s");

            assertEquals(0, drain.exitCode(), drain.all());
            assertTrue(drain.all().contains("Cannot evict pod as it would violate the pod's disruption budget"), drain.all());
            assertTrue(drain.all().contains("node/sandbox-node-1 drained"), drain.all());
            assertTrue(kubectl.run("get", "node", "sandbox-node-1").out().contains("SchedulingDisabled"));
            TestSandboxes.await(Duration.ofSeconds(20), "both replicas Ready on sandbox-node-2", () -> {
                List<Pod> pods = pods(lead);
                return pods.size() == 2 && pods.stream().allMatch(pod -> "sandbox-node-2".equals(pod.getSpec().getNodeName())
                        && pod.getStatus().getContainerStatuses() != null
                        && pod.getStatus().getContainerStatuses().getFirst().getReady());
            });
        }
    }

    private static List<Pod> pods(KubernetesClient client) {
        return client.pods().inNamespace("models").withLabel("app.kubernetes.io/name", "scorer").list().getItems().stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null).toList();
    }
}
