package dev.pitwall.bench;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.pitwall.fleet.FleetPod;
import dev.pitwall.fleet.FleetSnapshot;
import dev.pitwall.fleet.PodState;
import dev.pitwall.sandbox.Sandbox;

/**
 * The latency from the sandbox's write of a change to the frame that shows it, timed from outside
 * Pitwall. The sandbox ({@code --churn-log}) prints each pod its churn deletes with the time,
 * {@link System#nanoTime()}, just before it sent the deletion to its store; every snapshot Pitwall
 * builds is searched for those pods, and a pod shown Terminating, or gone, is timed to the end of
 * the frame that applies that snapshot or a newer one. This takes in all that lies between the API
 * server and the screen: the watch's fan-out, TLS, HTTP, JSON, the informers, the snapshot and
 * the JavaFX thread, where the watch-event latency starts only once an informer hands Pitwall the
 * event. Both processes run on one machine, so their monotonic clocks are the same clock.
 */
final class ChurnLatency {

    /** A deleted pod not shown Terminating or gone by then counts as never shown. */
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final ConcurrentLinkedQueue<Sandbox.Churned> deleted = new ConcurrentLinkedQueue<>();
    private final AtomicLong deletions = new AtomicLong();
    private final AtomicLong neverShown = new AtomicLong();
    /** Read and written on the watch thread only. */
    private final List<Sandbox.Churned> awaiting = new ArrayList<>();
    private final FrameLatencies shown = new FrameLatencies();

    /** A line of the sandbox's output, from any thread: the churn's lines are taken, the others ignored. */
    void line(String line) {
        Sandbox.Churned.parse(line).ifPresent(pod -> {
            deleted.add(pod);
            deletions.incrementAndGet();
        });
    }

    /** On the watch thread, with every snapshot, built at {@code now}: which deleted pods it shows Terminating or gone. */
    void published(FleetSnapshot snapshot, long now) {
        if (snapshot.podsByNode().isEmpty()) {
            return; // a status-only snapshot shows no pods at all
        }
        for (Sandbox.Churned pod = deleted.poll(); pod != null; pod = deleted.poll()) {
            awaiting.add(pod);
        }
        for (Iterator<Sandbox.Churned> it = awaiting.iterator(); it.hasNext(); ) {
            Sandbox.Churned pod = it.next();
            FleetPod current = find(snapshot.podsByNode().getOrDefault(pod.node(), List.of()), pod);
            if (current == null || current.state() == PodState.TERMINATING) {
                shown.stamp(snapshot.sequence(), pod.sentNanos());
                it.remove();
            } else if (now - pod.sentNanos() > GIVE_UP_NANOS) {
                neverShown.incrementAndGet();
                it.remove();
            }
        }
    }

    private static FleetPod find(List<FleetPod> onNode, Sandbox.Churned pod) {
        for (FleetPod candidate : onNode) {
            if (candidate.name().equals(pod.name()) && candidate.namespace().equals(pod.namespace())) {
                return candidate;
            }
        }
        return null;
    }

    /** On the JavaFX thread: this frame applies the snapshots up to {@code sequence}. */
    void applied(long sequence) {
        shown.applied(sequence);
    }

    /** On the JavaFX thread, at the end of a frame's layout pulse. */
    void pulse(long now, boolean measuring) {
        shown.pulse(now, measuring);
    }

    /** On the JavaFX thread: the latencies measured since the last call. */
    FrameLatencies.Measured take() {
        return shown.take();
    }

    /** A phase's line of the report: how many, at what rate, p50, p99, longest, and p99 by 5 s. */
    static String report(FrameLatencies.Measured measured, long phaseStartNanos, long phaseSeconds, double deletionsPerSecond,
                         long neverShown) {
        return String.format("sandbox's write->frame: %d pods the churn deleted (%.1f/s, %.0f transitions/s)"
                        + "  p50 %5.1f ms  p99 %5.1f ms  longest %5.1f ms  not shown within 10 s: %d; p99 by 5 s: %s ms",
                measured.latencies().size(), deletionsPerSecond, deletionsPerSecond * Sandbox.Churned.TRANSITIONS,
                measured.percentileMillis(0.50), measured.percentileMillis(0.99),
                measured.latencies().stream().mapToLong(Long::longValue).max().orElse(0) / 1e6, neverShown,
                measured.p99By5Seconds(phaseStartNanos, phaseSeconds));
    }

    long deletions() {
        return deletions.get();
    }

    long neverShown() {
        return neverShown.get();
    }
}
