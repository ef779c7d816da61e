package dev.pitwall.ui.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.pitwall.fleet.FleetSnapshot;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Carries snapshots from the watch threads to the JavaFX thread: any number of snapshots, from any
 * thread, become at most one update per frame (applied in the pulse's animation step), holding
 * only the newest snapshot of each context. Work that needs no JavaFX (recording history) is done
 * on the watch thread as each snapshot arrives; the JavaFX thread only applies finished snapshots.
 */
public final class FleetFeed implements Consumer<FleetSnapshot> {

    private final ConcurrentHashMap<String, FleetSnapshot> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Consumer<FleetSnapshot> offThread;
    private final Consumer<List<FleetSnapshot>> apply;
    private final AnimationTimer nextFrame = new AnimationTimer() {
        @Override
        public void handle(long now) {
            stop();
            drain();
        }
    };

    /** Feeds a fleet view-model: history off the JavaFX thread, the newest snapshots once per frame on it. */
    public FleetFeed(FleetViewModel model) {
        this(model::record, model::apply);
    }

    /**
     * {@code offThread} runs on the watch thread with every snapshot; {@code apply} runs on the
     * JavaFX thread, at most once per frame, with the newest snapshot of each context that changed.
     */
    public FleetFeed(Consumer<FleetSnapshot> offThread, Consumer<List<FleetSnapshot>> apply) {
        this.offThread = offThread;
        this.apply = apply;
    }

    @Override
    public void accept(FleetSnapshot snapshot) {
        offThread.accept(snapshot);
        pending.merge(snapshot.context(), snapshot, (old, fresh) -> fresh.sequence() >= old.sequence() ? fresh : old);
        if (scheduled.compareAndSet(false, true)) {
            Platform.runLater(nextFrame::start);
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
