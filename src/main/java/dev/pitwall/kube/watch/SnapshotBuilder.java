package dev.pitwall.kube.watch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.pitwall.fleet.Connection;
import dev.pitwall.fleet.Conventions;
import dev.pitwall.fleet.FleetNode;
import dev.pitwall.fleet.FleetPod;
import dev.pitwall.fleet.FleetSnapshot;
import dev.pitwall.fleet.ModelService;
import dev.pitwall.fleet.PodState;
import dev.pitwall.fleet.Track;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;

/**
 * Turns what the informers hold into a {@link FleetSnapshot}, by the fleet conventions
 * (docs/fleet-conventions.md): model-server Deployments grouped by model name into tracks, each
 * track's weight from the HTTPRoute backends whose Service selects that track.
 */
final class SnapshotBuilder {

    private static final List<String> TRACK_ORDER = List.of("primary", "standby", "canary");

    private SnapshotBuilder() {
    }

    static FleetSnapshot build(Connection connection, long sequence, List<Deployment> deployments, List<Pod> pods,
                               List<Node> nodes, List<Service> services, List<HTTPRoute> routes) {
        return new FleetSnapshot(connection, sequence, Instant.now(), services(deployments, services, routes),
                nodes.stream().map(SnapshotBuilder::node).sorted(Comparator.comparing(FleetNode::name)).toList(),
                pods.stream().map(SnapshotBuilder::pod)
                        .sorted(Comparator.comparing(FleetPod::namespace).thenComparing(FleetPod::name)).toList());
    }

    private static List<ModelService> services(List<Deployment> deployments, List<Service> services, List<HTTPRoute> routes) {
        Map<String, List<Deployment>> byModel = new TreeMap<>();
        for (Deployment deployment : deployments) {
            Map<String, String> labels = labels(deployment.getMetadata().getLabels());
            if (Conventions.MODEL_SERVER.equals(labels.get(Conventions.COMPONENT_LABEL)) && labels.containsKey(Conventions.MODEL_LABEL)) {
                byModel.computeIfAbsent(deployment.getMetadata().getNamespace() + "/" + labels.get(Conventions.MODEL_LABEL),
                        key -> new ArrayList<>()).add(deployment);
            }
        }
        Map<String, Map<String, String>> selectorByService = new HashMap<>();
        services.forEach(service -> selectorByService.put(service.getMetadata().getNamespace() + "/" + service.getMetadata().getName(),
                labels(service.getSpec().getSelector())));
        List<ModelService> result = new ArrayList<>();
        byModel.forEach((key, members) -> {
            String namespace = key.substring(0, key.indexOf('/'));
            String model = key.substring(key.indexOf('/') + 1);
            Map<String, Integer> weights = new HashMap<>();
            String routeName = "";
            for (HTTPRoute route : routes) {
                if (!namespace.equals(route.getMetadata().getNamespace()) || route.getSpec() == null || route.getSpec().getRules() == null) {
                    continue;
                }
                for (HTTPRouteRule rule : route.getSpec().getRules()) {
                    for (HTTPBackendRef backend : Objects.requireNonNullElse(rule.getBackendRefs(), List.<HTTPBackendRef>of())) {
                        Map<String, String> selector = selectorByService.getOrDefault(namespace + "/" + backend.getName(), Map.of());
                        if (model.equals(selector.get(Conventions.MODEL_LABEL))) {
                            routeName = route.getMetadata().getName();
                            weights.merge(selector.getOrDefault(Conventions.TRACK_LABEL, ""),
                                    backend.getWeight() == null ? 1 : backend.getWeight(), Integer::sum);
                        }
                    }
                }
            }
            List<Track> tracks = members.stream().map(deployment -> track(deployment, weights))
                    .sorted(Comparator.comparing((Track t) -> TRACK_ORDER.contains(t.name()) ? TRACK_ORDER.indexOf(t.name()) : 99)
                            .thenComparing(Track::name)).toList();
            result.add(new ModelService(namespace, model, tracks, routeName));
        });
        return result;
    }

    private static Track track(Deployment deployment, Map<String, Integer> weights) {
        Map<String, String> labels = labels(deployment.getMetadata().getLabels());
        String name = labels.getOrDefault(Conventions.TRACK_LABEL, deployment.getMetadata().getName());
        Map<String, String> templateLabels = deployment.getSpec().getTemplate().getMetadata() == null ? Map.of()
                : labels(deployment.getSpec().getTemplate().getMetadata().getLabels());
        var status = deployment.getStatus();
        int desired = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        int updated = status == null ? 0 : orZero(status.getUpdatedReplicas());
        int ready = status == null ? 0 : orZero(status.getReadyReplicas());
        int available = status == null ? 0 : orZero(status.getAvailableReplicas());
        int total = status == null ? 0 : orZero(status.getReplicas());
        boolean observed = status != null && status.getObservedGeneration() != null
                && status.getObservedGeneration() >= deployment.getMetadata().getGeneration();
        boolean rollingOut = !observed || updated < desired || available < updated || total > updated;
        return new Track(name, deployment.getMetadata().getName(),
                templateLabels.getOrDefault(Conventions.VERSION_LABEL, labels.getOrDefault(Conventions.VERSION_LABEL, "")),
                desired, updated, ready, available, weights.getOrDefault(name, 0), rollingOut,
                Boolean.TRUE.equals(deployment.getSpec().getPaused()));
    }

    static FleetPod pod(Pod pod) {
        Map<String, String> labels = labels(pod.getMetadata().getLabels());
        var status = pod.getStatus();
        int restarts = 0;
        boolean crashing = false;
        if (status != null && status.getContainerStatuses() != null) {
            for (ContainerStatus container : status.getContainerStatuses()) {
                restarts += orZero(container.getRestartCount());
                String waiting = container.getState() == null || container.getState().getWaiting() == null ? ""
                        : Objects.requireNonNullElse(container.getState().getWaiting().getReason(), "");
                crashing |= waiting.equals("CrashLoopBackOff") || waiting.equals("Error") || waiting.equals("ImagePullBackOff");
            }
        }
        String phase = status == null || status.getPhase() == null ? "Pending" : status.getPhase();
        boolean ready = status != null && status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        String node = pod.getSpec() == null || pod.getSpec().getNodeName() == null ? "" : pod.getSpec().getNodeName();
        PodState state;
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            state = PodState.TERMINATING;
        } else if (crashing || phase.equals("Failed")) {
            state = PodState.FAILED;
        } else if (phase.equals("Pending") || node.isEmpty()) {
            state = PodState.PENDING;
        } else if (ready) {
            state = PodState.READY;
        } else {
            state = PodState.STARTING;
        }
        String created = pod.getMetadata().getCreationTimestamp();
        return new FleetPod(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                labels.getOrDefault(Conventions.MODEL_LABEL, ""), labels.getOrDefault(Conventions.TRACK_LABEL, ""),
                labels.getOrDefault(Conventions.VERSION_LABEL, ""), node, state, restarts,
                status == null || status.getPodIP() == null ? "" : status.getPodIP(),
                created == null ? Instant.EPOCH : Instant.parse(created));
    }

    private static FleetNode node(Node node) {
        boolean ready = node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        Map<String, String> labels = labels(node.getMetadata().getLabels());
        return new FleetNode(node.getMetadata().getName(), ready,
                !Boolean.TRUE.equals(node.getSpec() == null ? null : node.getSpec().getUnschedulable()),
                labels.getOrDefault("topology.kubernetes.io/zone", ""));
    }

    private static Map<String, String> labels(Map<String, String> labels) {
        return labels == null ? Map.of() : labels;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
