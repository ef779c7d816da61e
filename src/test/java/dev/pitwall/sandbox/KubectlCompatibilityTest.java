package dev.pitwall.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The real kubectl against the sandbox: the verbs an SRE uses during an incident all work. */
class KubectlCompatibilityTest {

    @TempDir
    static Path dir;
    static Sandbox sandbox;
    static Kubectl kubectl;
    static KubernetesClient client;

    @BeforeAll
    static void start() {
        sandbox = TestSandboxes.start("two-active-standby", dir);
        kubectl = new Kubectl(sandbox.kubeconfig());
        client = TestSandboxes.client(sandbox, SandboxIdentity.LEAD);
        TestSandboxes.awaitSteady(sandbox, client);
    }

    @AfterAll
    static void stop() {
        client.close();
        sandbox.close();
    }

    @Test
    void getPrintsKubectlsColumnsFromServerSidePrinting() {
        String deployments = kubectl.run("get", "deployments").assertOk().out();
        assertTrue(deployments.lines().findFirst().orElseThrow().matches("NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE"),
                deployments);
        assertTrue(deployments.contains("fraud-detector-primary") && deployments.contains("2/2"), deployments);

        String pods = kubectl.run("get", "pods", "-o", "wide").assertOk().out();
        assertTrue(pods.lines().findFirst().orElseThrow().startsWith("NAME"), pods);
        assertTrue(pods.contains("Running") && pods.contains("sandbox-node-") && pods.contains("127.10."), pods);

        String all = kubectl.run("get", "all").assertOk().out();
        assertTrue(all.contains("service/sentiment-primary") && all.contains("replicaset.apps/"), all);
    }

    @Test
    void aListReadInChunksHasEveryPodOnce() {
        String whole = kubectl.run("get", "pods", "-o", "name", "--chunk-size=0").assertOk().out();
        String chunked = kubectl.run("get", "pods", "-o", "name", "--chunk-size=2").assertOk().out();
        assertTrue(whole.lines().count() > 4, whole);
        assertEquals(whole.lines().sorted().toList(), chunked.lines().sorted().toList());
        String table = kubectl.run("get", "pods", "--chunk-size=3").assertOk().out();
        assertEquals(whole.lines().count() + 1, table.lines().count(), "the table has a header and every pod: " + table);
    }

    @Test
    void describeShowsTheDeploymentItsReplicaSetAndEvents() {
        String description = kubectl.run("describe", "deployment", "sentiment-standby").assertOk().out();
        assertTrue(description.contains("Replicas:               1 desired | 1 updated | 1 total | 1 available"), description);
        assertTrue(description.contains("NewReplicaSet:"), description);
        assertTrue(description.contains("ScalingReplicaSet"), description);

        String node = kubectl.run("describe", "node", "sandbox-node-1").assertOk().out();
        assertTrue(node.lines().anyMatch(line -> line.matches("\\s+Ready\\s+True\\s.*KubeletReady.*")), node);
        assertTrue(node.contains("Non-terminated Pods:"), node);
    }

    @Test
    void watchStreamsPodTransitionsAsTheyHappen() throws Exception {
        Path output = Files.createTempFile(dir, "watch", ".txt");
        Process watch = kubectl.start(output, "get", "pods", "-w", "-l", "app.kubernetes.io/name=fraud-detector,pitwall.dev/track=standby");
        try {
            String victim = podNames("app.kubernetes.io/name=fraud-detector,pitwall.dev/track=standby").getFirst();
            TestSandboxes.await(Duration.ofSeconds(10), "the watch lists the pod", () -> read(output).contains(victim));
            kubectl.run("delete", "pod", victim, "--wait=false").assertOk();
            TestSandboxes.await(Duration.ofSeconds(20), "the watch shows termination and a Ready replacement", () -> {
                String text = read(output);
                int terminating = text.indexOf("Terminating");
                return terminating > 0 && text.substring(terminating).lines().anyMatch(line -> !line.startsWith(victim)
                        && !line.startsWith("NAME") && line.matches("\\S+\\s+1/1\\s+Running\\s.*"));
            });
        } finally {
            watch.destroy();
        }
    }

    @Test
    void scaleChangesTheReplicas() {
        kubectl.run("scale", "deployment/recommender-standby", "--replicas=3").assertOk();
        TestSandboxes.await(Duration.ofSeconds(20), "3 available replicas", () -> "3".equals(
                kubectl.run("get", "deployment", "recommender-standby", "-o", "jsonpath={.status.availableReplicas}").out()));
        assertEquals(3, podNames("app.kubernetes.io/name=recommender,pitwall.dev/track=standby").size());
    }

    @Test
    void deletedPodIsReplaced() {
        List<String> before = podNames("app.kubernetes.io/name=sentiment,pitwall.dev/track=standby");
        kubectl.run("delete", "pod", before.getFirst()).assertOk();
        TestSandboxes.await(Duration.ofSeconds(20), "a Ready replacement", () -> {
            List<Pod> pods = client.pods().inNamespace("models")
                    .withLabel("app.kubernetes.io/name", "sentiment").withLabel("pitwall.dev/track", "standby").list().getItems();
            return pods.size() == 1 && !pods.getFirst().getMetadata().getName().equals(before.getFirst())
                    && "Running".equals(pods.getFirst().getStatus().getPhase())
                    && pods.getFirst().getStatus().getContainerStatuses().getFirst().getReady();
        });
    }

    @Test
    void rolloutRestartStatusHistoryAndUndo() {
        String oldReplicaSet = replicaSetOf("sentiment-primary");
        kubectl.run("rollout", "restart", "deployment/sentiment-primary").assertOk();
        Kubectl.Result status = kubectl.run(60, "rollout", "status", "deployment/sentiment-primary", "--timeout=50s").assertOk();
        assertTrue(status.out().contains("successfully rolled out"), status.out());
        String restarted = replicaSetOf("sentiment-primary");
        assertTrue(!restarted.equals(oldReplicaSet), "a new ReplicaSet");
        assertTrue(kubectl.run("rollout", "history", "deployment/sentiment-primary").assertOk().out().contains("2 "));

        kubectl.run("rollout", "undo", "deployment/sentiment-primary").assertOk();
        assertTrue(kubectl.run(60, "rollout", "status", "deployment/sentiment-primary", "--timeout=50s").assertOk().out()
                .contains("successfully rolled out"));
        assertEquals(oldReplicaSet, replicaSetOf("sentiment-primary"), "undo goes back to the previous ReplicaSet");
        assertEquals("3", kubectl.run("get", "deployment", "sentiment-primary", "-o",
                "jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}").out());
    }

    @Test
    void pauseHoldsARolloutAndResumeCompletesIt() {
        String before = replicaSetOf("fraud-detector-primary");
        kubectl.run("rollout", "pause", "deployment/fraud-detector-primary").assertOk();
        assertTrue(kubectl.run("rollout", "restart", "deployment/fraud-detector-primary").all()
                .contains("can't restart paused deployment"), "kubectl refuses to restart a paused deployment");
        kubectl.run("set", "image", "deployment/fraud-detector-primary",
                "model-server=registry.sandbox.local/fraud-detector:2.4.0").assertOk();
        TestSandboxes.await(Duration.ofSeconds(10), "the paused condition", () -> "DeploymentPaused".equals(kubectl.run("get",
                "deployment", "fraud-detector-primary", "-o",
                "jsonpath={.status.conditions[?(@.type==\"Progressing\")].reason}").out()));
        assertEquals(before, replicaSetOf("fraud-detector-primary"), "nothing rolls while paused");

        kubectl.run("rollout", "resume", "deployment/fraud-detector-primary").assertOk();
        assertTrue(kubectl.run(60, "rollout", "status", "deployment/fraud-detector-primary", "--timeout=50s").assertOk().out()
                .contains("successfully rolled out"));
        assertTrue(!before.equals(replicaSetOf("fraud-detector-primary")));
        assertTrue(kubectl.run("get", "pods", "-l", "app.kubernetes.io/name=fraud-detector,pitwall.dev/track=primary",
                "-o", "jsonpath={.items[*].spec.containers[0].image}").out().contains("fraud-detector:2.4.0"));
    }

    /** The ReplicaSet that currently holds the Deployment's replicas. */
    private static String replicaSetOf(String deployment) {
        String uid = client.apps().deployments().inNamespace("models").withName(deployment).get().getMetadata().getUid();
        return client.apps().replicaSets().inNamespace("models").list().getItems().stream()
                .filter(rs -> rs.getMetadata().getOwnerReferences().stream().anyMatch(o -> o.getUid().equals(uid)))
                .filter(rs -> rs.getSpec().getReplicas() > 0).map(rs -> rs.getMetadata().getName())
                .findFirst().orElseThrow();
    }

    private static List<String> podNames(String selector) {
        return List.of(kubectl.run("get", "pods", "-l", selector, "-o", "jsonpath={.items[*].metadata.name}")
                .assertOk().out().split(" "));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
