package dev.pitwall.sandbox;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The simulated kubelets and node lifecycle: a lost node's pods move, a crashing container restarts. */
class NodeAndKubeletTest {

    @TempDir
    Path dir;

    @Test
    void podsOfANodeThatIsNotReadyAreEvictedAndRescheduled() {
        try (Sandbox sandbox = TestSandboxes.start(TestSandboxes.preset("nodes.yaml"), dir);
             KubernetesClient lead = TestSandboxes.client(sandbox, SandboxIdentity.LEAD)) {
            TestSandboxes.awaitSteady(sandbox, lead);
            String lost = pods(lead).getFirst().getSpec().getNodeName();

            lead.nodes().resource(new NodeBuilder().withNewMetadata().withName(lost).endMetadata()
                    .withNewStatus().withConditions(new NodeConditionBuilder().withType("Ready").withStatus("False")
                            .withReason("KubeletStopped").withLastTransitionTime(java.time.Instant.now().toString()).build())
                    .endStatus().build()).patchStatus();

            TestSandboxes.await(Duration.ofSeconds(20), "3 Ready pods, none on " + lost, () -> {
                List<Pod> pods = pods(lead);
                return pods.size() == 3 && pods.stream().noneMatch(pod -> lost.equals(pod.getSpec().getNodeName()))
                        && pods.stream().allMatch(NodeAndKubeletTest::ready);
            });
            assertTrue(lead.nodes().withName(lost).get().getSpec().getTaints().stream()
                    .anyMatch(taint -> "node.kubernetes.io/not-ready".equals(taint.getKey())), "the lost node is tainted");
        }
    }

    @Test
    void aCrashingContainerRestartsWithBackOffAndCountsItsRestarts() {
        try (Sandbox sandbox = TestSandboxes.start(TestSandboxes.preset("nodes.yaml"), dir);
             KubernetesClient lead = TestSandboxes.client(sandbox, SandboxIdentity.LEAD)) {
            TestSandboxes.awaitSteady(sandbox, lead);
            lead.apps().deployments().inNamespace("models").withName("ranker-primary").edit(deployment -> {
                deployment.getSpec().getTemplate().getMetadata().getAnnotations().put("sandbox.pitwall.dev/crash-after-seconds", "0.5");
                return deployment;
            });
            TestSandboxes.await(Duration.ofSeconds(30), "a crashing pod with 2 restarts",
                    () -> pods(lead).stream().anyMatch(pod -> restarts(pod) >= 2));
            Kubectl.Result table = new Kubectl(sandbox.kubeconfig()).run("get", "pods", "-l", "app.kubernetes.io/name=ranker");
            assertTrue(table.out().contains("CrashLoopBackOff") || table.out().matches("(?s).*Running\\s+[2-9].*"), table.out());
            assertTrue(lead.apps().deployments().inNamespace("models").withName("ranker-primary").get().getStatus()
                    .getAvailableReplicas() >= 2, "maxUnavailable keeps the old pods serving while the new ones crash");
        }
    }

    private static int restarts(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return 0;
        }
        return pod.getStatus().getContainerStatuses().stream().mapToInt(s -> s.getRestartCount() == null ? 0 : s.getRestartCount())
                .max().orElse(0);
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static List<Pod> pods(KubernetesClient client) {
        return client.pods().inNamespace("models").list().getItems().stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null).toList();
    }
}
