package dev.pitwall.kube.watch;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether anything changed since the last snapshot, and when the oldest such change arrived:
 * watch threads mark it, the publisher takes it.
 */
final class Changes {

    private final AtomicLong oldestNanos = new AtomicLong();

    /** A watch event arrived now. */
    void mark() {
        long now = System.nanoTime();
        oldestNanos.compareAndSet(0, now == 0 ? 1 : now);
    }

    /** The arrival time of the oldest unpublished event, 0 when none; clears it. */
    long take() {
        return oldestNanos.getAndSet(0);
    }

    boolean pending() {
        return oldestNanos.get() != 0;
    }
}
