package dev.pitwall.fleet;

/**
 * A model service's track (primary, standby, canary): one Deployment, its replica counts and the
 * traffic weight its route gives it.
 *
 * @param name       the track's name
 * @param deployment the Deployment
 * @param version    the version its pod template serves
 * @param desired    spec.replicas
 * @param updated    replicas on the current pod template
 * @param ready      ready replicas
 * @param available  available replicas
 * @param weight     the traffic weight from the model's HTTPRoute (0 when it has none)
 * @param rollingOut whether a rollout is in progress (not every replica updated and available)
 * @param paused     whether its rollout is paused
 */
public record Track(String name, String deployment, String version, int desired, int updated, int ready, int available,
                    int weight, boolean rollingOut, boolean paused) {
}
