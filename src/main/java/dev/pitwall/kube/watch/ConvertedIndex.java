package dev.pitwall.kube.watch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

/**
 * Keeps the fleet's form of every object an informer holds, converted once per watch event rather
 * than once per snapshot, sorted by namespace and name; and, for each grouping (pods by model
 * service, pods by node), the members of every group as immutable lists that are rebuilt only for
 * the groups a watch event touched. With 20,000 pods a snapshot copies references and reuses the
 * lists of untouched groups instead of converting or grouping anything again. The objects are
 * kept in an array sorted by key (found by binary search), so that the snapshot's list of all of
 * them is one copy of that array rather than a walk through 20,000 tree nodes scattered over the
 * heap (which was the largest cost of building a snapshot). An event whose converted form equals
 * what the index holds (most of a node's status updates, say) changes nothing and marks no change.
 */
final class ConvertedIndex<T extends HasMetadata, R> implements ResourceEventHandler<T> {

    /** One way of grouping the converted objects; a null group leaves an object out. */
    private final class Grouping {
        final Function<R, String> groupOf;
        final Map<String, TreeMap<String, R>> members = new HashMap<>();
        final Map<String, List<R>> lists = new HashMap<>();
        final Set<String> dirty = new HashSet<>();
        Map<String, List<R>> copy = Map.of();

        Grouping(Function<R, String> groupOf) {
            this.groupOf = groupOf;
        }

        void remove(String key, R value) {
            String group = value == null ? null : groupOf.apply(value);
            if (group != null) {
                TreeMap<String, R> inGroup = members.get(group);
                if (inGroup != null && inGroup.remove(key) != null) {
                    dirty.add(group);
                    if (inGroup.isEmpty()) {
                        members.remove(group);
                    }
                }
            }
        }

        /**
         * The object at {@code key} is now {@code value} (before: {@code old}, null when it is new).
         * When it stays in its group (a pod that changed state on its node) the group's entry only
         * takes the new value: no entry is unlinked and a new one linked, which would rebalance the
         * group's tree and leave old tree nodes pointing at young ones, cards that every young
         * collection scans (docs/benchmarks.md, fifteenth round).
         */
        void replace(String key, R old, R value) {
            String before = old == null ? null : groupOf.apply(old);
            String after = groupOf.apply(value);
            if (before != null && before.equals(after)) {
                members.computeIfAbsent(after, g -> new TreeMap<>()).put(key, value);
                dirty.add(after);
            } else {
                remove(key, old);
                add(key, value);
            }
        }

        void add(String key, R value) {
            String group = groupOf.apply(value);
            if (group != null) {
                members.computeIfAbsent(group, g -> new TreeMap<>()).put(key, value);
                dirty.add(group);
            }
        }

        /** Every group's list; the same map as last time when no group changed. */
        Map<String, List<R>> lists() {
            if (dirty.isEmpty()) {
                return copy;
            }
            for (String group : dirty) {
                TreeMap<String, R> inGroup = members.get(group);
                if (inGroup == null) {
                    lists.remove(group);
                } else {
                    lists.put(group, List.copyOf(inGroup.values()));
                }
            }
            dirty.clear();
            copy = Map.copyOf(lists);
            return copy;
        }
    }

    /** Every object's key, sorted, and its converted form at the same index. */
    private final List<String> keys = new ArrayList<>();
    private final List<R> converted = new ArrayList<>();
    private final Map<String, Grouping> groupings = new HashMap<>();
    private final Function<T, R> convert;
    private final Changes changes;
    private List<R> values = List.of();
    private boolean changed;

    ConvertedIndex(Function<T, R> convert, Changes changes) {
        this.convert = convert;
        this.changes = changes;
    }

    /** Adds a grouping, named {@code name}, before the informer starts. */
    ConvertedIndex<T, R> groupedBy(String name, Function<R, String> groupOf) {
        groupings.put(name, new Grouping(groupOf));
        return this;
    }

    private static String key(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return (namespace == null ? "" : namespace) + "/" + object.getMetadata().getName();
    }

    @Override
    public void onAdd(T object) {
        put(object);
    }

    @Override
    public void onUpdate(T before, T after) {
        put(after);
    }

    @Override
    public void onDelete(T object, boolean finalStateUnknown) {
        String key = key(object);
        synchronized (this) {
            int at = Collections.binarySearch(keys, key);
            if (at >= 0) {
                keys.remove(at);
                R old = converted.remove(at);
                groupings.values().forEach(grouping -> grouping.remove(key, old));
            }
            changed = true;
        }
        changes.mark();
    }

    private void put(T object) {
        String key = key(object);
        R value = convert.apply(object);
        synchronized (this) {
            int at = Collections.binarySearch(keys, key);
            R old = null;
            if (at >= 0) {
                old = converted.get(at);
                if (old.equals(value)) {
                    // nothing the fleet shows changed (a new resource version, a node's heartbeat, a
                    // condition's time): no new snapshot, and nothing to draw
                    return;
                }
                converted.set(at, value);
            } else {
                keys.add(-at - 1, key);
                converted.add(-at - 1, value);
            }
            for (Grouping grouping : groupings.values()) {
                grouping.replace(key, old, value);
            }
            changed = true;
        }
        changes.mark();
    }

    /**
     * What the index holds at one moment.
     *
     * @param values every converted object, by namespace and name
     * @param groups per grouping name, the members of each group, each list by namespace and name
     */
    record Contents<R>(List<R> values, Map<String, Map<String, List<R>>> groups) {
    }

    /** Everything, consistently; unchanged lists are the same objects as last time. */
    synchronized Contents<R> contents() {
        if (changed) {
            values = List.copyOf(converted);
            changed = false;
        }
        Map<String, Map<String, List<R>>> groups = new HashMap<>();
        groupings.forEach((name, grouping) -> groups.put(name, grouping.lists()));
        return new Contents<>(values, groups);
    }

    /** Every converted object, by namespace and name. */
    List<R> values() {
        return contents().values();
    }
}
