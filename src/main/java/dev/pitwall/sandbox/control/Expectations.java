package dev.pitwall.sandbox.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a controller has asked for and not yet seen in its cache (client-go's expectations):
 * while a ReplicaSet waits to observe the pods it created or deleted, it is not reconciled
 * again, so a lagging cache never makes it create or delete twice. Expectations lapse after a
 * while so that a lost event cannot stall a ReplicaSet forever.
 */
final class Expectations {

    private static final long LAPSE_MILLIS = 5_000;

    private record Pending(int adds, int deletes, long since) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    void expect(String key, int adds, int deletes) {
        pending.put(key, new Pending(adds, deletes, System.currentTimeMillis()));
    }

    void observedAdd(String key) {
        pending.computeIfPresent(key, (k, p) -> new Pending(p.adds() - 1, p.deletes(), p.since()));
    }

    void observedDelete(String key) {
        pending.computeIfPresent(key, (k, p) -> new Pending(p.adds(), p.deletes() - 1, p.since()));
    }

    boolean satisfied(String key) {
        Pending p = pending.get(key);
        if (p == null) {
            return true;
        }
        if ((p.adds() <= 0 && p.deletes() <= 0) || System.currentTimeMillis() - p.since() > LAPSE_MILLIS) {
            pending.remove(key);
            return true;
        }
        return false;
    }

    void forget(String key) {
        pending.remove(key);
    }
}
