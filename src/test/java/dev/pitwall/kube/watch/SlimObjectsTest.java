package dev.pitwall.kube.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pitwall.fleet.ModelService;
import dev.pitwall.fleet.Track;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;

/**
 * The copies of Deployments, ReplicaSets and EndpointSlices kept between events show the same
 * model service as the objects the API sent: the tracks, versions, replica counts, rollout status,
 * ReplicaSets and ready endpoints an operator reads are unchanged; only what Pitwall never reads
 * (the pod template's spec, managed fields, the last-applied annotation, endpoint addresses) is gone.
 */
class SlimObjectsTest {

    private static final Map<String, String> PRIMARY = Map.of("app.kubernetes.io/name", "fraud-detector",
            "app.kubernetes.io/component", "model-server", "pitwall.dev/track", "primary");

    private static Deployment deployment() {
        return new DeploymentBuilder().withNewMetadata().withNamespace("models").withName("fraud-detector-primary")
                .withUid("deploy-uid").withResourceVersion("9").withGeneration(4L).withLabels(PRIMARY)
                .addToAnnotations("deployment.kubernetes.io/revision", "3")
                .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", "{\"apiVersion\":\"apps/v1\"}")
                .addNewManagedField().withManager("kube-controller-manager").withOperation("Update").endManagedField()
                .endMetadata()
                .withNewSpec().withReplicas(4).withPaused(false).withNewSelector().withMatchLabels(PRIMARY).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app.kubernetes.io/name", "fraud-detector",
                        "pitwall.dev/track", "primary", "app.kubernetes.io/version", "2.4.1")).endMetadata()
                .withNewSpec().addNewContainer().withName("server").withImage("registry/fraud:2.4.1")
                .addNewEnv().withName("MODEL_PATH").withValue("/models/fraud").endEnv().endContainer().endSpec()
                .endTemplate().endSpec()
                .withNewStatus().withObservedGeneration(4L).withReplicas(5).withUpdatedReplicas(2).withReadyReplicas(4)
                .withAvailableReplicas(4)
                .addNewCondition().withType("Available").withStatus("True").withReason("MinimumReplicasAvailable").endCondition()
                .addNewCondition().withType("Progressing").withStatus("False").withReason("ProgressDeadlineExceeded")
                .withMessage("ReplicaSet has timed out progressing.").endCondition()
                .endStatus().build();
    }

    private static ReplicaSet replicaSet(String name, String revision, int desired, int ready, String version) {
        return new ReplicaSetBuilder().withNewMetadata().withNamespace("models").withName(name).withUid(name + "-uid")
                .withResourceVersion("7").withLabels(PRIMARY).addToAnnotations("deployment.kubernetes.io/revision", revision)
                .addToAnnotations("deployment.kubernetes.io/desired-replicas", "4")
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment").withName("fraud-detector-primary")
                .withUid("deploy-uid").withController(true).endOwnerReference().endMetadata()
                .withNewSpec().withReplicas(desired).withNewTemplate().withNewMetadata()
                .addToLabels("app.kubernetes.io/version", version).endMetadata().withNewSpec().addNewContainer()
                .withName("server").withImage("registry/fraud:" + version).endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withReplicas(desired).withReadyReplicas(ready).withAvailableReplicas(ready)
                .withFullyLabeledReplicas(desired).withObservedGeneration(2L).endStatus().build();
    }

    private static EndpointSlice slice() {
        return new EndpointSliceBuilder().withNewMetadata().withNamespace("models").withName("fraud-detector-primary-x7k2")
                .withUid("slice-uid").withResourceVersion("11").addToLabels("kubernetes.io/service-name", "fraud-detector-primary")
                .endMetadata().withAddressType("IPv4")
                .addNewEndpoint().withAddresses("10.0.0.7").withNewConditions().withReady(true).endConditions()
                .withNodeName("node-001").endEndpoint()
                .addNewEndpoint().withAddresses("10.0.0.8").withNewConditions().withReady(false).withTerminating(true)
                .endConditions().endEndpoint()
                .addNewEndpoint().withAddresses("10.0.0.9").endEndpoint()
                .addNewPort().withName("http").withPort(8080).endPort().build();
    }

    private static ModelServices.Sources sources(Deployment deployment, List<ReplicaSet> replicaSets, EndpointSlice slice) {
        var service = new ServiceBuilder().withNewMetadata().withNamespace("models").withName("fraud-detector-primary")
                .endMetadata().withNewSpec().withSelector(Map.of("app.kubernetes.io/name", "fraud-detector",
                        "pitwall.dev/track", "primary")).endSpec().build();
        var budget = new PodDisruptionBudgetBuilder().withNewMetadata().withNamespace("models").withName("fraud-detector")
                .endMetadata().withNewSpec().withMinAvailable(new IntOrString(3)).withNewSelector()
                .withMatchLabels(Map.of("app.kubernetes.io/name", "fraud-detector")).endSelector().endSpec()
                .withNewStatus().withDisruptionsAllowed(1).endStatus().build();
        var route = new HTTPRouteBuilder().withNewMetadata().withNamespace("models").withName("fraud-detector").endMetadata()
                .withNewSpec().addNewRule().addNewBackendRef().withName("fraud-detector-primary").withPort(8080).withWeight(90)
                .endBackendRef().endRule().endSpec().build();
        return new ModelServices.Sources(List.of(deployment), replicaSets, List.of(service), List.of(slice), List.of(budget),
                List.of(route));
    }

    @Test
    void aModelServiceAssembledFromTheSlimCopiesIsTheOneAssembledFromTheFullObjects() {
        List<ReplicaSet> replicaSets = List.of(replicaSet("fraud-detector-primary-old", "2", 3, 3, "2.4.0"),
                replicaSet("fraud-detector-primary-new", "3", 2, 1, "2.4.1"));
        List<ModelService> full = ModelServices.assemble(sources(deployment(), replicaSets, slice()));

        List<ModelService> slim = ModelServices.assemble(sources(SlimObjects.deployment(deployment()),
                replicaSets.stream().map(SlimObjects::replicaSet).toList(), SlimObjects.endpointSlice(slice())));

        assertEquals(full, slim);
        Track primary = slim.getFirst().tracks().getFirst();
        assertEquals("2.4.1", primary.version());
        assertEquals(List.of(4, 2, 4, 4, 90, 2, 1), List.of(primary.desired(), primary.updated(), primary.ready(),
                primary.available(), primary.weight(), primary.readyEndpoints(), primary.disruptionsAllowed()));
        assertEquals("deployment \"fraud-detector-primary\" exceeded its progress deadline", primary.rollout().status());
        assertEquals(3, primary.rollout().revision());
        assertEquals(List.of("fraud-detector-primary-new", "fraud-detector-primary-old"),
                primary.rollout().replicaSets().stream().map(rs -> rs.name()).toList());
    }

    @Test
    void theSlimCopiesKeepNoneOfWhatMakesUpMostOfTheObject() {
        Deployment deployment = SlimObjects.deployment(deployment());
        ReplicaSet replicaSet = SlimObjects.replicaSet(replicaSet("fraud-detector-primary-new", "3", 2, 1, "2.4.1"));
        EndpointSlice slice = SlimObjects.endpointSlice(slice());

        assertNull(deployment.getSpec().getTemplate().getSpec(), "the pod template's spec");
        assertNull(replicaSet.getSpec().getTemplate(), "the ReplicaSet's pod template");
        assertEquals(Map.of("deployment.kubernetes.io/revision", "3"), deployment.getMetadata().getAnnotations(),
                "of the annotations, the revision only (not the last-applied configuration)");
        assertTrue(deployment.getMetadata().getManagedFields().isEmpty(), "managed fields");
        assertEquals(List.of("Progressing"), deployment.getStatus().getConditions().stream().map(c -> c.getType()).toList());
        assertEquals(PRIMARY, replicaSet.getMetadata().getLabels(), "the labels the informers index by");
        assertEquals("deploy-uid", replicaSet.getMetadata().getOwnerReferences().getFirst().getUid());
        assertEquals("9", deployment.getMetadata().getResourceVersion(), "the version the informer compares");
        assertTrue(slice.getEndpoints().stream().allMatch(e -> e.getAddresses().isEmpty() && e.getNodeName() == null),
                "endpoints keep their readiness only");
        assertEquals(3, slice.getEndpoints().size());
        assertTrue(slice.getPorts().isEmpty());
    }
}
