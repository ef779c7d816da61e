package dev.pitwall.fleet;

import java.util.List;

/**
 * A Deployment's rollout as an operator follows it.
 *
 * @param status      progress in the words of {@code kubectl rollout status}
 * @param done        whether the Deployment has rolled out completely
 * @param paused      whether the rollout is paused
 * @param revision    the Deployment's current revision, 0 when unknown
 * @param replicaSets its ReplicaSets, newest revision first
 */
public record Rollout(String status, boolean done, boolean paused, long revision, List<ReplicaSetState> replicaSets) {

    public Rollout {
        replicaSets = List.copyOf(replicaSets);
    }

    /**
     * The status line kubectl prints for a Deployment in this state (kubectl's
     * DeploymentStatusViewer), so that Pitwall and {@code kubectl rollout status} say the same.
     */
    public static String describe(String deployment, boolean observed, boolean deadlineExceeded, int desired, int updated,
                                  int total, int available) {
        if (!observed) {
            return "Waiting for deployment spec update to be observed...";
        }
        if (deadlineExceeded) {
            return "deployment \"" + deployment + "\" exceeded its progress deadline";
        }
        if (updated < desired) {
            return "Waiting for deployment \"" + deployment + "\" rollout to finish: " + updated + " out of " + desired
                    + " new replicas have been updated...";
        }
        if (total > updated) {
            return "Waiting for deployment \"" + deployment + "\" rollout to finish: " + (total - updated)
                    + " old replicas are pending termination...";
        }
        if (available < updated) {
            return "Waiting for deployment \"" + deployment + "\" rollout to finish: " + available + " of " + updated
                    + " updated replicas are available...";
        }
        return "deployment \"" + deployment + "\" successfully rolled out";
    }
}
