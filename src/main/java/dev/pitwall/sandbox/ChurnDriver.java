package dev.pitwall.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.pitwall.sandbox.store.ApiException;
import dev.pitwall.sandbox.store.KubeObjects;
import dev.pitwall.sandbox.store.ObjectStore;
import dev.pitwall.sandbox.store.ResourceType;

/**
 * Steady background churn for benchmarks: replaces random pods so that about {@code transitions}
 * pod state transitions happen per second. Each replacement makes {@value #TRANSITIONS_PER_REPLACEMENT}
 * (the old pod terminating and gone; the new one created, scheduled, running, ready), so the
 * driver deletes {@code transitions / 6} pods per second, gracefully, and the controllers do the rest.
 */
final class ChurnDriver implements AutoCloseable {

    static final int TRANSITIONS_PER_REPLACEMENT = 6;
    private static final long TICK_MILLIS = 50;

    private final ObjectStore store;
    private final ResourceType pods;
    private final String namespace;
    private final double replacementsPerTick;
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("sandbox-churn").factory());
    private double owed;
    private List<String> names = List.of();
    private long namesReadAt;

    ChurnDriver(ObjectStore store, ResourceType pods, String namespace, double transitionsPerSecond) {
        this.store = store;
        this.pods = pods;
        this.namespace = namespace;
        this.replacementsPerTick = transitionsPerSecond / TRANSITIONS_PER_REPLACEMENT * TICK_MILLIS / 1000.0;
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
        for (String name : pick(count)) {
            try {
                store.get(pods, namespace, name).filter(pod -> !KubeObjects.markedForDeletion(pod)
                                && "Running".equals(pod.path("status").path("phase").asString("")))
                        .ifPresent(pod -> store.delete(pods, namespace, name, null, null, null, false));
            } catch (ApiException gone) {
                // replaced meanwhile
            }
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
