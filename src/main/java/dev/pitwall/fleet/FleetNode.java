package dev.pitwall.fleet;

/**
 * One node.
 *
 * @param name        the node's name
 * @param ready       whether its Ready condition is True
 * @param schedulable whether new pods may go there (not cordoned)
 * @param zone        its topology zone, empty if unknown
 */
public record FleetNode(String name, boolean ready, boolean schedulable, String zone) {
}
