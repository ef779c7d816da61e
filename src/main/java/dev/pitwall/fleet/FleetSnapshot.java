package dev.pitwall.fleet;

import java.time.Instant;
import java.util.List;

/**
 * Everything Pitwall shows of one context at one moment; immutable, built off the JavaFX thread.
 *
 * @param connection how the view of the context stands
 * @param sequence   increases with every snapshot of the context
 * @param takenAt    when it was built
 * @param services   model services, by namespace and name
 * @param nodes      nodes, by name
 * @param pods       pods, by namespace and name
 */
public record FleetSnapshot(Connection connection, long sequence, Instant takenAt, List<ModelService> services,
                            List<FleetNode> nodes, List<FleetPod> pods) {

    public FleetSnapshot {
        services = List.copyOf(services);
        nodes = List.copyOf(nodes);
        pods = List.copyOf(pods);
    }

    public String context() {
        return connection.context();
    }

    public List<FleetPod> podsOf(ModelService service) {
        return pods.stream().filter(p -> p.namespace().equals(service.namespace()) && p.model().equals(service.name())).toList();
    }

    /** The same state with another connection status (a watch went down or came back). */
    public FleetSnapshot with(Connection newConnection, long newSequence) {
        return new FleetSnapshot(newConnection, newSequence, Instant.now(), services, nodes, pods);
    }
}
