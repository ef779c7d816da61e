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
