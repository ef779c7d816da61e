package dev.pitwall.bench;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongConsumer;

/**
 * Times tied to the snapshot they belong to, handed from the watch thread to the JavaFX thread.
 * The fleet feed applies only the newest snapshot of a context in a frame, so a frame that applies
 * snapshot N shows what every snapshot up to N held: the JavaFX thread takes the times of them all.
 */
final class Stamps {

    private record Stamp(long sequence, long nanos) {
    }

    private final ConcurrentLinkedQueue<Stamp> queue = new ConcurrentLinkedQueue<>();

    /** On the watch thread, in the order of the snapshots' sequence numbers. */
    void add(long sequence, long nanos) {
        queue.add(new Stamp(sequence, nanos));
    }

    /** On the JavaFX thread: the times of the snapshots up to {@code sequence}, each once. */
    void takeUpTo(long sequence, LongConsumer nanos) {
        for (Stamp head = queue.peek(); head != null && head.sequence() <= sequence; head = queue.peek()) {
            queue.poll();
            nanos.accept(head.nanos());
        }
    }
}
