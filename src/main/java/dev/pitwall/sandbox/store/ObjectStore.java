package dev.pitwall.sandbox.store;

import static dev.pitwall.sandbox.store.KubeObjects.metadata;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sandbox's etcd: every object, versioned by one resource-version counter, with a bounded
 * history of changes so that watches can start from a resource version as Kubernetes allows.
 * All methods are atomic (one lock); stored objects are never mutated, callers get copies.
 * Watch sinks are called under the lock, in resource-version order, and must not block.
 */
public final class ObjectStore {

    /** A live watch: selects events and hands them to a sink. */
    public final class Subscription implements AutoCloseable {
        private final ResourceType type;
        private final String namespace;
        private final LabelSelector labels;
        private final FieldSelector fields;
        private final Consumer<WatchEvent> sink;

        private Subscription(ResourceType type, String namespace, LabelSelector labels, FieldSelector fields,
                             Consumer<WatchEvent> sink) {
            this.type = type;
            this.namespace = namespace;
            this.labels = labels;
            this.fields = fields;
            this.sink = sink;
        }

        private boolean selects(JsonNode object) {
            return object != null
                    && (namespace.isEmpty() || namespace.equals(KubeObjects.namespace(object)))
                    && labels.matches(object.path("metadata").get("labels"))
                    && fields.matches(object);
        }

        private void offer(WatchEvent event) {
            if (event.resourceType() != type) {
                return;
            }
            boolean now = event.type() != WatchEvent.Type.DELETED && selects(event.object());
            boolean before = event.type() == WatchEvent.Type.DELETED ? selects(event.object()) : selects(event.previous());
            if (now && before) {
                sink.accept(event);
            } else if (now) {
                sink.accept(new WatchEvent(WatchEvent.Type.ADDED, type, event.object(), null, event.resourceVersion()));
            } else if (before) {
                sink.accept(new WatchEvent(WatchEvent.Type.DELETED, type, event.object(), event.previous(),
                        event.resourceVersion()));
            }
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }

    /** A list: the selected objects and the resource version they were read at. */
    public record ListResult(List<ObjectNode> items, long resourceVersion) {
    }

    private static final int HISTORY_LIMIT = 25_000;

    private final Map<ResourceType, TreeMap<String, ObjectNode>> objects = new HashMap<>();
    private final ArrayDeque<WatchEvent> history = new ArrayDeque<>();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final List<Consumer<WatchEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    /**
     * Resource versions start from the clock, a thousand to the millisecond, so that a sandbox
     * restarted on the same address never hands out a version its clients saw from the one
     * before: their watches from such a version get 410 Expired and list again, as they do
     * against a real API server whose etcd history was compacted. Restarting from 1 let a watch
     * resume in the wrong history once the new store had passed the old version.
     */
    private static final long VERSIONS_PER_MILLI = 1_000;

    private long resourceVersion;
    /**
     * The version of the oldest change in {@link #history}, or of the next one while it holds
     * none: a watch resumes from the version before it or any later one.
     */
    private long oldestRetained;

    public ObjectStore(Clock clock) {
        this.clock = clock;
        this.resourceVersion = Math.max(1, clock.millis() * VERSIONS_PER_MILLI);
        this.oldestRetained = resourceVersion + 1;
    }

    public ObjectStore() {
        this(Clock.systemUTC());
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    private TreeMap<String, ObjectNode> table(ResourceType type) {
        return objects.computeIfAbsent(type, t -> new TreeMap<>());
    }

    public synchronized long resourceVersion() {
        return resourceVersion;
    }

    public synchronized Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
        ObjectNode object = table(type).get(key(namespace, name));
        return Optional.ofNullable(object == null ? null : object.deepCopy());
    }

    /** The stored object itself, for readers that promise not to change it. */
    synchronized ObjectNode peek(ResourceType type, String namespace, String name) {
        return table(type).get(key(namespace, name));
    }

    /** Visits the stored objects of a type (all namespaces when empty) without copying; read only. */
    public synchronized void forEach(ResourceType type, String namespace, Consumer<JsonNode> visitor) {
        TreeMap<String, ObjectNode> table = table(type);
        (namespace.isEmpty() ? table.values() : table.subMap(namespace + "/", namespace + "/\uffff").values())
                .forEach(visitor);
    }

    public synchronized ListResult list(ResourceType type, String namespace, LabelSelector labels, FieldSelector fields) {
        TreeMap<String, ObjectNode> table = table(type);
        Iterable<ObjectNode> candidates = namespace.isEmpty() ? table.values()
                : table.subMap(namespace + "/", namespace + "/\uffff").values();
        List<ObjectNode> items = new ArrayList<>();
        for (ObjectNode object : candidates) {
            if (labels.matches(object.path("metadata").get("labels")) && fields.matches(object)) {
                items.add(object.deepCopy());
            }
        }
        return new ListResult(items, resourceVersion);
    }

    public synchronized ObjectNode create(ResourceType type, String namespace, ObjectNode object, boolean dryRun) {
        ObjectNode created = object.deepCopy();
        ObjectNode metadata = metadata(created);
        String name = metadata.path("name").asString("");
        if (name.isEmpty()) {
            String prefix = metadata.path("generateName").asString("");
            if (prefix.isEmpty()) {
                throw ApiException.invalid(type, "", "metadata.name: Required value: name or generateName is required");
            }
            do {
                name = prefix + RandomNames.suffix();
            } while (table(type).containsKey(key(namespace, name)));
            metadata.put("name", name);
        }
        if (type.namespaced()) {
            if (namespace.isEmpty()) {
                throw ApiException.badRequest("the namespace of the object is missing");
            }
            requireNamespace(namespace);
            metadata.put("namespace", namespace);
        } else {
            metadata.remove("namespace");
        }
        if (table(type).containsKey(key(namespace, name))) {
            throw new ApiException(409, "AlreadyExists", type.qualifiedName() + " \"" + name + "\" already exists");
        }
        created.put("apiVersion", type.apiVersion());
        created.put("kind", type.kind());
        metadata.put("uid", UUID.randomUUID().toString());
        metadata.put("creationTimestamp", KubeObjects.timestamp(clock.instant()));
        metadata.put("generation", 1);
        metadata.remove("deletionTimestamp");
        if (dryRun) {
            metadata.put("resourceVersion", String.valueOf(resourceVersion));
            return created;
        }
        commit(type, namespace, name, created, null, WatchEvent.Type.ADDED);
        return created.deepCopy();
    }

    private void requireNamespace(String namespace) {
        ResourceType namespaces = objects.keySet().stream().filter(t -> t.kind().equals("Namespace")).findFirst().orElse(null);
        if (namespaces == null || !table(namespaces).containsKey(key("", namespace))) {
            throw new ApiException(404, "NotFound", "namespaces \"" + namespace + "\" not found");
        }
    }

    /**
     * Replaces an object (PUT). For {@code subresource} "status" only the status changes; for the
     * main resource of a type with a status subresource the status is kept. A resourceVersion in
     * the new object is a precondition (409 on mismatch).
     */
    public synchronized ObjectNode update(ResourceType type, String namespace, String name, ObjectNode replacement,
                                          String subresource, boolean dryRun) {
        ObjectNode current = table(type).get(key(namespace, name));
        if (current == null) {
            throw ApiException.notFound(type, name);
        }
        String givenName = replacement.path("metadata").path("name").asString(name);
        if (!givenName.equals(name)) {
            throw ApiException.badRequest("the name of the object (" + givenName
                    + ") does not match the name on the URL (" + name + ")");
        }
        long expected = KubeObjects.resourceVersion(replacement);
        if (expected != 0 && expected != KubeObjects.resourceVersion(current)) {
            throw new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + type.qualifiedName() + " \""
                    + name + "\": the object has been modified; please apply your changes to the latest version and try again");
        }
        ObjectNode next;
        if ("status".equals(subresource)) {
            next = current.deepCopy();
            JsonNode status = replacement.get("status");
            if (status == null) {
                next.remove("status");
            } else {
                next.set("status", status.deepCopy());
            }
        } else {
            next = replacement.deepCopy();
            if (type.hasStatus()) {
                JsonNode status = current.get("status");
                if (status == null) {
                    next.remove("status");
                } else {
                    next.set("status", status.deepCopy());
                }
            }
            ObjectNode metadata = metadata(next);
            ObjectNode old = metadata(current);
            for (String field : List.of("uid", "creationTimestamp", "namespace", "deletionTimestamp",
                    "deletionGracePeriodSeconds", "generation")) {
                if (old.has(field)) {
                    metadata.set(field, old.get(field));
                } else {
                    metadata.remove(field);
                }
            }
            metadata.put("name", name);
            next.put("apiVersion", type.apiVersion());
            next.put("kind", type.kind());
            if (!specOf(next).equals(specOf(current))) {
                metadata.put("generation", old.path("generation").asLong(1) + 1);
            }
        }
        metadata(next).put("resourceVersion", current.path("metadata").path("resourceVersion").asString());
        if (next.equals(current)) {
            return current.deepCopy();
        }
        if (dryRun) {
            return next;
        }
        if (KubeObjects.markedForDeletion(next) && !KubeObjects.hasFinalizers(next)
                && !isGracefullyTerminating(type, next)) {
            remove(type, namespace, name, next);
            return next;
        }
        commit(type, namespace, name, next, current, WatchEvent.Type.MODIFIED);
        return next.deepCopy();
    }

    /** Reads, changes and writes one object atomically (used for patches and controllers' helpers). */
    public synchronized ObjectNode modify(ResourceType type, String namespace, String name, String subresource,
                                          boolean dryRun, UnaryOperator<ObjectNode> change) {
        ObjectNode current = table(type).get(key(namespace, name));
        if (current == null) {
            throw ApiException.notFound(type, name);
        }
        ObjectNode changed = change.apply(current.deepCopy());
        long given = KubeObjects.resourceVersion(changed);
        if (given == 0) {
            metadata(changed).put("resourceVersion", current.path("metadata").path("resourceVersion").asString());
        }
        return update(type, namespace, name, changed, subresource, dryRun);
    }

    private static ObjectNode specOf(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        copy.remove(List.of("metadata", "status", "apiVersion", "kind"));
        return copy;
    }

    /**
     * Deletes an object as Kubernetes does: an object with finalizers, or a pod on a node with a
     * grace period, is marked (deletionTimestamp) and removed later by whoever owns the
     * finalizer or the kubelet; anything else is removed now. {@code gracePeriodSeconds} null
     * means the object's own (a pod's terminationGracePeriodSeconds).
     */
    public synchronized ObjectNode delete(ResourceType type, String namespace, String name, Long gracePeriodSeconds,
                                          String preconditionUid, String propagationPolicy, boolean dryRun) {
        ObjectNode current = table(type).get(key(namespace, name));
        if (current == null) {
            throw ApiException.notFound(type, name);
        }
        if (preconditionUid != null && !preconditionUid.isEmpty() && !preconditionUid.equals(KubeObjects.uid(current))) {
            throw new ApiException(409, "Conflict", "Precondition failed: UID in precondition: " + preconditionUid
                    + ", UID in object meta: " + KubeObjects.uid(current));
        }
        long grace = gracePeriodSeconds != null ? gracePeriodSeconds
                : current.path("spec").path("terminationGracePeriodSeconds").asLong(30);
        boolean graceful = type.kind().equals("Pod") && type.group().isEmpty() && grace > 0
                && !current.path("spec").path("nodeName").asString("").isEmpty()
                && !"Succeeded".equals(current.path("status").path("phase").asString())
                && !"Failed".equals(current.path("status").path("phase").asString());
        if (dryRun) {
            return current.deepCopy();
        }
        if ("Orphan".equals(propagationPolicy)) {
            orphanDependents(KubeObjects.uid(current));
        }
        if (KubeObjects.hasFinalizers(current) || graceful) {
            ObjectNode marked = current.deepCopy();
            ObjectNode metadata = metadata(marked);
            long already = metadata.path("deletionGracePeriodSeconds").asLong(Long.MAX_VALUE);
            if (KubeObjects.markedForDeletion(current) && already <= grace) {
                return current.deepCopy(); // already terminating at least as fast
            }
            if (graceful) {
                metadata.put("deletionGracePeriodSeconds", grace);
                metadata.put("deletionTimestamp", KubeObjects.timestamp(clock.instant().plusSeconds(grace)));
            } else if (!KubeObjects.markedForDeletion(current)) {
                metadata.put("deletionTimestamp", KubeObjects.timestamp(clock.instant()));
                metadata.put("deletionGracePeriodSeconds", 0);
            }
            commit(type, namespace, name, marked, current, WatchEvent.Type.MODIFIED);
            return marked.deepCopy();
        }
        remove(type, namespace, name, current);
        if (type.kind().equals("Namespace")) {
            removeNamespaceContents(name);
        }
        return current.deepCopy();
    }

    private static boolean isGracefullyTerminating(ResourceType type, ObjectNode object) {
        return type.kind().equals("Pod") && object.path("metadata").path("deletionGracePeriodSeconds").asLong(0) > 0;
    }

    private void orphanDependents(String ownerUid) {
        for (Map.Entry<ResourceType, TreeMap<String, ObjectNode>> entry : objects.entrySet()) {
            for (ObjectNode dependent : List.copyOf(entry.getValue().values())) {
                if (KubeObjects.ownedBy(dependent, ownerUid)) {
                    ObjectNode orphan = dependent.deepCopy();
                    ObjectNode metadata = metadata(orphan);
                    var remaining = KubeObjects.JSON.createArrayNode();
                    dependent.path("metadata").path("ownerReferences").forEach(reference -> {
                        if (!ownerUid.equals(reference.path("uid").asString())) {
                            remaining.add(reference);
                        }
                    });
                    metadata.set("ownerReferences", remaining);
                    commit(entry.getKey(), KubeObjects.namespace(orphan), KubeObjects.name(orphan), orphan, dependent,
                            WatchEvent.Type.MODIFIED);
                }
            }
        }
    }

    private void removeNamespaceContents(String namespace) {
        for (Map.Entry<ResourceType, TreeMap<String, ObjectNode>> entry : objects.entrySet()) {
            if (!entry.getKey().namespaced()) {
                continue;
            }
            for (ObjectNode object : List.copyOf(entry.getValue().subMap(namespace + "/", namespace + "/\uffff").values())) {
                remove(entry.getKey(), namespace, KubeObjects.name(object), object);
            }
        }
    }

    private void remove(ResourceType type, String namespace, String name, ObjectNode last) {
        ObjectNode previous = table(type).remove(key(namespace, name));
        ObjectNode gone = last.deepCopy();
        metadata(gone).put("resourceVersion", String.valueOf(++resourceVersion));
        record(new WatchEvent(WatchEvent.Type.DELETED, type, gone, previous, resourceVersion));
    }

    private void commit(ResourceType type, String namespace, String name, ObjectNode next, ObjectNode previous,
                        WatchEvent.Type eventType) {
        metadata(next).put("resourceVersion", String.valueOf(++resourceVersion));
        table(type).put(key(namespace, name), next);
        record(new WatchEvent(eventType, type, next, previous, resourceVersion));
    }

    private void record(WatchEvent event) {
        history.addLast(event);
        if (history.size() > HISTORY_LIMIT) {
            oldestRetained = history.removeFirst().resourceVersion() + 1;
        }
        for (Subscription subscription : subscriptions) {
            subscription.offer(event);
        }
        for (Consumer<WatchEvent> listener : listeners) {
            listener.accept(event);
        }
    }

    /** Observes every change (under the lock; must not block or call back into the store). */
    public void addListener(Consumer<WatchEvent> listener) {
        listeners.add(listener);
    }

    /**
     * Starts a watch. With no resource version (or "0") the sink first gets ADDED for every
     * selected object; with one, the changes after it; a version older than the retained history
     * is answered with 410 Gone, as Kubernetes does.
     */
    public synchronized Subscription watch(ResourceType type, String namespace, LabelSelector labels,
                                           FieldSelector fields, String fromResourceVersion,
                                           Consumer<WatchEvent> sink) {
        Subscription subscription = new Subscription(type, namespace, labels, fields, sink);
        if (fromResourceVersion == null || fromResourceVersion.isEmpty() || fromResourceVersion.equals("0")) {
            for (ObjectNode object : list(type, namespace, labels, fields).items()) {
                sink.accept(new WatchEvent(WatchEvent.Type.ADDED, type, object, null, resourceVersion));
            }
        } else {
            long from;
            try {
                from = Long.parseLong(fromResourceVersion);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("resourceVersion " + fromResourceVersion + " is not a number");
            }
            if (from > resourceVersion) {
                // A version this store never had (the client saw another incarnation): make it relist.
                throw new ApiException(410, "Expired", "too large resource version: " + from + ", current: " + resourceVersion);
            }
            if (from < oldestRetained - 1) {
                throw new ApiException(410, "Expired", "too old resource version: " + from + " (" + (oldestRetained - 1) + ")");
            }
            for (WatchEvent event : history) {
                if (event.resourceVersion() > from) {
                    subscription.offer(event);
                }
            }
        }
        subscriptions.add(subscription);
        return subscription;
    }

    /** Every object of a type whose owner references name this uid. */
    public synchronized List<ObjectNode> dependents(ResourceType type, String ownerUid) {
        return table(type).values().stream().filter(object -> KubeObjects.ownedBy(object, ownerUid))
                .map(ObjectNode::deepCopy).toList();
    }

    public synchronized int count(ResourceType type) {
        return table(type).size();
    }
}
