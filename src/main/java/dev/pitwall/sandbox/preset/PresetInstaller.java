package dev.pitwall.sandbox.preset;

import java.util.Map;

import dev.pitwall.fleet.Conventions;
import dev.pitwall.sandbox.SandboxAnnotations;
import dev.pitwall.sandbox.store.KubeObjects;
import dev.pitwall.sandbox.store.ObjectStore;
import dev.pitwall.sandbox.store.ResourceTypes;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a preset's objects into the store, as an administrator applying manifests would:
 * namespaces, nodes, and per model service a Deployment, Service and PodDisruptionBudget for each
 * track and one HTTPRoute that splits the model's traffic by the tracks' weights. The
 * controllers then create the ReplicaSets and pods.
 */
public final class PresetInstaller {

    public static final String GATEWAY = "sandbox-gateway";

    private final ObjectStore store;
    private final ResourceTypes types;
    private int nextServiceAddress = 1;

    public PresetInstaller(ObjectStore store, ResourceTypes types) {
        this.store = store;
        this.types = types;
    }

    public void install(Preset preset) {
        for (String namespace : new String[]{"default", "kube-system", "kube-node-lease", "pitwall-system", preset.namespace()}) {
            if (store.get(type("", "namespaces"), "", namespace).isEmpty()) {
                ObjectNode object = object("v1", "Namespace", namespace, null);
                object.putObject("status").put("phase", "Active");
                create("", "namespaces", "", object);
            }
        }
        installNodes(preset);
        ObjectNode gateway = object("gateway.networking.k8s.io/v1", "Gateway", GATEWAY, preset.namespace());
        gateway.putObject("spec").put("gatewayClassName", "pitwall-sandbox").putArray("listeners").addObject()
                .put("name", "http").put("port", 80).put("protocol", "HTTP");
        create("gateway.networking.k8s.io", "gateways", preset.namespace(), gateway);
        for (Preset.Model model : preset.models()) {
            installModel(preset.namespace(), model);
        }
    }

    private void installNodes(Preset preset) {
        Preset.NodePool pool = preset.nodes();
        for (int i = 1; i <= pool.count(); i++) {
            String name = "sandbox-node-" + i;
            ObjectNode node = object("v1", "Node", name, null);
            ObjectNode labels = KubeObjects.metadata(node).putObject("labels");
            labels.put("kubernetes.io/hostname", name);
            labels.put("kubernetes.io/os", "linux");
            labels.put("topology.kubernetes.io/zone", pool.zones().get((i - 1) % pool.zones().size()));
            labels.put("node-role.kubernetes.io/worker", "");
            KubeObjects.metadata(node).putObject("annotations")
                    .put(SandboxAnnotations.NODE_EVICTION_SECONDS, String.valueOf(preset.nodeEvictionSeconds()));
            node.putObject("spec");
            ObjectNode status = node.putObject("status");
            Map<String, String> resources = Map.of("cpu", String.valueOf(pool.cpuCores()),
                    "memory", pool.memoryGi() + "Gi", "pods", String.valueOf(pool.maxPods()));
            ObjectNode capacity = status.putObject("capacity");
            ObjectNode allocatable = status.putObject("allocatable");
            resources.forEach((key, value) -> {
                capacity.put(key, value);
                allocatable.put(key, value);
            });
            ObjectNode ready = status.putArray("conditions").addObject();
            ready.put("type", "Ready");
            ready.put("status", "True");
            ready.put("reason", "KubeletReady");
            ready.put("message", "sandbox kubelet is posting ready status");
            ready.put("lastHeartbeatTime", KubeObjects.timestamp(java.time.Instant.now()));
            ready.put("lastTransitionTime", KubeObjects.timestamp(java.time.Instant.now()));
            ObjectNode address = status.putArray("addresses").addObject();
            address.put("type", "InternalIP");
            address.put("address", "127.0.1." + i);
            status.putObject("nodeInfo").put("kubeletVersion", "v1.32.0-sandbox").put("operatingSystem", "linux")
                    .put("architecture", "amd64").put("containerRuntimeVersion", "pitwall-sandbox://1");
            create("", "nodes", "", node);
            ObjectNode lease = object("coordination.k8s.io/v1", "Lease", name, "kube-node-lease");
            lease.putObject("spec").put("holderIdentity", name).put("leaseDurationSeconds", 40)
                    .put("renewTime", java.time.Instant.now().toString());
            create("coordination.k8s.io", "leases", "kube-node-lease", lease);
        }
    }

    private void installModel(String namespace, Preset.Model model) {
        ObjectNode route = object("gateway.networking.k8s.io/v1", "HTTPRoute", model.name(), namespace);
        KubeObjects.metadata(route).putObject("labels").put(Conventions.MODEL_LABEL, model.name());
        ObjectNode routeSpec = route.putObject("spec");
        routeSpec.putArray("parentRefs").addObject().put("name", GATEWAY);
        ObjectNode rule = routeSpec.putArray("rules").addObject();
        rule.putArray("matches").addObject().putObject("path").put("type", "PathPrefix").put("value", "/v1/models/" + model.name());
        ArrayNode backends = rule.putArray("backendRefs");
        for (Preset.Track track : model.tracks()) {
            String name = model.name() + "-" + track.name();
            create("apps", "deployments", namespace, deployment(namespace, model, track, name));
            create("", "services", namespace, service(namespace, model, track, name));
            create("policy", "poddisruptionbudgets", namespace, disruptionBudget(namespace, model, track, name));
            backends.addObject().put("name", name).put("port", model.port()).put("weight", track.weight());
        }
        create("gateway.networking.k8s.io", "httproutes", namespace, route);
    }

    private ObjectNode deployment(String namespace, Preset.Model model, Preset.Track track, String name) {
        ObjectNode deployment = object("apps/v1", "Deployment", name, namespace);
        KubeObjects.metadata(deployment).set("labels", labels(model, track, true));
        // what a team declares of its model server for Pitwall's failover planning (docs/fleet-conventions.md)
        KubeObjects.metadata(deployment).putObject("annotations").put("pitwall.dev/capacity-rps", String.valueOf(track.capacityRps()));
        ObjectNode spec = deployment.putObject("spec");
        spec.put("replicas", track.replicas());
        spec.put("revisionHistoryLimit", 10);
        spec.put("progressDeadlineSeconds", 600);
        spec.put("minReadySeconds", model.rollout().minReadySeconds());
        spec.putObject("selector").set("matchLabels", labels(model, track, false));
        ObjectNode strategy = spec.putObject("strategy");
        strategy.put("type", "RollingUpdate");
        strategy.putObject("rollingUpdate").set("maxSurge", intOrPercent(model.rollout().maxSurge()))
                .set("maxUnavailable", intOrPercent(model.rollout().maxUnavailable()));
        ObjectNode template = spec.putObject("template");
        ObjectNode templateMetadata = template.putObject("metadata");
        templateMetadata.set("labels", labels(model, track, true));
        templateMetadata.putObject("annotations")
                .put(SandboxAnnotations.STARTUP_SECONDS, String.valueOf(model.startupSeconds()))
                .put(SandboxAnnotations.SHUTDOWN_SECONDS, String.valueOf(model.shutdownSeconds()))
                .put(SandboxAnnotations.LATENCY_MS, String.valueOf(track.latencyMs()))
                .put(SandboxAnnotations.LATENCY_P99_MS, String.valueOf(track.latencyP99Ms()))
                .put(SandboxAnnotations.CAPACITY_RPS, String.valueOf(track.capacityRps()))
                .put(SandboxAnnotations.QUEUE_LIMIT, String.valueOf(model.queueLimit()))
                .put(SandboxAnnotations.ERROR_RATE, String.valueOf(track.errorRate()));
        ObjectNode podSpec = template.putObject("spec");
        podSpec.put("terminationGracePeriodSeconds", model.terminationGracePeriodSeconds());
        ObjectNode container = podSpec.putArray("containers").addObject();
        container.put("name", "model-server");
        container.put("image", "registry.sandbox.local/" + model.name() + ":" + track.version());
        container.putArray("ports").addObject().put("name", "http").put("containerPort", model.port()).put("protocol", "TCP");
        container.putObject("resources").putObject("requests").put("cpu", model.cpuMillis() + "m").put("memory", "1Gi");
        container.putObject("readinessProbe").putObject("httpGet").put("path", "/readyz").put("port", model.port());
        container.putObject("livenessProbe").putObject("httpGet").put("path", "/healthz").put("port", model.port());
        return deployment;
    }

    private ObjectNode service(String namespace, Preset.Model model, Preset.Track track, String name) {
        ObjectNode service = object("v1", "Service", name, namespace);
        KubeObjects.metadata(service).set("labels", labels(model, track, false));
        ObjectNode spec = service.putObject("spec");
        spec.put("type", "ClusterIP");
        int address = nextServiceAddress++;
        spec.put("clusterIP", "127.96." + (address / 250) + "." + (1 + address % 250));
        spec.set("selector", labels(model, track, false));
        spec.putArray("ports").addObject().put("name", "http").put("port", model.port()).put("targetPort", model.port())
                .put("protocol", "TCP");
        return service;
    }

    private ObjectNode disruptionBudget(String namespace, Preset.Model model, Preset.Track track, String name) {
        ObjectNode budget = object("policy/v1", "PodDisruptionBudget", name, namespace);
        ObjectNode spec = budget.putObject("spec");
        String[] rule = model.disruptionBudget().split("=", 2);
        spec.set(rule[0], intOrPercent(rule[1]));
        spec.putObject("selector").set("matchLabels", labels(model, track, false));
        return budget;
    }

    private static ObjectNode labels(Preset.Model model, Preset.Track track, boolean withVersion) {
        ObjectNode labels = KubeObjects.JSON.createObjectNode();
        labels.put(Conventions.MODEL_LABEL, model.name());
        labels.put(Conventions.TRACK_LABEL, track.name());
        if (withVersion) {
            labels.put(Conventions.COMPONENT_LABEL, Conventions.MODEL_SERVER);
            labels.put(Conventions.VERSION_LABEL, track.version());
            labels.put("app.kubernetes.io/part-of", "pitwall-sandbox");
        }
        return labels;
    }

    private static tools.jackson.databind.JsonNode intOrPercent(String value) {
        return value.endsWith("%") ? KubeObjects.JSON.getNodeFactory().stringNode(value)
                : KubeObjects.JSON.getNodeFactory().numberNode(Integer.parseInt(value));
    }

    private ObjectNode object(String apiVersion, String kind, String name, String namespace) {
        ObjectNode object = KubeObjects.JSON.createObjectNode();
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        ObjectNode metadata = object.putObject("metadata");
        metadata.put("name", name);
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        return object;
    }

    private dev.pitwall.sandbox.store.ResourceType type(String group, String plural) {
        return types.find(group, plural).orElseThrow();
    }

    private void create(String group, String plural, String namespace, ObjectNode object) {
        store.create(type(group, plural), namespace, object, false);
    }
}
