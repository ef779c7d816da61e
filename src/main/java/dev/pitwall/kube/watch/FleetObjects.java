package dev.pitwall.kube.watch;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import dev.pitwall.fleet.Conventions;
import dev.pitwall.fleet.FleetNode;
import dev.pitwall.fleet.FleetPod;
import dev.pitwall.fleet.PodState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;

/** Pods and nodes in the fleet's terms (docs/fleet-conventions.md), converted once per watch event. */
final class FleetObjects {

    private FleetObjects() {
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

    static FleetNode node(Node node) {
        boolean ready = node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        Map<String, String> labels = labels(node.getMetadata().getLabels());
        return new FleetNode(node.getMetadata().getName(), ready,
                !Boolean.TRUE.equals(node.getSpec() == null ? null : node.getSpec().getUnschedulable()),
                labels.getOrDefault("topology.kubernetes.io/zone", ""));
    }

    static Map<String, String> labels(Map<String, String> labels) {
        return labels == null ? Map.of() : labels;
    }

    static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
