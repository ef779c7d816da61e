package dev.pitwall.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Times stamped on the snapshots that carry them, on the watch thread, each timed on the JavaFX
 * thread to the end of the first frame that shows it. The fleet feed applies only the newest
 * snapshot of a context in a frame, so a frame that applies snapshot N shows what every snapshot
 * up to N held: it takes the times of them all. The fleet benchmark keeps one for the watch
 * events and one for the sandbox's writes ({@link ChurnLatency}).
 */
final class FrameLatencies {

    private record Stamp(long sequence, long nanos) {
    }

    private final ConcurrentLinkedQueue<Stamp> stamped = new ConcurrentLinkedQueue<>();
    /** Read and written on the JavaFX thread only. */
    private final List<Long> inFrame = new ArrayList<>();
    private final List<Long> latencies = new ArrayList<>();
    /** The end of the frame of each latency, side by side with them. */
    private final List<Long> frameEnds = new ArrayList<>();

    /** On the watch thread, in the order of the snapshots' sequence numbers: {@code nanos} belongs to snapshot {@code sequence}. */
    void stamp(long sequence, long nanos) {
        stamped.add(new Stamp(sequence, nanos));
    }

    /** On the JavaFX thread: this frame applies the snapshots up to {@code sequence}. */
    void applied(long sequence) {
        for (Stamp head = stamped.peek(); head != null && head.sequence() <= sequence; head = stamped.peek()) {
            stamped.poll();
            inFrame.add(head.nanos());
        }
    }

    /** On the JavaFX thread, at the end of a frame's layout pulse: the times it showed are timed when measuring, else dropped. */
    void pulse(long now, boolean measuring) {
        if (measuring) {
            inFrame.forEach(nanos -> {
                latencies.add(now - nanos);
                frameEnds.add(now);
            });
        }
        inFrame.clear();
    }

    /** On the JavaFX thread: the latencies measured since the last call. */
    Measured take() {
        Measured taken = new Measured(List.copyOf(latencies), List.copyOf(frameEnds));
        latencies.clear();
        frameEnds.clear();
        return taken;
    }

    /** Latencies (ns), each with the end of its frame ({@link System#nanoTime()}). */
    record Measured(List<Long> latencies, List<Long> frameEnds) {

        /** The {@code quantile} of the latencies, in ms. */
        double percentileMillis(double quantile) {
            return Bench.percentile(latencies, quantile) / 1e6;
        }

        /** The 99th percentile of each 5 s of a phase of {@code phaseSeconds} from {@code startNanos}, in ms, as "a / b / c". */
        String p99By5Seconds(long startNanos, long phaseSeconds) {
            return p99ByWindow(startNanos, TimeUnit.SECONDS.toNanos(5), (int) Math.max(1, phaseSeconds / 5));
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
}
