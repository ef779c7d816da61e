package dev.pitwall.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The time the JVM's stop-the-world collections took so far, so that a benchmark can tell how much
 * of each long frame was a collection pause: read it at the start and end of a frame. G1's
 * "G1 Concurrent GC" counts its Remark and Cleanup pauses, which stop the application, so it is
 * counted (until the twelfth benchmark round it was left out, taken for the concurrent cycles);
 * ZGC's and Shenandoah's cycle counters ("... Cycles"), which do not stop it, are left out. It
 * also keeps the longest single pause, from the collectors' notifications.
 */
final class GcPauses {

    private final List<GarbageCollectorMXBean> pausing = ManagementFactory.getGarbageCollectorMXBeans().stream()
            .filter(collector -> !collector.getName().contains("Cycles")).toList();
    private final AtomicLong longest = new AtomicLong();

    GcPauses() {
        for (GarbageCollectorMXBean collector : pausing) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        long pause = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo().getDuration();
                        longest.accumulateAndGet(pause, Math::max);
                    }
                }, null, null);
            }
        }
    }

    /**
     * The longest single pause, in milliseconds, since the last call (the notifications arrive a
     * moment after each pause, from the JVM's service thread).
     */
    long takeLongest() {
        return longest.getAndSet(0);
    }

    /** Milliseconds spent in collection pauses since the JVM started. */
    long millis() {
        long total = 0;
        for (GarbageCollectorMXBean collector : pausing) {
            total += Math.max(0, collector.getCollectionTime());
        }
        return total;
    }

    /** How many collection pauses there were since the JVM started. */
    long count() {
        long total = 0;
        for (GarbageCollectorMXBean collector : pausing) {
            total += Math.max(0, collector.getCollectionCount());
        }
        return total;
    }
}
