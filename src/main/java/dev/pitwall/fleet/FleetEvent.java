package dev.pitwall.fleet;

import java.time.Instant;

/**
 * A Kubernetes Event about an object of the fleet.
 *
 * @param time      when it last happened
 * @param namespace the object's namespace
 * @param kind      the object's kind (Deployment, ReplicaSet, Pod, ...)
 * @param object    the object's name
 * @param reason    the reason (ScalingReplicaSet, Killing, ...)
 * @param message   the message
 * @param warning   whether it is a Warning rather than Normal
 * @param count     how many times it happened
 */
public record FleetEvent(Instant time, String namespace, String kind, String object, String reason, String message,
                         boolean warning, int count) {
}
