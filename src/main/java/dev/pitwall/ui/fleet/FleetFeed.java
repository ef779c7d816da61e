package dev.pitwall.ui.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.pitwall.fleet.FleetSnapshot;
import javafx.application.Platform;

/**
 * Carries snapshots from the watch threads to the JavaFX thread: any number of snapshots, from any
 * thread, become at most one update on the JavaFX thread at a time, holding only the newest
 * snapshot of each context. The JavaFX thread only applies finished snapshots.
 */
public final class FleetFeed implements Consumer<FleetSnapshot> {

    private final ConcurrentHashMap<String, FleetSnapshot> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Consumer<List<FleetSnapshot>> apply;

    /** {@code apply} runs on the JavaFX thread with the newest snapshot of each context that changed. */
    public FleetFeed(Consumer<List<FleetSnapshot>> apply) {
        this.apply = apply;
    }

    @Override
    public void accept(FleetSnapshot snapshot) {
        pending.merge(snapshot.context(), snapshot, (old, fresh) -> fresh.sequence() >= old.sequence() ? fresh : old);
        if (scheduled.compareAndSet(false, true)) {
            Platform.runLater(this::drain);
        }
    }

    private void drain() {
        scheduled.set(false);
        List<FleetSnapshot> batch = new ArrayList<>();
        for (String context : List.copyOf(pending.keySet())) {
            FleetSnapshot snapshot = pending.remove(context);
            if (snapshot != null) {
                batch.add(snapshot);
            }
        }
        if (!batch.isEmpty()) {
            apply.accept(batch);
        }
    }
}
