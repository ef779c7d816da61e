package dev.pitwall.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The JVM's stop-the-world collections as they happen (from the collectors' notifications), on
 * the JVM's uptime clock in milliseconds, so that a benchmark can tell which of its long frames
 * held a collection pause. Concurrent cycles (which do not stop the application) are left out.
 */
final class GcPauses {

    /** One pause: [start, end] in ms of JVM uptime. */
    record Pause(long start, long end) {
        long millis() {
            return end - start;
        }
    }

    private final List<Pause> pauses = new ArrayList<>();

    GcPauses() {
        for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        return;
                    }
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    if (info.getGcName().contains("Concurrent") || info.getGcName().contains("Cycles")) {
                        return;
                    }
                    synchronized (pauses) {
                        pauses.add(new Pause(info.getGcInfo().getStartTime(), info.getGcInfo().getEndTime()));
                    }
                }, null, null);
            }
        }
    }

    /** The JVM's uptime now, in ms: the clock the pauses are on. */
    static long now() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    /** The longest pause that overlaps [start, end] (ms of uptime), 0 when none does. */
    long longestWithin(long start, long end) {
        synchronized (pauses) {
            return pauses.stream().filter(pause -> pause.end() >= start && pause.start() <= end)
                    .mapToLong(Pause::millis).max().orElse(0);
        }
    }

    /** How many pauses ended in [start, end] and the longest, as "N pauses, longest M ms". */
    String between(long start, long end) {
        synchronized (pauses) {
            List<Pause> in = pauses.stream().filter(pause -> pause.end() >= start && pause.end() <= end).toList();
            return in.size() + " GC pauses, longest " + in.stream().mapToLong(Pause::millis).max().orElse(0) + " ms";
        }
    }
}
