package dev.pitwall.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The machine's DAMON proactive reclaim paused for the length of a benchmark, and started again
 * afterwards.
 * <p>
 * Why: these virtual machines run a DAMON {@code pageout} scheme on all physical memory
 * ({@code /sys/kernel/mm/damon/admin/kdamonds/N}), which reclaims pages not touched for about a
 * minute; with no swap, that is the page cache, so the JDK's and Pitwall's JARs, class archive
 * and native libraries are read again from disk when a cold part of them is next used. A
 * scheduler trace with kernel stacks found a JIT compiler thread asleep on such a read (and on
 * the address-space lock behind it) for up to a second, and the JVM's safepoints waiting for it:
 * frames of 200 to 800 ms with the core idle (docs/benchmarks.md, ninth round). No desktop
 * reclaims a running program's files while memory is free. Only the daemons that were on are
 * paused; without root nothing can be written, and nothing is changed. They are started again
 * when the benchmark ends, and also if the JVM is stopped before that (a shutdown hook).
 * <p>
 * Something on these machines may start a paused daemon again during a run (seen 2026-12-03: a
 * minute after the pause, followed by a frame of 794 ms in which the process used no CPU), so a
 * daemon thread reads the paused daemons' state every second, pauses again any that came back
 * on, and counts it ({@link #restarts()}).
 */
final class ProactiveReclaim implements AutoCloseable {

    private static final Path KDAMONDS = Path.of("/sys/kernel/mm/damon/admin/kdamonds");

    /** The state files of the daemons this paused. */
    private final List<Path> paused;
    private final AtomicBoolean resumed = new AtomicBoolean();
    private final AtomicInteger restarts = new AtomicInteger();

    private ProactiveReclaim(List<Path> paused) {
        this.paused = paused;
        if (!paused.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::close, "resume-proactive-reclaim"));
            Thread.ofPlatform().daemon().name("hold-proactive-reclaim-paused").start(this::holdPaused);
        }
    }

    /** Every second until the benchmark ends: pauses again a daemon that something started. */
    private void holdPaused() {
        while (!resumed.get()) {
            for (Path state : paused) {
                try {
                    if (!resumed.get() && Files.readString(state).strip().equals("on")) {
                        Files.writeString(state, "off");
                        restarts.incrementAndGet();
                    }
                } catch (IOException gone) {
                    // the daemon went away meanwhile
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException stopped) {
                return;
            }
        }
    }

    /** How often something started a paused daemon again during the run (each paused again within a second). */
    int restarts() {
        return restarts.get();
    }

    /** Pauses every running DAMON daemon that may be paused. */
    static ProactiveReclaim pause() {
        List<Path> paused = new ArrayList<>();
        if (Files.isDirectory(KDAMONDS)) {
            try (Stream<Path> daemons = Files.list(KDAMONDS)) {
                for (Path daemon : daemons.filter(Files::isDirectory).toList()) {
                    Path state = daemon.resolve("state");
                    try {
                        if (Files.readString(state).strip().equals("on")) {
                            Files.writeString(state, "off");
                            paused.add(state);
                        }
                    } catch (IOException notAllowed) {
                        // not root, or the daemon went away: leave it as it is
                    }
                }
            } catch (IOException unreadable) {
                // nothing to pause
            }
        }
        return new ProactiveReclaim(paused);
    }

    /** How many daemons this paused. */
    int count() {
        return paused.size();
    }

    /** Starts again every daemon this paused (once, however often it is called). */
    @Override
    public void close() {
        if (resumed.getAndSet(true)) {
            return;
        }
        for (Path state : paused) {
            try {
                Files.writeString(state, "on");
            } catch (IOException gone) {
                // the daemon went away meanwhile
            }
        }
    }
}
