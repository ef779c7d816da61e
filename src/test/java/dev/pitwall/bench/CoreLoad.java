package dev.pitwall.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy one core of the machine was between two readings, from {@code /proc/stat}: the share
 * of its time not idle (nor waiting on the disk). The fleet benchmark reads the sandbox's core,
 * to tell whether the stand-in for the cluster kept up.
 */
final class CoreLoad {

    private final long busy;
    private final long total;

    private CoreLoad(long busy, long total) {
        this.busy = busy;
        this.total = total;
    }

    /** The counters of core {@code core}; zero when they cannot be read (not Linux). */
    static CoreLoad read(int core) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                if (line.startsWith("cpu" + core + " ")) {
                    String[] fields = line.trim().split("\\s+");
                    long total = 0;
                    for (int i = 1; i < fields.length && i <= 8; i++) {
                        total += Long.parseLong(fields[i]);
                    }
                    long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
                    return new CoreLoad(total - idle, total);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // not Linux, or a kernel that writes the file otherwise: no figure
        }
        return new CoreLoad(0, 0);
    }

    /** The share of the core's time it was busy since {@code start}, in %; -1 when unknown. */
    double busySince(CoreLoad start) {
        long elapsed = total - start.total;
        return elapsed <= 0 ? -1 : 100.0 * (busy - start.busy) / elapsed;
    }
}
