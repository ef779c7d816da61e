package dev.pitwall.sandbox.preset;

import java.time.Instant;
import java.util.List;

import dev.pitwall.sandbox.control.TemplateHash;
import dev.pitwall.sandbox.store.FieldSelector;
import dev.pitwall.sandbox.store.KubeObjects;
import dev.pitwall.sandbox.store.LabelSelector;
import dev.pitwall.sandbox.store.ObjectStore;
import dev.pitwall.sandbox.store.ResourceType;
import dev.pitwall.sandbox.store.ResourceTypes;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the state a large fleet reaches once it has settled (ReplicaSets, pods bound, Running
 * and Ready, statuses filled in) straight into the store, so that the scale preset starts in
 * seconds rather than after tens of thousands of API requests. The controllers then take over
 * from a state they would have produced themselves.
 */
public final class SteadyStateSeeder {

    private final ObjectStore store;
    private final ResourceType deployments;
    private final ResourceType replicaSets;
    private final ResourceType pods;
    private final ResourceType nodes;

    public SteadyStateSeeder(ObjectStore store, ResourceTypes types) {
        this.store = store;
        this.deployments = types.find("apps", "deployments").orElseThrow();
        this.replicaSets = types.find("apps", "replicasets").orElseThrow();
        this.pods = types.find("", "pods").orElseThrow();
        this.nodes = types.find("", "nodes").orElseThrow();
    }

    public void seed(String namespace) {
        List<String> nodeNames = store.list(nodes, "", LabelSelector.EVERYTHING, FieldSelector.EVERYTHING).items().stream()
                .map(KubeObjects::name).toList();
        String now = KubeObjects.timestamp(Instant.now());
        int next = 0;
        int address = 0;
        for (ObjectNode deployment : store.list(deployments, namespace, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING).items()) {
            PodTemplateSpec template = KubeObjects.JSON.treeToValue(deployment.at("/spec/template"), PodTemplateSpec.class);
            String hash = TemplateHash.of(template);
            int replicas = deployment.at("/spec/replicas").asInt();
            String name = KubeObjects.name(deployment) + "-" + hash;
            ObjectNode replicaSet = KubeObjects.JSON.createObjectNode();
            ObjectNode metadata = replicaSet.putObject("metadata");
            metadata.put("name", name);
            ObjectNode labels = ((ObjectNode) deployment.at("/spec/template/metadata/labels")).deepCopy();
            labels.put(TemplateHash.LABEL, hash);
            metadata.set("labels", labels);
            metadata.putObject("annotations").put("deployment.kubernetes.io/revision", "1")
                    .put("deployment.kubernetes.io/desired-replicas", String.valueOf(replicas));
            owner(metadata, "apps/v1", "Deployment", KubeObjects.name(deployment), KubeObjects.uid(deployment));
            ObjectNode spec = replicaSet.putObject("spec");
            spec.put("replicas", replicas);
            ObjectNode selector = ((ObjectNode) deployment.at("/spec/selector")).deepCopy();
            ((ObjectNode) selector.get("matchLabels")).put(TemplateHash.LABEL, hash);
            spec.set("selector", selector);
            ObjectNode podTemplate = ((ObjectNode) deployment.at("/spec/template")).deepCopy();
            ((ObjectNode) podTemplate.at("/metadata/labels")).put(TemplateHash.LABEL, hash);
            spec.set("template", podTemplate);
            replicaSet.set("status", counts(replicas, null));
            ObjectNode createdSet = store.create(replicaSets, namespace, replicaSet, false);
            store.modify(replicaSets, namespace, name, "status", false, rs -> {
                rs.set("status", counts(replicas, rs.at("/metadata/generation").asLong()));
                return rs;
            });
            for (int i = 0; i < replicas; i++) {
                ObjectNode pod = KubeObjects.JSON.createObjectNode();
                ObjectNode podMetadata = pod.putObject("metadata");
                // the store draws the suffix and draws again on a clash, as for the ReplicaSet controller's pods:
                // a suffix drawn here once clashed within a ReplicaSet and stopped a scale start
                podMetadata.put("generateName", name + "-");
                podMetadata.set("labels", ((ObjectNode) podTemplate.at("/metadata/labels")).deepCopy());
                podMetadata.set("annotations", podTemplate.at("/metadata/annotations").deepCopy());
                owner(podMetadata, "apps/v1", "ReplicaSet", name, KubeObjects.uid(createdSet));
                ObjectNode podSpec = ((ObjectNode) podTemplate.get("spec")).deepCopy();
                String node = nodeNames.get(next++ % nodeNames.size());
                podSpec.put("nodeName", node);
                pod.set("spec", podSpec);
                pod.set("status", runningStatus(node, "127." + (40 + address / 65_024) + "." + (address / 254 % 256) + "."
                        + (1 + address % 254), now, podSpec));
                address++;
                store.create(pods, namespace, pod, false);
            }
            store.modify(deployments, namespace, KubeObjects.name(deployment), "", false, d -> {
                ((ObjectNode) d.get("metadata")).withObjectProperty("annotations").put("deployment.kubernetes.io/revision", "1");
                return d;
            });
            store.modify(deployments, namespace, KubeObjects.name(deployment), "status", false, d -> {
                ObjectNode status = counts(replicas, d.at("/metadata/generation").asLong());
                status.put("updatedReplicas", replicas);
                status.put("unavailableReplicas", 0);
                ArrayNode conditions = status.putArray("conditions");
                conditions.addObject().put("type", "Available").put("status", "True").put("reason", "MinimumReplicasAvailable")
                        .put("message", "Deployment has minimum availability.").put("lastTransitionTime", now).put("lastUpdateTime", now);
                conditions.addObject().put("type", "Progressing").put("status", "True").put("reason", "NewReplicaSetAvailable")
                        .put("message", "ReplicaSet \"" + name + "\" has successfully progressed.")
                        .put("lastTransitionTime", now).put("lastUpdateTime", now);
                d.set("status", status);
                return d;
            });
        }
    }

    private static ObjectNode counts(int replicas, Long generation) {
        ObjectNode status = KubeObjects.JSON.createObjectNode();
        status.put("replicas", replicas);
        status.put("readyReplicas", replicas);
        status.put("availableReplicas", replicas);
        status.put("fullyLabeledReplicas", replicas);
        if (generation != null) {
            status.put("observedGeneration", generation);
        }
        return status;
    }

    private static void owner(ObjectNode metadata, String apiVersion, String kind, String name, String uid) {
        metadata.putArray("ownerReferences").addObject().put("apiVersion", apiVersion).put("kind", kind).put("name", name)
                .put("uid", uid).put("controller", true).put("blockOwnerDeletion", true);
    }

    private static ObjectNode runningStatus(String node, String ip, String now, ObjectNode podSpec) {
        ObjectNode status = KubeObjects.JSON.createObjectNode();
        status.put("phase", "Running");
        status.put("podIP", ip);
        status.putArray("podIPs").addObject().put("ip", ip);
        status.put("hostIP", "");
        status.put("startTime", now);
        status.put("qosClass", "Burstable");
        ArrayNode conditions = status.putArray("conditions");
        for (String type : List.of("PodScheduled", "Initialized", "ContainersReady", "Ready")) {
            conditions.addObject().put("type", type).put("status", "True").put("lastTransitionTime", now);
        }
        ArrayNode containers = status.putArray("containerStatuses");
        podSpec.path("containers").forEach(container -> containers.addObject()
                .put("name", container.path("name").asString()).put("image", container.path("image").asString())
                .put("ready", true).put("started", true).put("restartCount", 0)
                .putObject("state").putObject("running").put("startedAt", now));
        return status;
    }
}
