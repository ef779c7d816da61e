package dev.pitwall.ops;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operation's hold on its model service: the Lease taken before its first request, renewed
 * while it runs, and released at its end. The operations of one drill share one hold per model
 * service (a pod killed while a restart runs): the first takes the Lease in the drill's name, the
 * last one to finish releases it, and nobody else can act on the service meanwhile.
 */
final class ServiceHold implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceHold.class);
    /** Holds shared by a drill's operations in this process, by "drill namespace/model". */
    private static final Map<String, ServiceHold> SHARED = new HashMap<>();

    private final ServiceLease lease;
    private final String model;
    private final String key;
    private final ScheduledExecutorService renewer;
    private int users = 1;

    private ServiceHold(ServiceLease lease, String model, String key) {
        this.lease = lease;
        this.model = model;
        this.key = key;
        this.renewer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("lease-" + model).factory());
    }

    /**
     * Takes the hold: the operation's own Lease, or (with a {@code group}) the group's, shared.
     *
     * @param lease a Lease in the operation's name (or the group's)
     * @throws OperationRefused when someone else holds the service
     */
    static ServiceHold take(ServiceLease lease, Target target, String group) {
        if (group == null) {
            lease.acquire();
            return new ServiceHold(lease, target.model(), null).renewing();
        }
        String key = group + " " + target.namespace() + "/" + target.model();
        synchronized (SHARED) {
            ServiceHold held = SHARED.get(key);
            if (held != null) {
                held.users++;
                return held;
            }
            lease.acquire();
            ServiceHold hold = new ServiceHold(lease, target.model(), key).renewing();
            SHARED.put(key, hold);
            return hold;
        }
    }

    private ServiceHold renewing() {
        renewer.scheduleWithFixedDelay(() -> {
            try {
                lease.renew();
            } catch (RuntimeException e) {
                LOG.warn("could not renew the Lease of {}: {}", model, e.getMessage());
            }
        }, ServiceLease.RENEW.toMillis(), ServiceLease.RENEW.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Stops renewing; the last user releases the Lease. */
    @Override
    public void close() {
        if (!lastUser()) {
            return;
        }
        renewer.shutdownNow();
        try {
            lease.release();
        } catch (RuntimeException e) {
            LOG.warn("could not release the Lease of {}: {}", model, e.getMessage());
        }
    }

    /** The operation ended unexpectedly: the last user stops renewing, and the Lease lapses by itself. */
    void abandon() {
        if (lastUser()) {
            renewer.shutdownNow();
        }
    }

    private boolean lastUser() {
        if (key == null) {
            return true;
        }
        synchronized (SHARED) {
            if (--users > 0) {
                return false;
            }
            SHARED.remove(key);
            return true;
        }
    }
}
