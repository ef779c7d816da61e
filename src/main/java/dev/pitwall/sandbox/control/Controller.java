package dev.pitwall.sandbox.control;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

/**
 * One sandbox controller: informer events put object keys ({@code namespace/name}) on a work
 * queue; workers reconcile each key towards its desired state, and requeue it when the API
 * server refuses (conflicts) or the state is not yet reached.
 */
abstract class Controller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Controller.class);

    private final String name;
    private final int workers;
    protected final WorkQueue queue;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    Controller(String name, int workers) {
        this.name = name;
        this.workers = workers;
        this.queue = new WorkQueue("sandbox-" + name);
    }

    String name() {
        return name;
    }

    /** Brings one object towards its desired state. */
    abstract void reconcile(String key);

    void start() {
        running = true;
        for (int i = 0; i < workers; i++) {
            threads.add(Thread.ofPlatform().daemon().name("sandbox-" + name + "-" + i).start(this::work));
        }
    }

    private void work() {
        while (running) {
            String key;
            try {
                key = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (key == null) {
                return;
            }
            try {
                reconcile(key);
            } catch (KubernetesClientException e) {
                if (!running) {
                    return;
                }
                if (e.getCode() == 409 || e.getCode() == 404) {
                    queue.addAfter(key, 20); // raced with another writer or a deletion: read again
                } else {
                    LOG.debug("{} controller: {} failed ({}), retrying", name, key, e.getMessage());
                    queue.addAfter(key, 500);
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("{} controller: reconciling {} failed: {}", name, key, e.toString());
                    queue.addAfter(key, 1000);
                }
            } finally {
                queue.done(key);
            }
        }
    }

    /** The informer cache's key: {@code namespace/name}, or the bare name of a cluster-scoped object. */
    static String key(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return namespace == null || namespace.isEmpty() ? object.getMetadata().getName()
                : namespace + "/" + object.getMetadata().getName();
    }

    /** An informer handler that enqueues what {@code keys} maps each changed object to. */
    <T extends HasMetadata> ResourceEventHandler<T> enqueueing(java.util.function.Function<T, List<String>> keys) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                keys.apply(object).forEach(queue::add);
            }

            @Override
            public void onUpdate(T before, T after) {
                keys.apply(after).forEach(queue::add);
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                keys.apply(object).forEach(queue::add);
            }
        };
    }

    <T extends HasMetadata> ResourceEventHandler<T> enqueueingSelf() {
        return enqueueing(object -> List.of(key(object)));
    }

    @Override
    public void close() {
        running = false;
        queue.close();
        threads.forEach(Thread::interrupt);
    }
}
