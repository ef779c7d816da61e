package dev.pitwall.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

/**
 * During {@code kubectl rollout restart} of a Deployment with R=4 replicas, maxSurge S=1 and
 * maxUnavailable U=1, sampled on every watch event: ready pods never drop below R-U and pods
 * (not terminating) never exceed R+S; {@code kubectl rollout status} reports success.
 */
class RollingRestartInvariantTest {

    private static final int R = 4;
    private static final int S = 1;
    private static final int U = 1;

    @TempDir
    Path dir;

    @Test
    void rollingRestartStaysWithinSurgeAndUnavailability() {
        try (Sandbox sandbox = TestSandboxes.start(TestSandboxes.preset("rolling.yaml"), dir);
             KubernetesClient client = TestSandboxes.client(sandbox, SandboxIdentity.VIEWER)) {
            TestSandboxes.awaitSteady(sandbox, client);
            Kubectl kubectl = new Kubectl(sandbox.kubeconfig());
            Map<String, Pod> pods = new ConcurrentHashMap<>();
            AtomicInteger events = new AtomicInteger();
            AtomicInteger minReady = new AtomicInteger(Integer.MAX_VALUE);
            AtomicInteger maxPods = new AtomicInteger();
            Watcher<Pod> sampler = new Watcher<>() {
                @Override
                public void eventReceived(Action action, Pod pod) {
                    if (action == Action.DELETED) {
                        pods.remove(pod.getMetadata().getName());
                    } else {
                        pods.put(pod.getMetadata().getName(), pod);
                    }
                    long live = pods.values().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).count();
                    long ready = pods.values().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null
                            && p.getStatus() != null && p.getStatus().getConditions() != null
                            && p.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType())
                            && "True".equals(c.getStatus()))).count();
                    events.incrementAndGet();
                    minReady.accumulateAndGet((int) ready, Math::min);
                    maxPods.accumulateAndGet((int) live, Math::max);
                }

                @Override
                public void onClose(WatcherException cause) {
                }
            };
            try (Watch watch = client.pods().inNamespace("models").withLabel("app.kubernetes.io/name", "ranker").watch(sampler)) {
                TestSandboxes.await(Duration.ofSeconds(10), "the watch to list the pods", () -> pods.size() == R);
                minReady.set(Integer.MAX_VALUE);
                maxPods.set(0);
                int before = events.get();

                kubectl.run("rollout", "restart", "deployment/ranker-primary").assertOk();
                Kubectl.Result status = kubectl.run(90, "rollout", "status", "deployment/ranker-primary", "--timeout=80s");

                assertEquals(0, status.exitCode(), status.all());
                assertTrue(status.out().contains("successfully rolled out"), status.out());
                TestSandboxes.await(Duration.ofSeconds(10), "the old pods to be gone",
                        () -> pods.size() == R && pods.values().stream().allMatch(p -> p.getMetadata().getAnnotations() != null
                                && p.getMetadata().getAnnotations().containsKey("kubectl.kubernetes.io/restartedAt")));
                assertTrue(events.get() - before > 4 * R, "a rollout was observed event by event (" + (events.get() - before) + ")");
                assertTrue(minReady.get() >= R - U, "ready pods dropped to " + minReady.get() + " (floor " + (R - U) + ")");
                assertTrue(maxPods.get() <= R + S, "pods rose to " + maxPods.get() + " (ceiling " + (R + S) + ")");
            }
        }
    }
}
