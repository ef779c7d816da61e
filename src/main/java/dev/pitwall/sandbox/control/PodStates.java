package dev.pitwall.sandbox.control;

import java.time.Instant;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;

/** What the controllers need to know of a pod's state. */
final class PodStates {

    private PodStates() {
    }

    static boolean terminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    static boolean finished(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    /** Counts towards its ReplicaSet: not terminating, not finished. */
    static boolean active(Pod pod) {
        return !terminating(pod) && !finished(pod);
    }

    static PodCondition readyCondition(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return null;
        }
        return pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
    }

    static boolean ready(Pod pod) {
        PodCondition condition = readyCondition(pod);
        return condition != null && "True".equals(condition.getStatus());
    }

    /** Ready for at least minReadySeconds, as the Deployment and ReplicaSet controllers count available. */
    static boolean available(Pod pod, int minReadySeconds, Instant now) {
        if (!ready(pod) || terminating(pod)) {
            return false;
        }
        if (minReadySeconds <= 0) {
            return true;
        }
        return !readySince(pod).plusSeconds(minReadySeconds).isAfter(now);
    }

    static Instant readySince(Pod pod) {
        PodCondition condition = readyCondition(pod);
        if (condition == null || condition.getLastTransitionTime() == null) {
            return Instant.EPOCH;
        }
        return Instant.parse(condition.getLastTransitionTime());
    }

    static String phase(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending" : pod.getStatus().getPhase();
    }
}
