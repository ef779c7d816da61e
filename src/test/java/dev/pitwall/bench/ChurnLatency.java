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
    private final Stamps shown = new Stamps();
    /** Read and written on the JavaFX thread only. */
    private final List<Long> inFrame = new ArrayList<>();
    private final List<Long> latencies = new ArrayList<>();
    /** The end of the frame of each latency, side by side with them. */
    private final List<Long> frameEnds = new ArrayList<>();

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
                shown.add(snapshot.sequence(), pod.sentNanos());
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
        shown.takeUpTo(sequence, inFrame::add);
    }

    /** On the JavaFX thread, at the end of a frame's layout pulse. */
    void pulse(long now, boolean measuring) {
        if (measuring) {
            inFrame.forEach(sent -> {
                latencies.add(now - sent);
                frameEnds.add(now);
            });
        }
        inFrame.clear();
    }

    /** Latencies (ns), each with the end of its frame ({@link System#nanoTime()}). */
    record Measured(List<Long> latencies, List<Long> frameEnds) {

        /** The {@code quantile} of the latencies, in ms. */
        double percentileMillis(double quantile) {
            return Bench.percentile(latencies, quantile) / 1e6;
        }

        /** The phase's line of the report: how many, at what rate, p50, p99, longest, and p99 by 5 s. */
        String report(long phaseStartNanos, long phaseSeconds, double deletionsPerSecond, long neverShown) {
            return String.format("sandbox's write->frame: %d pods the churn deleted (%.1f/s, %.0f transitions/s)"
                            + "  p50 %5.1f ms  p99 %5.1f ms  longest %5.1f ms  not shown within 10 s: %d; p99 by 5 s: %s ms",
                    latencies.size(), deletionsPerSecond, deletionsPerSecond * Sandbox.Churned.TRANSITIONS, percentileMillis(0.50),
                    percentileMillis(0.99), latencies.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6, neverShown,
                    p99ByWindow(phaseStartNanos, TimeUnit.SECONDS.toNanos(5), (int) Math.max(1, phaseSeconds / 5)));
        }

        /** The 99th percentile of each {@code windowNanos} from {@code startNanos}, in ms, as "a / b / c". */
        String p99ByWindow(long startNanos, long windowNanos, int windows) {
            List<String> figures = new ArrayList<>();
            for (int w = 0; w < windows; w++) {
                List<Long> inWindow = new ArrayList<>();
                for (int i = 0; i < latencies.size(); i++) {
                    long at = frameEnds.get(i) - startNanos;
                    if (at >= w * windowNanos && at < (w + 1) * windowNanos) {
                        inWindow.add(latencies.get(i));
                    }
                }
                figures.add(inWindow.isEmpty() ? "-" : String.format("%.0f", Bench.percentile(inWindow, 0.99) / 1e6));
            }
            return String.join(" / ", figures);
        }
    }

    /** On the JavaFX thread: the latencies measured since the last call. */
    Measured take() {
        Measured taken = new Measured(List.copyOf(latencies), List.copyOf(frameEnds));
        latencies.clear();
        frameEnds.clear();
        return taken;
    }

    long deletions() {
        return deletions.get();
    }

    long neverShown() {
        return neverShown.get();
    }
}
