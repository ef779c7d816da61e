package dev.pitwall.fleet;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What each Deployment's ReplicaSets did over the session, and the events about them: a point
 * whenever a ReplicaSet's counts change, so that a rollout can be watched live and scrolled back
 * afterwards. Kept for the session, up to {@value #POINTS} points and {@value #EVENTS} events per
 * Deployment (the oldest go first), and up to {@value #TOTAL_POINTS} points in all: past that, the
 * Deployment with the longest history loses its oldest quarter, so that the churn of a busy fleet
 * over a long session neither grows the heap without end nor pushes out the one rollout an
 * operator came to look at. Thread-safe: recorded from the watch threads, read by views.
 */
public final class RolloutHistory {

    public static final int POINTS = 20_000;
    public static final int EVENTS = 2_000;
    /**
     * Points of all Deployments together. At the scale preset's churn (200 pod transitions a
     * second over 400 Deployments) some 300 points a second are recorded, so this holds the last
     * ten minutes or more of every busy Deployment, and all of a quiet one's session.
     */
    public static final int TOTAL_POINTS = 200_000;

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
    private int totalPoints;

    private static String key(String context, String namespace, String deployment) {
        return context + "|" + namespace + "/" + deployment;
    }

    /** Per context: what is already recorded, so that each snapshot costs only what changed. */
    private final Map<String, Recorded> recorded = new HashMap<>();

    /**
     * A context's services and events already taken (snapshots reuse unchanged ones: the same
     * objects, in the same order), and the Deployments events are matched against (only ever added
     * to: a Deployment gone keeps its history for the session).
     */
    private static final class Recorded {
        List<ModelService> services = List.of();
        List<FleetEvent> eventList = List.of();
        Set<FleetEvent> events = Collections.newSetFromMap(new IdentityHashMap<>());
        final Set<String> deployments = new HashSet<>();
    }

    /** Takes what changed in a snapshot; at scale (400 services, 1,000 events, tens of snapshots a second) it touches no string of an unchanged one. */
    public synchronized void record(FleetSnapshot snapshot) {
        Recorded context = recorded.computeIfAbsent(snapshot.context(), c -> new Recorded());
        List<ModelService> services = snapshot.services();
        for (int i = 0; services != context.services && i < services.size(); i++) { // the same list: nothing changed
            ModelService service = services.get(i);
            if (i < context.services.size() && context.services.get(i) == service) {
                continue; // unchanged since the last snapshot (services keep their order by key)
            }
            for (Track track : service.tracks()) {
                context.deployments.add(service.namespace() + "/" + track.deployment());
                Deque<Point> series = points.computeIfAbsent(key(snapshot.context(), service.namespace(), track.deployment()),
                        k -> new ArrayDeque<>());
                Point last = series.peekLast();
                if (last == null || last.desired() != track.desired() || !last.replicaSets().equals(track.rollout().replicaSets())) {
                    series.addLast(new Point(snapshot.takenAt(), track.desired(), track.rollout().replicaSets()));
                    totalPoints++;
                    if (series.size() > POINTS) {
                        series.removeFirst();
                        totalPoints--;
                    }
                    if (totalPoints > TOTAL_POINTS) {
                        forgetOldestOfLongest();
                    }
                }
            }
        }
        context.services = services;
        if (snapshot.events() == context.eventList) {
            return;
        }
        context.eventList = snapshot.events();

        for (FleetEvent event : snapshot.events()) {
            if (!context.events.add(event)) {
                continue;
            }
            String deployment = deploymentOf(event, context.deployments);
            if (deployment == null) {
                continue;
            }
            Map<String, FleetEvent> kept = events.computeIfAbsent(snapshot.context() + "|" + deployment, k -> new LinkedHashMap<>());
            // the same event seen again (its count went up) replaces itself
            if (kept.put(event.time() + event.object() + event.reason() + event.message(), event) == null && kept.size() > EVENTS) {
                kept.remove(kept.keySet().iterator().next());
            }
        }
        if (context.events.size() > 4 * Math.max(100, snapshot.events().size())) {
            // forget the events that left the snapshot's window, now and then rather than on every snapshot
            Set<FleetEvent> current = Collections.newSetFromMap(new IdentityHashMap<>());
            current.addAll(snapshot.events());
            context.events = current;
        }
    }

    /** The oldest quarter of the longest history goes: one scan of the Deployments per quarter dropped. */
    private void forgetOldestOfLongest() {
        Deque<Point> longest = Collections.max(points.values(), Comparator.comparingInt(Deque::size));
        int drop = Math.max(1, longest.size() / 4);
        for (int i = 0; i < drop; i++) {
            longest.removeFirst();
        }
        totalPoints -= drop;
    }

    /**
     * "namespace/deployment" of the Deployment an event concerns: the Deployment itself, one of its
     * ReplicaSets ({@code <deployment>-<hash>}) or one of their pods ({@code <deployment>-<hash>-<id>});
     * null when none of {@code deployments}.
     */
    private static String deploymentOf(FleetEvent event, Set<String> deployments) {
        String name = event.namespace() + "/" + event.object();
        for (int strip = 0; strip <= 2 && name != null; strip++) {
            if (deployments.contains(name)) {
                return name;
            }
            int dash = name.lastIndexOf('-');
            name = dash > name.indexOf('/') ? name.substring(0, dash) : null;
        }
        return null;
    }

    public synchronized Series of(String context, String namespace, String deployment) {
        String key = key(context, namespace, deployment);
        List<FleetEvent> sorted = new ArrayList<>(Objects.requireNonNullElse(events.get(key), Map.<String, FleetEvent>of()).values());
        sorted.sort(Comparator.comparing(FleetEvent::time));
        return new Series(List.copyOf(Objects.requireNonNullElse(points.get(key), new ArrayDeque<>())), sorted);
    }
}
