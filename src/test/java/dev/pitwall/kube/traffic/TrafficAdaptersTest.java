package dev.pitwall.kube.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pitwall.fleet.Conventions;
import dev.pitwall.kube.write.KubeWriter;
import dev.pitwall.ops.KubeRequest;
import dev.pitwall.sandbox.Kubectl;
import dev.pitwall.sandbox.Sandbox;
import dev.pitwall.sandbox.SandboxIdentity;
import dev.pitwall.sandbox.TestSandboxes;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The traffic adapters against the sandbox, as the operator: each reads the split in force,
 * makes the request that changes it (sent here through the one writer, as the operations layer
 * sends it), and verifies it took; kubectl and the sandbox's gateway see the same split.
 */
class TrafficAdaptersTest {

    @TempDir
    Path dir;

    @Test
    void theHttpRouteAdapterMovesTheWeightsAndRefusesAStaleShift() {
        try (Sandbox sandbox = TestSandboxes.start("two-active-standby", dir);
             KubernetesClient operator = TestSandboxes.client(sandbox, SandboxIdentity.OPERATOR)) {
            TrafficAdapter adapter = TrafficAdapters.of("httproute", operator);
            KubeWriter writer = new KubeWriter(operator);
            Split before = adapter.read("models", "fraud-detector");
            assertEquals(Map.of("primary", 100, "standby", 0), before.percentByTrack());
            Split standby = Split.allOn("standby", List.of("primary", "standby"));

            KubeRequest shift = adapter.shift("models", "fraud-detector", before, standby);
            assertEquals("PATCH /apis/gateway.networking.k8s.io/v1/namespaces/models/httproutes/fraud-detector", shift.describe());
            writer.send(shift, false);
            assertEquals("", adapter.verify("models", "fraud-detector", standby));
            assertTrue(adapter.verify("models", "fraud-detector", before).contains("holds primary 0 %, standby 100 %"),
                    adapter.verify("models", "fraud-detector", before));
            Kubectl.Result weights = new Kubectl(sandbox.kubeconfig()).run("--context", sandbox.context(SandboxIdentity.VIEWER), "get",
                    "httproute", "fraud-detector", "-n", "models", "-o", "jsonpath={.spec.rules[0].backendRefs[*].weight}").assertOk();
            assertEquals("0 100", weights.out().trim());
            TestSandboxes.await(Duration.ofSeconds(2), "the gateway to follow the route", () -> sandbox.dataPlane()
                    .weights("fraud-detector").equals(Map.of("fraud-detector-primary", 0, "fraud-detector-standby", 100)));

            // a shift planned before someone else moved the route is refused, not applied over their change
            KubeRequest back = adapter.shift("models", "fraud-detector", standby, before);
            new Kubectl(sandbox.kubeconfig()).run("--context", sandbox.context(SandboxIdentity.LEAD), "patch", "httproute",
                    "fraud-detector", "-n", "models", "--type=json", "-p",
                    "[{\"op\":\"replace\",\"path\":\"/spec/rules/0/backendRefs/0/weight\",\"value\":50},"
                            + "{\"op\":\"replace\",\"path\":\"/spec/rules/0/backendRefs/1/weight\",\"value\":50}]").assertOk();
            KubeWriter.Refused stale = assertThrows(KubeWriter.Refused.class, () -> writer.send(back, false));
            assertEquals(422, stale.code(), stale.getMessage());
            assertEquals(Map.of("primary", 50, "standby", 50), adapter.read("models", "fraud-detector").percentByTrack());
        }
    }

    @Test
    void theServiceSelectorAdapterSwitchesBlueGreenAtOnce() {
        try (Sandbox sandbox = TestSandboxes.start("two-active-standby", dir);
             KubernetesClient lead = TestSandboxes.client(sandbox, SandboxIdentity.LEAD);
             KubernetesClient operator = TestSandboxes.client(sandbox, SandboxIdentity.OPERATOR)) {
            TestSandboxes.awaitSteady(sandbox, lead);
            lead.services().inNamespace("models").resource(new ServiceBuilder().withNewMetadata().withName("fraud-detector").endMetadata()
                    .withNewSpec().addToSelector(Conventions.MODEL_LABEL, "fraud-detector").addToSelector(Conventions.TRACK_LABEL, "primary")
                    .addNewPort().withName("http").withPort(8080).endPort().endSpec().build()).create();
            TrafficAdapter adapter = TrafficAdapters.of("service-selector", operator);
            Split blue = adapter.read("models", "fraud-detector");
            assertEquals(Map.of("primary", 100, "standby", 0), blue.percentByTrack());
            TestSandboxes.await(Duration.ofSeconds(5), "the Service's endpoints",
                    () -> adapter.verify("models", "fraud-detector", blue).isEmpty());

            Split green = Split.allOn("standby", List.of("primary", "standby"));
            IllegalArgumentException half = assertThrows(IllegalArgumentException.class, () -> adapter.shift("models", "fraud-detector",
                    blue, new Split(Map.of("primary", 50, "standby", 50))));
            assertTrue(half.getMessage().contains("needs the HTTPRoute adapter"), half.getMessage());

            new KubeWriter(operator).send(adapter.shift("models", "fraud-detector", blue, green), false);
            assertEquals(green, adapter.read("models", "fraud-detector"));
            TestSandboxes.await(Duration.ofSeconds(5), "only the standby's endpoints behind the Service",
                    () -> adapter.verify("models", "fraud-detector", green).isEmpty());
            assertTrue(adapter.verify("models", "fraud-detector", blue).contains("selects standby, not primary"));
        }
    }

    @Test
    void theIstioAdapterMovesVirtualServiceWeightsAndIsFoundWhenNothingElseSplitsTheModel() {
        try (Sandbox sandbox = TestSandboxes.start("two-active-standby", dir);
             KubernetesClient lead = TestSandboxes.client(sandbox, SandboxIdentity.LEAD);
             KubernetesClient operator = TestSandboxes.client(sandbox, SandboxIdentity.OPERATOR)) {
            // a VirtualService as Istio users write it: subsets per track, the standby's weight left out
            lead.genericKubernetesResources(IstioAdapter.VIRTUAL_SERVICE).inNamespace("models").resource(
                    io.fabric8.kubernetes.client.utils.Serialization.unmarshal("""
                            {"apiVersion": "networking.istio.io/v1", "kind": "VirtualService",
                             "metadata": {"name": "scoring", "labels": {"app.kubernetes.io/name": "recommender"}},
                             "spec": {"hosts": ["recommender"], "http": [{"route": [
                               {"destination": {"host": "recommender.models.svc.cluster.local", "subset": "primary"}, "weight": 100},
                               {"destination": {"host": "recommender.models.svc.cluster.local", "subset": "standby"}}]}]}}""",
                            io.fabric8.kubernetes.api.model.GenericKubernetesResource.class)).create();
            lead.resources(io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute.class).inNamespace("models").withName("recommender")
                    .delete();
            TestSandboxes.await(Duration.ofSeconds(5), "the route to be gone", () -> lead.resources(
                    io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute.class).inNamespace("models").withName("recommender").get() == null);

            TrafficAdapter adapter = TrafficAdapters.detect(operator, "models", "recommender");
            assertEquals("istio", adapter.id());
            Split before = adapter.read("models", "recommender");
            assertEquals(Map.of("primary", 100, "standby", 0), before.percentByTrack());
            Split half = new Split(Map.of("primary", 50, "standby", 50));
            Split standby = Split.allOn("standby", List.of("primary", "standby"));
            KubeRequest first = adapter.shift("models", "recommender", before, half);
            KubeRequest second = adapter.shift("models", "recommender", half, standby); // planned ahead, as a staged plan is
            assertEquals("PATCH /apis/networking.istio.io/v1/namespaces/models/virtualservices/scoring", first.describe());
            KubeWriter writer = new KubeWriter(operator);
            writer.send(first, false);
            assertEquals("", adapter.verify("models", "recommender", half));
            writer.send(second, false);
            assertEquals("", adapter.verify("models", "recommender", standby));
            Kubectl.Result weights = new Kubectl(sandbox.kubeconfig()).run("--context", sandbox.context(SandboxIdentity.VIEWER), "get",
                    "virtualservice", "scoring", "-n", "models", "-o", "jsonpath={.spec.http[0].route[*].weight}").assertOk();
            assertEquals("0 100", weights.out().trim());

            // the first shift again, now stale: its tests no longer hold
            KubeWriter.Refused stale = assertThrows(KubeWriter.Refused.class, () -> writer.send(first, false));
            assertEquals(422, stale.code(), stale.getMessage());
        }
    }
}
