package dev.pitwall.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.pitwall.sandbox.store.ApiException;
import dev.pitwall.sandbox.store.KubeObjects;
import dev.pitwall.sandbox.store.ObjectStore;
import dev.pitwall.sandbox.store.ResourceType;

/**
 * Steady background churn for benchmarks: replaces random pods so that about {@code transitions}
 * pod state transitions happen per second. Each replacement makes {@value #TRANSITIONS_PER_REPLACEMENT}
 * (the old pod terminating and gone; the new one created, scheduled, running, ready), so the
 * driver deletes {@code transitions / 6} pods per second, gracefully, and the controllers do the rest.
 * Each deletion is told to the listener, if any, with the time it was sent to the store.
 */
final class ChurnDriver implements AutoCloseable {

    static final int TRANSITIONS_PER_REPLACEMENT = 6;
    private static final long TICK_MILLIS = 50;
    private static final int PICKS_PER_DELETION = 4;

    private final ObjectStore store;
    private final ResourceType pods;
    private final String namespace;
    private final double replacementsPerTick;
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("sandbox-churn").factory());
    private double owed;
    private List<String> names = List.of();
    private long namesReadAt;
    private volatile Consumer<Sandbox.Churned> listener = churned -> { };

    ChurnDriver(ObjectStore store, ResourceType pods, String namespace, double transitionsPerSecond) {
        this.store = store;
        this.pods = pods;
        this.namespace = namespace;
        this.replacementsPerTick = transitionsPerSecond / TRANSITIONS_PER_REPLACEMENT * TICK_MILLIS / 1000.0;
    }

    void onDeletion(Consumer<Sandbox.Churned> deletions) {
        listener = deletions;
    }

    void start() {
        ticker.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        owed += replacementsPerTick;
        int count = (int) owed;
        if (count == 0) {
            return;
        }
        owed -= count;
        int deleted = 0;
        // a pick that is not Running (a replacement on its way, one already terminating) is passed
        // over for another, a bounded number of times, so that the rate holds
        for (String name : pick(count * PICKS_PER_DELETION)) {
            if (deleted == count) {
                break;
            }
            if (replace(name)) {
                deleted++;
            }
        }
    }

    /** Deletes a Running pod, gracefully; false when it is not Running or gone. */
    private boolean replace(String name) {
        try {
            var pod = store.get(pods, namespace, name).filter(found -> !KubeObjects.markedForDeletion(found)
                    && "Running".equals(found.path("status").path("phase").asString("")));
            if (pod.isEmpty()) {
                return false;
            }
            long sent = System.nanoTime();
            store.delete(pods, namespace, name, null, null, null, false);
            listener.accept(new Sandbox.Churned(sent, namespace, name, pod.get().path("spec").path("nodeName").asString("")));
            return true;
        } catch (ApiException gone) {
            return false; // replaced meanwhile
        }
    }

    /** Random pods, from a list of names read once a second (deleted ones are skipped by the caller). */
    private List<String> pick(int count) {
        long now = System.currentTimeMillis();
        if (now - namesReadAt > 1000) {
            List<String> fresh = new ArrayList<>();
            store.forEach(pods, namespace, pod -> {
                if (!KubeObjects.markedForDeletion(pod)) {
                    fresh.add(KubeObjects.name(pod));
                }
            });
            names = fresh;
            namesReadAt = now;
        }
        List<String> chosen = new ArrayList<>(count);
        for (int i = 0; i < count && !names.isEmpty(); i++) {
            chosen.add(names.get(ThreadLocalRandom.current().nextInt(names.size())));
        }
        return chosen;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
