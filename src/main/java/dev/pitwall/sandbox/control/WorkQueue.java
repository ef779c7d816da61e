package dev.pitwall.sandbox.control;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A work queue as client-go's: a key waits once however often it is added, is never handed to
 * two workers at once, and a key added while it is being processed is processed again after.
 */
final class WorkQueue implements AutoCloseable {

    private final LinkedHashSet<String> queue = new LinkedHashSet<>();
    private final Set<String> processing = new HashSet<>();
    private final Set<String> dirtyWhileProcessing = new HashSet<>();
    private final ScheduledExecutorService delays;
    private boolean shutDown;

    WorkQueue(String name) {
        this.delays = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name(name + "-delays").factory());
    }

    synchronized void add(String key) {
        if (shutDown) {
            return;
        }
        if (processing.contains(key)) {
            dirtyWhileProcessing.add(key);
            return;
        }
        if (queue.add(key)) {
            notifyAll();
        }
    }

    void addAfter(String key, long millis) {
        if (millis <= 0) {
            add(key);
            return;
        }
        synchronized (this) {
            if (shutDown) {
                return;
            }
        }
        delays.schedule(() -> add(key), millis, TimeUnit.MILLISECONDS);
    }

    /** The next key, or null once the queue is shut down. */
    synchronized String take() throws InterruptedException {
        while (queue.isEmpty() && !shutDown) {
            wait();
        }
        if (shutDown) {
            return null;
        }
        String key = queue.removeFirst();
        processing.add(key);
        return key;
    }

    synchronized void done(String key) {
        processing.remove(key);
        if (dirtyWhileProcessing.remove(key) && queue.add(key)) {
            notifyAll();
        }
    }

    synchronized int size() {
        return queue.size();
    }

    @Override
    public synchronized void close() {
        shutDown = true;
        delays.shutdownNow();
        notifyAll();
    }
}
