package dev.pitwall.kube.traffic;

import dev.pitwall.ops.KubeRequest;

/**
 * One way a model service's traffic is split between its tracks, able to read the split in force,
 * to make the request that changes it (sent by the operations layer, the one writer), and to
 * verify that the change took.
 */
public interface TrafficAdapter {

    /** Its name in plans and the journal: "httproute", "service-selector". */
    String id();

    /** The split in force now, read from the cluster. */
    Split read(String namespace, String model);

    /**
     * The request that moves the split from {@code from} (as read) to {@code to}; where the API
     * allows, it fails when the split changed meanwhile instead of overwriting someone else's.
     *
     * @throws IllegalArgumentException when this adapter cannot express {@code to}, saying why
     */
    KubeRequest shift(String namespace, String model, Split from, Split to);

    /** "" when the cluster shows {@code expected} in force, else what it shows instead. */
    String verify(String namespace, String model, Split expected);

    /**
     * Watches the objects {@link #verify} reads (an informer: one list, then a watch; no polling)
     * and runs {@code changed} on every change; closing it stops the watch.
     */
    AutoCloseable watch(String namespace, String model, Runnable changed);

    /** A watch handler that runs {@code changed} on whatever happens to the watched objects. */
    static <T> io.fabric8.kubernetes.client.informers.ResourceEventHandler<T> onAnyChange(Runnable changed) {
        return new io.fabric8.kubernetes.client.informers.ResourceEventHandler<>() {
            @Override
            public void onAdd(T added) {
                changed.run();
            }

            @Override
            public void onUpdate(T before, T after) {
                changed.run();
            }

            @Override
            public void onDelete(T deleted, boolean finalStateUnknown) {
                changed.run();
            }
        };
    }
}
