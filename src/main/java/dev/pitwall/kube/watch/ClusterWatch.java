package dev.pitwall.kube.watch;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pitwall.fleet.Connection;
import dev.pitwall.fleet.FleetSnapshot;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Pitwall's live view of one context: informers (watches, never polling) for the objects the
 * fleet view shows, and a publisher that turns what they hold into immutable
 * {@link FleetSnapshot}s, at most one per frame ({@value #FRAME_MILLIS} ms) however fast events
 * arrive, and never more than a third of a core's time on building them. When a watch is down the snapshots say so (STALE)
 * within {@value #RECONNECT_GRACE_MILLIS} ms and a quarter of a second (not while a healthy watch reconnects,
 * {@link WatchOutages}); the
 * informers reconnect by themselves (and list again when their resource version has expired),
 * and the next snapshot is LIVE again. When the cluster cannot be read at all (the first lists
 * fail: the API server is not up yet, the network or the credentials are not there yet) the
 * snapshots say so (FAILED, with the reason and when Pitwall tries again) and the watch starts
 * over, first after {@value #RETRY_FIRST_MILLIS} ms, then twice as long each time up to
 * {@value #RETRY_MOST_MILLIS} ms, until it is LIVE.
 */
public final class ClusterWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterWatch.class);
    /** The shortest time between two snapshots: one frame at 60 Hz. */
    static final long FRAME_MILLIS = 16;
    private static final long TICK_MILLIS = 4;
    private static final long HEALTH_MILLIS = 250;
    /** How long a watch may be closed before it counts as down: longer than a healthy one takes to reconnect. */
    static final long RECONNECT_GRACE_MILLIS = 1_000;
    static final long RETRY_FIRST_MILLIS = 1_000;
    static final long RETRY_MOST_MILLIS = 30_000;

    private final String context;
    private final KubernetesClient client;
    private final Consumer<FleetSnapshot> sink;
    private final Changes changes = new Changes();
    private final WatchOutages outages = new WatchOutages(RECONNECT_GRACE_MILLIS);
    private final ScheduledExecutorService publisher;
    private volatile FleetInformers informers;
    private volatile boolean closed;
    private volatile Connection connection;
    private volatile boolean synced;
    private long sequence;
    private long lastHealth;
    private long lastPublish;
    private long spacing = FRAME_MILLIS;
    /**
     * The current attempt to start the informers (only the publisher's thread changes it), and the
     * wait before the next. The wait is never reset: once an attempt has read the cluster its
     * informers reconnect by themselves, and no attempt follows it.
     */
    private int attempt;
    private long retryMillis = RETRY_FIRST_MILLIS;
    private boolean ticking;

    private ClusterWatch(String context, KubernetesClient client, Consumer<FleetSnapshot> sink) {
        this.context = context;
        this.client = client;
        this.sink = sink;
        this.connection = new Connection(context, Connection.Status.CONNECTING, "connecting to " + client.getMasterUrl(),
                Instant.now());
        // at the lowest priority, nice 10 under the launcher's settings: it gives way to the JavaFX thread (decision 17)
        publisher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().priority(Thread.MIN_PRIORITY).name("watch-" + context).factory());
    }

    /**
     * Starts watching, off the calling thread; snapshots go to {@code sink} on the watch's own
     * thread, the first at once (CONNECTING).
     */
    public static ClusterWatch start(String context, KubernetesClient client, Consumer<FleetSnapshot> sink) {
        ClusterWatch watch = new ClusterWatch(context, client, sink);
        watch.publish(true);
        watch.publisher.execute(watch::open);
        return watch;
    }

    /** Starts the informers, on the publisher's thread: at first, and again after the cluster could not be read. */
    private void open() {
        int current = ++attempt;
        try {
            FleetInformers started = new FleetInformers(client, changes);
            informers = started;
            if (closed) {
                started.stop();
                return;
            }
            started.start().forEach(first -> first.whenComplete((ignored, error) -> {
                if (error != null) {
                    onPublisher(() -> fail(error, current));
                }
            }));
        } catch (RuntimeException e) {
            fail(e, current);
        }
        if (!ticking) {
            ticking = true;
            publisher.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void onPublisher(Runnable task) {
        try {
            publisher.execute(task);
        } catch (RejectedExecutionException closing) {
            // closed meanwhile: nothing to report to
        }
    }

    private void tick() {
        try {
            long now = System.nanoTime() / 1_000_000;
            boolean statusChanged = false;
            if (now - lastHealth >= HEALTH_MILLIS) {
                lastHealth = now;
                statusChanged = checkHealth();
            }
            if (synced && (statusChanged || (changes.pending() && now - lastPublish >= spacing))) {
                lastPublish = now;
                long started = System.nanoTime();
                publish(false);
                // Building a snapshot of a large fleet takes time: leave the other threads (the
                // JavaFX thread among them) at least twice that before building the next one.
                spacing = Math.max(FRAME_MILLIS, 2 * (System.nanoTime() - started) / 1_000_000);
            } else if (statusChanged) {
                publish(true);
            }
        } catch (RuntimeException e) {
            LOG.warn("watch of {} failed to publish: {}", context, e.toString());
        }
    }

    /** Updates the connection status from the informers; true when it changed. */
    private boolean checkHealth() {
        FleetInformers current = informers;
        if (current == null || (connection.status() == Connection.Status.FAILED && !current.synced())) {
            return false; // failed, until an attempt after it has read the cluster
        }
        boolean allSynced = current.synced();
        boolean allStarted = current.started();
        List<String> down = outages.down(current.watching(), System.nanoTime() / 1_000_000);
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
            detail = current.unwatched().isEmpty() ? "live"
                    : "live; not permitted to list " + String.join(", ", current.unwatched()) + ", so not shown";
        }
        synced |= allSynced;
        if (status == connection.status() && detail.equals(connection.detail())) {
            return false;
        }
        connection = new Connection(context, status, detail, status == connection.status() ? connection.since() : Instant.now());
        return true;
    }

    private static String clock(Instant instant) {
        return LocalTime.ofInstant(instant, ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * The cluster could not be read in an attempt (once per attempt, however many of its informers
     * fail): says why and when Pitwall tries again, and starts over then.
     */
    private void fail(Throwable error, int failed) {
        if (closed || failed != attempt) {
            return;
        }
        attempt++; // the informers' other failures of this attempt are no news
        if (informers != null) {
            informers.stop();
        }
        Throwable cause = error.getCause() != null && !(error instanceof IllegalStateException) ? error.getCause() : error;
        Instant since = connection.status() == Connection.Status.FAILED ? connection.since() : Instant.now();
        connection = new Connection(context, Connection.Status.FAILED, "cannot read the cluster at " + client.getMasterUrl()
                + " (since " + clock(since) + "): " + cause.getMessage() + ". Trying again at "
                + clock(Instant.now().plusMillis(retryMillis)) + "; check the context's credentials and network.", since);
        publish(true);
        try {
            publisher.schedule(this::open, retryMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            return;
        }
        retryMillis = Math.min(2 * retryMillis, RETRY_MOST_MILLIS);
    }

    private synchronized void publish(boolean statusOnly) {
        if (statusOnly || !synced) {
            sink.accept(FleetSnapshot.statusOnly(connection, ++sequence));
            return;
        }
        long eventNanos = changes.take();
        ConvertedIndex.Contents<dev.pitwall.fleet.FleetPod> pods = informers.pods();
        sink.accept(new FleetSnapshot(connection, ++sequence, Instant.now(), informers.services(), informers.nodes(),
                pods.values(), informers.events(), informers.unwatched(), eventNanos,
                pods.groups().get(FleetInformers.BY_SERVICE), pods.groups().get(FleetInformers.BY_NODE)));
    }

    public String context() {
        return context;
    }

    public Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        closed = true;
        publisher.shutdownNow();
        if (informers != null) {
            informers.stop();
        }
        client.close();
    }
}
