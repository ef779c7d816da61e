package dev.pitwall.kube.watch;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pitwall.fleet.Connection;
import dev.pitwall.fleet.FleetSnapshot;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * Pitwall's live view of one context: informers (watches, never polling) for the objects the
 * fleet view shows, and a publisher that turns their caches into immutable {@link FleetSnapshot}s,
 * at most one every {@value #PUBLISH_MILLIS} ms however fast events arrive. When a watch is down
 * the snapshots say so (STALE) within a quarter of a second; the informers reconnect by
 * themselves, and the next snapshot is LIVE again.
 */
public final class ClusterWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterWatch.class);
    static final long PUBLISH_MILLIS = 50;
    private static final long HEALTH_MILLIS = 250;

    private final String context;
    private final KubernetesClient client;
    private final Consumer<FleetSnapshot> sink;
    private final Map<String, SharedIndexInformer<?>> informers = new LinkedHashMap<>();
    private final SharedIndexInformer<Deployment> deployments;
    private final SharedIndexInformer<Pod> pods;
    private final SharedIndexInformer<Node> nodes;
    private final SharedIndexInformer<Service> services;
    private final SharedIndexInformer<HTTPRoute> routes;
    private final AtomicBoolean dirty = new AtomicBoolean(true);
    private final ScheduledExecutorService publisher;
    private volatile Connection connection;
    private volatile boolean synced;
    /** Informers that have had their watch open at least once: until then, a closed one is still connecting. */
    private final java.util.Set<String> everWatched = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private long sequence;

    private ClusterWatch(String context, KubernetesClient client, Consumer<FleetSnapshot> sink) {
        this.context = context;
        this.client = client;
        this.sink = sink;
        this.connection = new Connection(context, Connection.Status.CONNECTING, "connecting to " + client.getMasterUrl(),
                Instant.now());
        deployments = register("deployments", client.apps().deployments().inAnyNamespace().runnableInformer(0));
        pods = register("pods", client.pods().inAnyNamespace().runnableInformer(0));
        nodes = register("nodes", client.nodes().runnableInformer(0));
        services = register("services", client.services().inAnyNamespace().runnableInformer(0));
        routes = register("httproutes", client.resources(HTTPRoute.class).inAnyNamespace().runnableInformer(0));
        publisher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("watch-" + context).factory());
    }

    private <T extends io.fabric8.kubernetes.api.model.HasMetadata> SharedIndexInformer<T> register(String name,
                                                                                                  SharedIndexInformer<T> informer) {
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                dirty.set(true);
            }

            @Override
            public void onUpdate(T before, T after) {
                dirty.set(true);
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                dirty.set(true);
            }
        });
        informers.put(name, informer);
        return informer;
    }

    /** Starts watching; snapshots go to {@code sink} on the watch's own thread. */
    public static ClusterWatch start(String context, KubernetesClient client, Consumer<FleetSnapshot> sink) {
        ClusterWatch watch = new ClusterWatch(context, client, sink);
        watch.publish(true);
        watch.informers.values().forEach(informer -> informer.start().whenComplete((ignored, error) -> {
            if (error != null) {
                watch.fail(error);
            }
        }));
        watch.publisher.scheduleWithFixedDelay(watch::tick, PUBLISH_MILLIS, PUBLISH_MILLIS, TimeUnit.MILLISECONDS);
        return watch;
    }

    private long lastHealth;

    private void tick() {
        try {
            long now = System.currentTimeMillis();
            boolean statusChanged = false;
            if (now - lastHealth >= HEALTH_MILLIS) {
                lastHealth = now;
                statusChanged = checkHealth();
            }
            if (synced && (dirty.getAndSet(false) || statusChanged)) {
                publish(false);
            } else if (statusChanged) {
                publish(true);
            }
        } catch (RuntimeException e) {
            LOG.warn("watch of {} failed to publish: {}", context, e.toString());
        }
    }

    /** Updates the connection status from the informers; true when it changed. */
    private boolean checkHealth() {
        if (connection.status() == Connection.Status.FAILED) {
            return false;
        }
        informers.forEach((name, informer) -> {
            if (informer.isWatching()) {
                everWatched.add(name);
            }
        });
        boolean allSynced = informers.values().stream().allMatch(SharedIndexInformer::hasSynced);
        boolean allStarted = everWatched.size() == informers.size();
        List<String> down = informers.entrySet().stream().filter(entry -> !entry.getValue().isWatching())
                .map(Map.Entry::getKey).toList();
        Connection.Status status;
        String detail;
        if (!allSynced || !allStarted) {
            status = Connection.Status.CONNECTING;
            detail = "reading the cluster at " + client.getMasterUrl();
        } else if (!down.isEmpty()) {
            status = Connection.Status.STALE;
            String since = connection.status() == Connection.Status.STALE ? clock(connection.since()) : clock(Instant.now());
            detail = "watch of " + String.join(", ", down) + " lost at " + since + "; reconnecting, what is shown may be out of date";
        } else {
            status = Connection.Status.LIVE;
            detail = "live";
        }
        synced |= allSynced;
        if (status == connection.status() && (status != Connection.Status.STALE || detail.equals(connection.detail()))) {
            return false;
        }
        connection = new Connection(context, status, detail, status == connection.status() ? connection.since() : Instant.now());
        return true;
    }

    private static String clock(Instant instant) {
        return LocalTime.ofInstant(instant, ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private void fail(Throwable error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        connection = new Connection(context, Connection.Status.FAILED, "cannot read the cluster at " + client.getMasterUrl()
                + ": " + cause.getMessage() + ". Check the context's credentials and network, then reconnect.", Instant.now());
        publish(true);
    }

    private synchronized void publish(boolean statusOnly) {
        FleetSnapshot snapshot = statusOnly || !synced
                ? new FleetSnapshot(connection, ++sequence, Instant.now(), List.of(), List.of(), List.of())
                : SnapshotBuilder.build(connection, ++sequence, deployments.getIndexer().list(), pods.getIndexer().list(),
                nodes.getIndexer().list(), services.getIndexer().list(), routes.getIndexer().list());
        sink.accept(snapshot);
    }

    public String context() {
        return context;
    }

    public Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        publisher.shutdownNow();
        informers.values().forEach(SharedIndexInformer::stop);
        client.close();
    }
}
