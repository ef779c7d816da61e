package dev.pitwall.fleet;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What each Deployment's ReplicaSets did over the session, and the events about them: a point
 * whenever a ReplicaSet's counts change, so that a rollout can be watched live and scrolled back
 * afterwards. Kept for the session, up to {@value #POINTS} points and {@value #EVENTS} events per
 * Deployment (the oldest go first). Thread-safe: recorded from the watch threads, read by views.
 */
public final class RolloutHistory {

    public static final int POINTS = 20_000;
    public static final int EVENTS = 2_000;

    /**
     * The ReplicaSets of a Deployment at one moment.
     *
     * @param at          when the snapshot that showed it was taken
     * @param desired     the Deployment's spec.replicas
     * @param replicaSets its ReplicaSets then
     */
    public record Point(Instant at, int desired, List<ReplicaSetState> replicaSets) {
    }

    /** A Deployment's history: points oldest first, and events oldest first. */
    public record Series(List<Point> points, List<FleetEvent> events) {
    }

    private final Map<String, Deque<Point>> points = new HashMap<>();
    private final Map<String, Map<String, FleetEvent>> events = new HashMap<>();

    private static String key(String context, String namespace, String deployment) {
        return context + "|" + namespace + "/" + deployment;
    }

    /** Takes what changed in a snapshot. */
    public synchronized void record(FleetSnapshot snapshot) {
        Map<String, List<FleetEvent>> eventsByDeployment = byDeployment(snapshot);
        for (ModelService service : snapshot.services()) {
            for (Track track : service.tracks()) {
                String key = key(snapshot.context(), service.namespace(), track.deployment());
                Deque<Point> series = points.computeIfAbsent(key, k -> new ArrayDeque<>());
                Point last = series.peekLast();
                if (last == null || last.desired() != track.desired() || !last.replicaSets().equals(track.rollout().replicaSets())) {
                    series.addLast(new Point(snapshot.takenAt(), track.desired(), track.rollout().replicaSets()));
                    if (series.size() > POINTS) {
                        series.removeFirst();
                    }
                }
                Map<String, FleetEvent> kept = events.computeIfAbsent(key, k -> new LinkedHashMap<>());
                for (FleetEvent event : eventsByDeployment.getOrDefault(service.namespace() + "/" + track.deployment(), List.of())) {
                    // the same event seen again (its count went up) replaces itself
                    if (kept.put(event.time() + event.object() + event.reason() + event.message(), event) == null
                            && kept.size() > EVENTS) {
                        kept.remove(kept.keySet().iterator().next());
                    }
                }
            }
        }
    }

    /**
     * The snapshot's events by the Deployment they concern: about the Deployment itself, one of its
     * ReplicaSets ({@code <deployment>-<hash>}) or one of their pods ({@code <deployment>-<hash>-<id>}).
     */
    private static Map<String, List<FleetEvent>> byDeployment(FleetSnapshot snapshot) {
        java.util.Set<String> deployments = new java.util.HashSet<>();
        snapshot.services().forEach(service -> service.tracks().forEach(track ->
                deployments.add(service.namespace() + "/" + track.deployment())));
        Map<String, List<FleetEvent>> grouped = new HashMap<>();
        for (FleetEvent event : snapshot.events()) {
            String name = event.namespace() + "/" + event.object();
            for (int strip = 0; strip <= 2 && name != null; strip++) {
                if (deployments.contains(name)) {
                    grouped.computeIfAbsent(name, key -> new ArrayList<>()).add(event);
                    break;
                }
                int dash = name.lastIndexOf('-');
                name = dash > name.indexOf('/') ? name.substring(0, dash) : null;
            }
        }
        return grouped;
    }

    public synchronized Series of(String context, String namespace, String deployment) {
        String key = key(context, namespace, deployment);
        List<FleetEvent> sorted = new ArrayList<>(Objects.requireNonNullElse(events.get(key), Map.<String, FleetEvent>of()).values());
        sorted.sort(java.util.Comparator.comparing(FleetEvent::time));
        return new Series(List.copyOf(Objects.requireNonNullElse(points.get(key), new ArrayDeque<>())), sorted);
    }
}
