package dev.pitwall.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The time the JVM's stop-the-world collections took so far, so that a benchmark can tell how much
 * of each long frame was a collection pause: read it at the start and end of a frame. G1's
 * concurrent cycles and ZGC's cycle counters ("... Cycles"), which do not stop the application,
 * are left out.
 */
final class GcPauses {

    private final List<GarbageCollectorMXBean> pausing = ManagementFactory.getGarbageCollectorMXBeans().stream()
            .filter(collector -> !collector.getName().contains("Concurrent") && !collector.getName().contains("Cycles")).toList();

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
