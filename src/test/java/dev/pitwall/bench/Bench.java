package dev.pitwall.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;

/** What the benchmarks share: reading on the JavaFX thread, and percentiles of measured nanoseconds. */
public final class Bench {

    private Bench() {
    }

    /**
     * Starts JavaFX (its platform and pipeline set by the caller) and shows the root that
     * {@code create} makes on the JavaFX thread in a 1280x800 window, themed as Pitwall's, with
     * {@code pulse} told after each layout pulse and an animation asking for a pulse every frame,
     * so that the gaps between pulses are the frame times.
     */
    public static <T extends javafx.scene.Parent> T show(java.util.function.Supplier<T> create, Runnable pulse) throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        return onFx(() -> {
            dev.pitwall.ui.Theme.installUserAgent();
            T root = create.get();
            javafx.scene.Scene scene = new javafx.scene.Scene(root, 1280, 800);
            dev.pitwall.ui.Theme.apply(scene);
            scene.addPostLayoutPulseListener(pulse);
            javafx.stage.Stage stage = new javafx.stage.Stage();
            stage.setScene(scene);
            stage.show();
            new javafx.animation.AnimationTimer() {
                @Override
                public void handle(long now) {
                    // asks for a pulse every frame
                }
            }.start();
            return root;
        });
    }

    /** Runs {@code read} on the JavaFX thread and waits (at most 30 s) for its result. */
    public static <T> T onFx(Callable<T> read) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(read.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }

    /** The {@code quantile} (0.99 for p99) of the values, 0 when there are none. */
    public static long percentile(List<Long> values, double quantile) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }
}
