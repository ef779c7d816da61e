package dev.pitwall.fleet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything Pitwall shows of one context at one moment; immutable, built off the JavaFX thread
 * together with the indexes the views look things up by, so that the JavaFX thread only reads.
 */
public final class FleetSnapshot {

    private final Connection connection;
    private final long sequence;
    private final Instant takenAt;
    private final List<ModelService> services;
    private final List<FleetNode> nodes;
    private final List<FleetPod> pods;
    private final List<FleetEvent> events;
    private final List<String> unwatched;
    private final long eventNanos;
    private final Map<String, List<FleetPod>> podsByService;
    private final Map<String, List<FleetPod>> podsByNode;

    /**
     * @param connection  how the view of the context stands
     * @param sequence    increases with every snapshot of the context
     * @param takenAt     when it was built
     * @param services    model services, by namespace and name
     * @param nodes       nodes, by name
     * @param pods        pods, by namespace and name
     * @param events      recent events about the fleet's objects, oldest first
     * @param unwatched   resources the identity may not list, so not shown (empty when it may list all)
     * @param eventNanos  {@link System#nanoTime()} of the oldest watch event this snapshot is the
     *                    first to show, 0 when none: what the fleet benchmark measures latency from
     */
    public FleetSnapshot(Connection connection, long sequence, Instant takenAt, List<ModelService> services,
                         List<FleetNode> nodes, List<FleetPod> pods, List<FleetEvent> events, List<String> unwatched,
                         long eventNanos) {
        this(connection, sequence, takenAt, services, nodes, pods, events, unwatched, eventNanos,
                group(pods, FleetSnapshot::serviceKey), group(pods, FleetSnapshot::nodeKey));
    }

    /**
     * As above, with the pods already grouped (by whoever keeps them grouped between snapshots),
     * each group's list by namespace and name.
     *
     * @param podsByService pods by {@link #serviceKey(FleetPod)}
     * @param podsByNode    pods by {@link #nodeKey(FleetPod)}
     */
    public FleetSnapshot(Connection connection, long sequence, Instant takenAt, List<ModelService> services,
                         List<FleetNode> nodes, List<FleetPod> pods, List<FleetEvent> events, List<String> unwatched,
                         long eventNanos, Map<String, List<FleetPod>> podsByService, Map<String, List<FleetPod>> podsByNode) {
        this.connection = connection;
        this.sequence = sequence;
        this.takenAt = takenAt;
        this.services = List.copyOf(services);
        this.nodes = List.copyOf(nodes);
        this.pods = List.copyOf(pods);
        this.events = List.copyOf(events);
        this.unwatched = List.copyOf(unwatched);
        this.eventNanos = eventNanos;
        this.podsByService = Map.copyOf(podsByService);
        this.podsByNode = Map.copyOf(podsByNode);
    }

    /** The group of a pod's model service, "namespace/model"; null when it belongs to none. */
    public static String serviceKey(FleetPod pod) {
        return pod.model().isEmpty() ? null : pod.namespace() + "/" + pod.model();
    }

    /** The group of a pod's node: the node's name, or "" while it is not scheduled. */
    public static String nodeKey(FleetPod pod) {
        return pod.node();
    }

    private static Map<String, List<FleetPod>> group(List<FleetPod> pods, java.util.function.Function<FleetPod, String> groupOf) {
        Map<String, List<FleetPod>> grouped = new HashMap<>();
        for (FleetPod pod : pods) {
            String group = groupOf.apply(pod);
            if (group != null) {
                grouped.computeIfAbsent(group, key -> new ArrayList<>()).add(pod);
            }
        }
        grouped.replaceAll((key, list) -> List.copyOf(list));
        return grouped;
    }

    /** A snapshot that only says how the connection stands: nothing read yet, or nothing readable. */
    public static FleetSnapshot statusOnly(Connection connection, long sequence) {
        return new FleetSnapshot(connection, sequence, Instant.now(), List.of(), List.of(), List.of(), List.of(), List.of(), 0);
    }

    public Connection connection() {
        return connection;
    }

    public long sequence() {
        return sequence;
    }

    public Instant takenAt() {
        return takenAt;
    }

    public List<ModelService> services() {
        return services;
    }

    public List<FleetNode> nodes() {
        return nodes;
    }

    public List<FleetPod> pods() {
        return pods;
    }

    public List<FleetEvent> events() {
        return events;
    }

    public List<String> unwatched() {
        return unwatched;
    }

    public long eventNanos() {
        return eventNanos;
    }

    public String context() {
        return connection.context();
    }

    /** The pods of a model service, by namespace and name. */
    public List<FleetPod> podsOf(ModelService service) {
        return podsByService.getOrDefault(service.key(), List.of());
    }

    /** Pods by node name ("" for those not scheduled yet), each list by namespace and name. */
    public Map<String, List<FleetPod>> podsByNode() {
        return podsByNode;
    }

    @Override
    public String toString() {
        return "FleetSnapshot[" + context() + " #" + sequence + ", " + connection.status() + ", " + services.size() + " services, "
                + nodes.size() + " nodes, " + pods.size() + " pods]";
    }
}
