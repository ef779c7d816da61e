package dev.pitwall.ops;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a traffic step of a failover or failback expects, written into the plan (and so into the
 * journal) so that it can be checked and resumed.
 *
 * @param adapter     the traffic adapter ("httproute", "service-selector", "istio")
 * @param model       the model service
 * @param split       the split expected in force, percent by track
 * @param track       the track whose serving is checked: the one traffic moved to (verify), or the
 *                    one under watch (gate)
 * @param holdSeconds for a gate: how long the split is held (the bake time)
 * @param fallback    for a gate: the split to return to when the gate fails; empty otherwise
 * @param recovery    whether this step ends the recovery (the traffic is where the operation moves
 *                    it): the time from the run's start to it is the recovery time
 */
public record TrafficStep(String adapter, String model, Map<String, Integer> split, String track, int holdSeconds,
                          Map<String, Integer> fallback, boolean recovery) {

    public TrafficStep {
        split = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(split));
        fallback = fallback == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fallback));
    }
}
