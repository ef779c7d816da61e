package dev.pitwall.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where this process's CPU time goes, by thread: every thread of the process, the JVM's own (GC
 * workers, JIT compilers) and JavaFX's native ones included, read from Linux's
 * {@code /proc/self/task/<tid>/stat} (user and system time in clock ticks). A benchmark takes one
 * reading at the start of a phase and one at its end; the difference, grouped by what the
 * threads do, says which of them share the core with the JavaFX thread. Elsewhere than Linux
 * there is nothing to read and the readings are empty.
 */
final class ThreadCpu {

    /** Clock ticks per second: 100 on Linux on x86 and ARM (USER_HZ). */
    private static final double TICKS_PER_SECOND = 100;
    private static final Path TASKS = Path.of("/proc/self/task");

    private final Map<String, Long> ticksByThread;
    /** The groups of threads whose nice value is not 0, with it (a priority policy changed them). */
    private final Map<String, Integer> niceByGroup;

    private ThreadCpu(Map<String, Long> ticksByThread, Map<String, Integer> niceByGroup) {
        this.ticksByThread = ticksByThread;
        this.niceByGroup = niceByGroup;
    }

    /** Each live thread's CPU time so far, keyed by thread id and name. */
    static ThreadCpu read() {
        Map<String, Long> ticks = new HashMap<>();
        Map<String, Integer> nice = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // "tid (comm) state ..." where comm may hold spaces and parentheses: split after the last ')'
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] fields = stat.substring(close + 2).split(" ");
                    long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                    ticks.put(task.getFileName() + " " + stat.substring(open + 1, close), used);
                    int niceness = Integer.parseInt(fields[16]);
                    if (niceness != 0) {
                        nice.put(group(stat.substring(open + 1, close)), niceness);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended between the listing and the read
                }
            });
        } catch (IOException notLinux) {
            return new ThreadCpu(Map.of(), Map.of());
        }
        return new ThreadCpu(ticks, nice);
    }

    /**
     * The share of one core each group of threads used between {@code start} and this reading,
     * over {@code seconds}, largest first, as "group 41 %" items; threads that started within the
     * phase count from zero.
     */
    String sharesSince(ThreadCpu start, double seconds) {
        Map<String, Long> byGroup = new TreeMap<>();
        ticksByThread.forEach((thread, ticks) -> byGroup.merge(group(thread.substring(thread.indexOf(' ') + 1)),
                ticks - start.ticksByThread.getOrDefault(thread, 0L), Long::sum));
        long total = byGroup.values().stream().mapToLong(Long::longValue).sum();
        return String.format("all threads %.0f %% of a core: ", 100 * total / TICKS_PER_SECOND / seconds) + byGroup.entrySet().stream()
                .filter(group -> group.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(group -> String.format("%s %.1f %%", group.getKey(), 100 * group.getValue() / TICKS_PER_SECOND / seconds))
                .collect(Collectors.joining(", "))
                + (niceByGroup.isEmpty() ? "" : "; nice values not 0: " + niceByGroup.entrySet().stream()
                .map(group -> group.getKey() + " " + group.getValue()).collect(Collectors.joining(", ")));
    }

    /** What a thread does, from its (at most 15-character) Linux name. */
    private static String group(String name) {
        if (name.startsWith("JavaFX Applicat")) {
            return "JavaFX thread";
        }
        if (name.startsWith("QuantumRenderer")) {
            return "renderer";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return "GC";
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") || name.startsWith("Training replay")) {
            // the last replays the ahead-of-time cache's method profiles to the compilers (decision 18)
            return "JIT";
        }
        if (name.startsWith("vert.x-")) {
            return "Vert.x (fabric8's HTTP)";
        }
        if (name.startsWith("kube-tasks-")) {
            return "fabric8's task pool"; // Pitwall's clients build it at the lowest priority (BackgroundTaskPool)
        }
        if (name.matches("-?[0-9]+-p(o(ol.*)?)?")) {
            return "fabric8's task pool (fabric8's own)"; // a hash code, negative for some; the kernel keeps 15 characters
        }
        if (name.startsWith("watch-")) {
            return "snapshots (watch thread)";
        }
        return "other (" + name.replaceAll("[#0-9-]+$", "") + ")";
    }
}
