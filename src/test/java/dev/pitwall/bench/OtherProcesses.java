package dev.pitwall.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every other process of the machine moved to one core for the length of a benchmark, and back
 * to the cores it had afterwards, so that the benchmarked process has the other core to itself.
 * <p>
 * Why: on these machines a kernel thread, {@code kdamond} (the virtual machine's DAMON proactive
 * reclaim, allowed 50 ms of CPU a second), ran in bursts of up to 29 ms on the core Pitwall was
 * pinned to, because the sandbox kept the other core full; a scheduler trace
 * ({@code perf record -e sched:sched_switch}) found it on the core for 39 ms of a 60 ms frame.
 * Processes and kernel threads that may not be moved (per-core kernel threads, or anything when
 * not root) stay where they are: {@code taskset} refuses them and they are left out.
 */
final class OtherProcesses implements AutoCloseable {

    /** Each moved process and the cores it had ({@code taskset}'s list form). */
    private final Map<Long, String> moved;

    private OtherProcesses(Map<Long, String> moved) {
        this.moved = moved;
    }

    /** Moves every process but this one (and its children, already placed) to {@code core}. */
    static OtherProcesses moveTo(int core) throws IOException, InterruptedException {
        long self = ProcessHandle.current().pid();
        Set<Long> children = ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        Map<Long, String> moved = new LinkedHashMap<>();
        List<Path> processes;
        try (Stream<Path> listing = Files.list(Path.of("/proc"))) {
            processes = listing.filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit)).toList();
        }
        for (Path process : processes) {
            long pid = Long.parseLong(process.getFileName().toString());
            if (pid == self || children.contains(pid)) {
                continue;
            }
            String cores = allowedCores(process);
            if (cores != null && !cores.equals(String.valueOf(core)) && taskset(String.valueOf(core), pid)) {
                moved.put(pid, cores);
            }
        }
        return new OtherProcesses(moved);
    }

    int count() {
        return moved.size();
    }

    /** Puts every moved process that still runs back on its cores. */
    @Override
    public void close() throws InterruptedException {
        for (Map.Entry<Long, String> process : moved.entrySet()) {
            try {
                taskset(process.getValue(), process.getKey());
            } catch (IOException gone) {
                // the process ended meanwhile
            }
        }
    }

    private static String allowedCores(Path process) {
        try {
            for (String line : Files.readAllLines(process.resolve("status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return line.substring("Cpus_allowed_list:".length()).strip();
                }
            }
        } catch (IOException | RuntimeException gone) {
            // ended between the listing and the read
        }
        return null;
    }

    /** Puts process {@code pid}, all its threads, on {@code cores}; false when taskset refuses. */
    static boolean taskset(String cores, long pid) throws IOException, InterruptedException {
        return new ProcessBuilder("taskset", "-a", "-cp", cores, String.valueOf(pid)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor() == 0;
    }
}
