package dev.pitwall.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.pitwall.sandbox.Kubectl;
import dev.pitwall.sandbox.Sandbox;
import dev.pitwall.sandbox.SandboxIdentity;
import dev.pitwall.sandbox.TestSandboxes;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * How fast the sandbox starts the two-active-standby preset: to the first answer of the real
 * kubectl, and to every Deployment available. Not part of the default run; prints its figures.
 * Reproduce: {@code mvn test -Dbench.excluded= -Dgroups=bench -Dtest=SandboxStartupBench}
 */
@Tag("bench")
class SandboxStartupBench {

    private static final int RUNS = 7;

    @Test
    void startup() throws Exception {
        List<Double> toKubectl = new ArrayList<>();
        List<Double> toSteady = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            Path dir = Files.createTempDirectory("bench");
            long start = System.nanoTime();
            try (Sandbox sandbox = TestSandboxes.start("two-active-standby", dir)) {
                Kubectl kubectl = new Kubectl(sandbox.kubeconfig());
                while (kubectl.run("get", "pods").exitCode() != 0) {
                    Thread.onSpinWait();
                }
                toKubectl.add((System.nanoTime() - start) / 1e9);
                try (KubernetesClient client = TestSandboxes.client(sandbox, SandboxIdentity.VIEWER)) {
                    TestSandboxes.awaitSteady(sandbox, client);
                }
                toSteady.add((System.nanoTime() - start) / 1e9);
            }
        }
        System.out.printf("%nsandbox startup, two-active-standby preset, %d runs (first run includes JIT warm-up)%n", RUNS);
        System.out.printf("  start to first kubectl answer: median %.2f s, max %.2f s%n", median(toKubectl), Collections.max(toKubectl));
        System.out.printf("  start to every deployment available: median %.2f s, max %.2f s%n", median(toSteady), Collections.max(toSteady));
        System.out.println("  reproduce: mvn test -Dbench.excluded= -Dgroups=bench -Dtest=SandboxStartupBench");
        assertTrue(toKubectl.size() == RUNS);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
