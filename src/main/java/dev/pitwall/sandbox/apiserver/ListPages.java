package dev.pitwall.sandbox.apiserver;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

import dev.pitwall.sandbox.store.ApiException;
import dev.pitwall.sandbox.store.ObjectStore;
import dev.pitwall.sandbox.store.ResourceType;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lists read in chunks ({@code limit} and {@code continue}), as the Kubernetes API serves them:
 * every chunk of one list comes from the one read its first chunk made, at that read's resource
 * version, so that a client (kubectl's {@code --chunk-size}, an informer's list) sees one
 * consistent list however long it takes. The rest of a list is kept for a minute after its last
 * chunk was read; a token older than that, or one this server never gave, is answered with 410
 * Expired, as Kubernetes answers a token whose revision has been compacted.
 */
final class ListPages {

    /** How long the rest of a list waits for its next chunk. */
    static final long KEPT_NANOS = 60_000_000_000L;
    /** Lists left unfinished at one time; beyond it the oldest is dropped (its client gets 410 and lists again). */
    static final int MAX_PENDING = 32;

    /** One chunk: its objects, the list's resource version, and what the client needs to read on. */
    record Page(List<ObjectNode> items, long resourceVersion, String continueToken, long remainingItemCount) {
    }

    private record Rest(ResourceType type, List<ObjectNode> items, int next, long resourceVersion, long readNanos) {
    }

    private final Map<String, Rest> pending = new LinkedHashMap<>();
    private final LongSupplier nanoTime;

    ListPages(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    ListPages() {
        this(System::nanoTime);
    }

    /** The first chunk of a list just read; all of it when {@code limit} is 0. */
    synchronized Page first(ResourceType type, ObjectStore.ListResult list, long limit) {
        return chunk(new Rest(type, list.items(), 0, list.resourceVersion(), nanoTime.getAsLong()), limit);
    }

    /** The chunk after the one that gave {@code token}. */
    synchronized Page next(ResourceType type, String token, long limit) {
        dropExpired();
        Rest rest = pending.remove(token);
        if (rest == null || !rest.type().equals(type)) {
            throw new ApiException(410, "Expired", "The provided continue parameter is too old to display a consistent list"
                    + " result. You can start a new list without the continue parameter.");
        }
        return chunk(rest, limit);
    }

    private Page chunk(Rest rest, long limit) {
        int end = limit <= 0 ? rest.items().size() : (int) Math.min(rest.items().size(), rest.next() + limit);
        List<ObjectNode> items = rest.items().subList(rest.next(), end);
        if (end == rest.items().size()) {
            return new Page(items, rest.resourceVersion(), "", 0);
        }
        dropExpired();
        while (pending.size() >= MAX_PENDING) {
            pending.remove(pending.keySet().iterator().next());
        }
        String token = UUID.randomUUID().toString();
        pending.put(token, new Rest(rest.type(), rest.items(), end, rest.resourceVersion(), nanoTime.getAsLong()));
        return new Page(items, rest.resourceVersion(), token, rest.items().size() - end);
    }

    private void dropExpired() {
        long now = nanoTime.getAsLong();
        for (Iterator<Rest> it = pending.values().iterator(); it.hasNext(); ) {
            if (now - it.next().readNanos() > KEPT_NANOS) {
                it.remove();
            }
        }
    }

    /** The {@code limit} parameter: 0 (everything) when absent or not positive. */
    static long limit(String value) {
        if (value.isEmpty()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit: not a number: " + value);
        }
    }
}
