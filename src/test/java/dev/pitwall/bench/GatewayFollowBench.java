package dev.pitwall.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.pitwall.sandbox.Sandbox;
import dev.pitwall.sandbox.SandboxIdentity;
import dev.pitwall.sandbox.TestSandboxes;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * How fast a gateway follows its HTTPRoute: 20 weight changes, each timed from just before the
 * client sends its edit (a GET and a PATCH) until the gateway routes by the new weights.
 * Reproduce: {@code mvn test -Dbench.excluded= -Dgroups=bench -Dtest=GatewayFollowBench}
 */
@Tag("bench")
class GatewayFollowBench {

    @Test
    void routeChangesReachTheGateway() throws Exception {
        List<Double> millis = new ArrayList<>();
        try (Sandbox sandbox = TestSandboxes.start(TestSandboxes.preset("traffic.yaml"), Files.createTempDirectory("bench"));
             KubernetesClient lead = TestSandboxes.client(sandbox, SandboxIdentity.LEAD)) {
            TestSandboxes.awaitSteady(sandbox, lead);
            for (int i = 0; i < 20; i++) {
                int primary = i % 2 == 0 ? 90 : 100;
                Map<String, Integer> wanted = Map.of("scorer-primary", primary, "scorer-standby", 100 - primary);
                long start = System.nanoTime();
                lead.resources(HTTPRoute.class).inNamespace("models").withName("scorer").edit(route -> {
                    route.getSpec().getRules().getFirst().getBackendRefs().get(0).setWeight(primary);
                    route.getSpec().getRules().getFirst().getBackendRefs().get(1).setWeight(100 - primary);
                    return route;
                });
                while (!sandbox.dataPlane().weights("scorer").equals(wanted)) {
                    Thread.onSpinWait();
                }
                millis.add((System.nanoTime() - start) / 1e6);
            }
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("%ngateway follows an HTTPRoute change: median %.1f ms, max %.1f ms over %d changes%n",
                sorted.get(sorted.size() / 2), sorted.getLast(), sorted.size());
        System.out.println("reproduce: mvn test -Dbench.excluded= -Dgroups=bench -Dtest=GatewayFollowBench");
        assertEquals(20, millis.size());
    }
}
