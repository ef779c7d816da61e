package dev.pitwall.fleet;

import java.time.Instant;
import java.util.List;

/**
 * Everything Pitwall shows of one context at one moment; immutable, built off the JavaFX thread.
 *
 * @param connection  how the view of the context stands
 * @param sequence    increases with every snapshot of the context
 * @param takenAt     when it was built
 * @param services    model services, by namespace and name
 * @param nodes       nodes, by name
 * @param pods        pods, by namespace and name
 * @param events      recent events about the fleet's objects, oldest first
 * @param unwatched   resources the identity may not list, so not shown (empty when it may list all)
 * @param eventNanos  {@link System#nanoTime()} of the oldest watch event this snapshot is the first
 *                    to show, 0 when none: what the fleet benchmark measures latency from
 */
public record FleetSnapshot(Connection connection, long sequence, Instant takenAt, List<ModelService> services,
                            List<FleetNode> nodes, List<FleetPod> pods, List<FleetEvent> events, List<String> unwatched,
                            long eventNanos) {

    public FleetSnapshot {
        services = List.copyOf(services);
        nodes = List.copyOf(nodes);
        pods = List.copyOf(pods);
        events = List.copyOf(events);
        unwatched = List.copyOf(unwatched);
    }

    /** A snapshot that only says how the connection stands: nothing read yet, or nothing readable. */
    public static FleetSnapshot statusOnly(Connection connection, long sequence) {
        return new FleetSnapshot(connection, sequence, Instant.now(), List.of(), List.of(), List.of(), List.of(), List.of(), 0);
    }

    public String context() {
        return connection.context();
    }

    public List<FleetPod> podsOf(ModelService service) {
        return pods.stream().filter(p -> p.namespace().equals(service.namespace()) && p.model().equals(service.name())).toList();
    }

    /** Events about a track's Deployment, its ReplicaSets and its pods. */
    public List<FleetEvent> eventsOf(ModelService service) {
        return events.stream().filter(event -> event.namespace().equals(service.namespace())
                && service.tracks().stream().anyMatch(track -> event.object().startsWith(track.deployment()))).toList();
    }
}
