package dev.pitwall.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.pitwall.sandbox.Sandbox;
import dev.pitwall.sandbox.SandboxIdentity;
import dev.pitwall.sandbox.TestSandboxes;
import dev.pitwall.sandbox.dataplane.LoadGenerator;
import dev.pitwall.sandbox.dataplane.LoadSummary;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;

/**
 * The HADR guide's experiment on the sandbox: for each topology preset, open-loop load on
 * fraud-detector rising in steps of 25 requests/s, 4 s a step, until a step fails (more than
 * 0.1 % of its requests fail, or its p99 passes 500 ms). Prints the rate of the first failing step.
 * Reproduce: {@code mvn test -Dbench.excluded= -Dgroups=bench -Dtest=TopologyCapacityBench}
 */
@Tag("bench")
class TopologyCapacityBench {

    private static final double STEP = 25;
    private static final long STEP_MILLIS = 4_000;

    @Test
    void requestsPerSecondAtFirstFailure() throws Exception {
        List<String> rows = new ArrayList<>();
        for (String preset : List.of("single-active", "two-active-standby", "three-active")) {
            Path dir = Files.createTempDirectory("bench");
            Vertx vertx = Vertx.vertx();
            try (Sandbox sandbox = TestSandboxes.start(preset, dir);
                 KubernetesClient client = TestSandboxes.client(sandbox, SandboxIdentity.VIEWER)) {
                TestSandboxes.awaitSteady(sandbox, client);
                String gateway = sandbox.dataPlane().gatewayUrls().get("fraud-detector");
                double rate = STEP;
                LoadSummary failing = null;
                LoadSummary lastGood = null;
                while (failing == null && rate <= 2_000) {
                    LoadGenerator load = LoadGenerator.start(vertx, gateway, "fraud-detector", rate);
                    Thread.sleep(STEP_MILLIS);
                    LoadSummary step = load.stop(3_000);
                    load.close();
                    if (step.errors() > step.sent() / 1000.0 || step.p99Millis() > 500) {
                        failing = step;
                    } else {
                        lastGood = step;
                        rate += STEP;
                    }
                }
                rows.add(String.format("| %s | %.0f | %s | %s |", preset, rate,
                        lastGood == null ? "-" : String.format("%.0f ms", lastGood.p99Millis()),
                        failing == null ? "none up to 2000/s" : failing.describe()));
            } finally {
                vertx.close();
            }
        }
        System.out.println();
        System.out.println("| preset | requests/s at first failure | p99 of the last good step | the failing step |");
        System.out.println("| --- | --- | --- | --- |");
        rows.forEach(System.out::println);
        System.out.println("reproduce: mvn test -Dbench.excluded= -Dgroups=bench -Dtest=TopologyCapacityBench");
        assertEquals(3, rows.size());
    }
}
