package dev.pitwall.fleet;

import java.time.Instant;

/**
 * One pod of the fleet.
 *
 * @param namespace the pod's namespace
 * @param name      the pod's name
 * @param model     the model service it serves (empty when it is not a model server)
 * @param track     primary, standby, canary, or empty
 * @param version   the version it serves
 * @param node      the node it runs on, empty while unscheduled
 * @param state     what it is doing
 * @param restarts  container restarts
 * @param ip        its address, empty before it has one
 * @param created   when it was created
 */
public record FleetPod(String namespace, String name, String model, String track, String version, String node,
                       PodState state, int restarts, String ip, Instant created) {
}
