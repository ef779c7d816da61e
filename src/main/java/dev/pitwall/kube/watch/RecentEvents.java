package dev.pitwall.kube.watch;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import dev.pitwall.fleet.FleetEvent;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

/**
 * The most recent {@value #KEPT} Events about the kinds the fleet view shows, oldest first, kept
 * in time order as they arrive so that a snapshot takes them without sorting.
 */
final class RecentEvents implements ResourceEventHandler<Event> {

    static final int KEPT = 1000;
    private static final Set<String> KINDS = Set.of("Deployment", "ReplicaSet", "Pod", "Node", "HTTPRoute",
            "PodDisruptionBudget", "Service");

    private record Key(Instant time, String uid) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byTime = time.compareTo(other.time);
            return byTime != 0 ? byTime : uid.compareTo(other.uid);
        }
    }

    private final ConcurrentSkipListMap<Key, FleetEvent> byTime = new ConcurrentSkipListMap<>();
    private final Map<String, Key> byUid = new ConcurrentHashMap<>();
    private final Changes changes;
    private List<FleetEvent> copy;

    RecentEvents(Changes changes) {
        this.changes = changes;
    }

    @Override
    public synchronized void onAdd(Event event) {
        var involved = event.getInvolvedObject();
        if (involved == null || !KINDS.contains(involved.getKind())) {
            return;
        }
        FleetEvent converted = new FleetEvent(time(event), Objects.requireNonNullElse(involved.getNamespace(), ""),
                involved.getKind(), Objects.requireNonNullElse(involved.getName(), ""),
                Objects.requireNonNullElse(event.getReason(), ""), Objects.requireNonNullElse(event.getMessage(), ""),
                "Warning".equals(event.getType()), event.getCount() == null ? 1 : event.getCount());
        String uid = event.getMetadata().getUid() != null ? event.getMetadata().getUid()
                : event.getMetadata().getNamespace() + "/" + event.getMetadata().getName();
        Key previous = byUid.remove(uid);
        if (previous != null) {
            byTime.remove(previous);
        }
        Key key = new Key(converted.time(), uid);
        byTime.put(key, converted);
        byUid.put(uid, key);
        while (byTime.size() > KEPT) {
            var oldest = byTime.pollFirstEntry();
            byUid.remove(oldest.getKey().uid(), oldest.getKey());
        }
        copy = null;
        changes.mark();
    }

    @Override
    public void onUpdate(Event before, Event after) {
        onAdd(after);
    }

    @Override
    public synchronized void onDelete(Event event, boolean finalStateUnknown) {
        String uid = event.getMetadata().getUid() != null ? event.getMetadata().getUid()
                : event.getMetadata().getNamespace() + "/" + event.getMetadata().getName();
        Key key = byUid.remove(uid);
        if (key != null) {
            byTime.remove(key);
            copy = null;
            changes.mark();
        }
    }

    /** The events, oldest first: the same list as last time when none came or went (snapshots are taken many times a second). */
    synchronized List<FleetEvent> values() {
        if (copy == null) {
            copy = List.copyOf(byTime.values());
        }
        return copy;
    }

    private static Instant time(Event event) {
        for (String candidate : new String[] {event.getLastTimestamp(), event.getEventTime() == null ? null
                : event.getEventTime().getTime(), event.getFirstTimestamp(), event.getMetadata().getCreationTimestamp()}) {
            if (candidate != null && !candidate.isBlank()) {
                try {
                    return Instant.parse(candidate);
                } catch (RuntimeException ignored) {
                    // try the next timestamp
                }
            }
        }
        return Instant.EPOCH;
    }
}
