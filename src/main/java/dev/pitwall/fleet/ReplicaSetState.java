package dev.pitwall.fleet;

/**
 * One ReplicaSet of a Deployment.
 *
 * @param name      the ReplicaSet
 * @param revision  its deployment.kubernetes.io/revision
 * @param current   whether it runs the Deployment's current pod template
 * @param desired   spec.replicas
 * @param replicas  status.replicas
 * @param ready     ready replicas
 * @param available available replicas
 */
public record ReplicaSetState(String name, long revision, boolean current, int desired, int replicas, int ready,
                              int available) {
}
