package dev.pitwall.fleet;

/**
 * A model service's track (primary, standby, canary): one Deployment, its replica counts, the
 * traffic weight its route gives it, and what protects and serves it.
 *
 * @param name               the track's name
 * @param deployment         the Deployment
 * @param version            the version its pod template serves
 * @param desired            spec.replicas
 * @param updated            replicas on the current pod template
 * @param ready              ready replicas
 * @param available          available replicas
 * @param weight             the traffic weight from the model's HTTPRoute (0 when it has none)
 * @param rollout            its rollout: progress as {@code kubectl rollout status} words it, and its ReplicaSets
 * @param readyEndpoints     ready endpoints of the Services that select the track (its EndpointSlices)
 * @param disruptionsAllowed what its PodDisruptionBudget still allows, -1 when none covers it
 */
public record Track(String name, String deployment, String version, int desired, int updated, int ready, int available,
                    int weight, Rollout rollout, int readyEndpoints, int disruptionsAllowed) {

    public boolean rollingOut() {
        return !rollout.done();
    }

    public boolean paused() {
        return rollout.paused();
    }

    /** The PDB column: "-" when no budget covers the track. */
    public String disruptionBudget() {
        return disruptionsAllowed < 0 ? "-" : disruptionsAllowed + " allowed";
    }
}
