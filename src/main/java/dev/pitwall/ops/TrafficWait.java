package dev.pitwall.ops;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import dev.pitwall.kube.traffic.Split;
import dev.pitwall.kube.traffic.TrafficAdapter;
import dev.pitwall.metrics.BackendTraffic;
import dev.pitwall.metrics.DirectTraffic;
import dev.pitwall.metrics.Slo;

/**
 * The traffic steps of failover and failback. Verify: the split took (the adapter's own check,
 * re-run on each change a watch reports), then the pods' counters show the expected track serving
 * its share within the error budget. Gate: the split is held for the bake time while the gated
 * track's errors and p99 stay within the objective; a breach ends it at once with {@link GateFailed}.
 */
final class TrafficWait {

    /** How often the pods' counters are read while verifying: each pair of reads is one window. */
    static final long VERIFY_WINDOW_MILLIS = 150;
    /** How often a gate looks at what the gated track served since the stage began. */
    static final long GATE_TICK_MILLIS = 1000;
    /** Without a single request for this long, verification says so and rests on the adapter's word. */
    static final long QUIET_MILLIS = 2000;

    /** A gate that failed: its message says what the gated track did. */
    static final class GateFailed extends OperationRefused {
        GateFailed(String message) {
            super(message);
        }
    }

    private final TrafficAdapter adapter;
    private final TrafficProbe probe;
    private final String namespace;
    private final Duration timeout;
    private final BooleanSupplier abort;

    TrafficWait(TrafficAdapter adapter, TrafficProbe probe, String namespace, Duration timeout, BooleanSupplier abort) {
        this.adapter = adapter;
        this.probe = probe;
        this.namespace = namespace;
        this.timeout = timeout;
        this.abort = abort;
    }

    /** Waits until the adapter reports {@code split} in force (watched, not polled); what it said. */
    String took(String model, Split split, Consumer<String> progress) {
        CompletableFuture<String> done = new CompletableFuture<>();
        String[] last = {""};
        Runnable check = () -> {
            try {
                String verdict = adapter.verify(namespace, model, split);
                if (verdict.isEmpty()) {
                    done.complete(adapter.id() + " holds " + split.describe());
                } else if (!verdict.equals(last[0])) {
                    last[0] = verdict;
                    progress.accept(verdict);
                }
            } catch (RuntimeException e) {
                last[0] = e.getMessage();
            }
        };
        long deadline = System.nanoTime() + timeout.toNanos();
        try (AutoCloseable watch = adapter.watch(namespace, model, check)) {
            check.run();
            while (true) {
                stopIfAsked("waiting for " + split.describe() + " to take");
                if (System.nanoTime() > deadline) {
                    throw new OperationRefused(split.describe() + " did not take within " + timeout.toSeconds() + " s: " + last[0]);
                }
                try {
                    return done.get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // look at abort and the deadline, then wait again
                } catch (ExecutionException e) {
                    throw new OperationRefused(e.getCause().getMessage());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationRefused("interrupted while waiting for the split to take");
        } catch (OperationRefused e) {
            throw e;
        } catch (Exception e) {
            throw new OperationRefused("cannot watch " + model + "'s traffic split: " + e.getMessage());
        }
    }

    /** The split took and the expected track serves its share within its error budget: what was seen. */
    String verify(TrafficStep step, Consumer<String> progress) {
        Split split = new Split(step.split());
        String took = took(step.model(), split, progress);
        Slo slo = probe.slo(namespace, step.model());
        double expected = split.percent(step.track()) / 100.0;
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        DirectTraffic.Scrape before = probe.read(namespace, step.model());
        String last = "";
        while (true) {
            sleep(VERIFY_WINDOW_MILLIS);
            stopIfAsked("verifying " + split.describe());
            DirectTraffic.Scrape after = probe.read(namespace, step.model());
            List<BackendTraffic> tracks = DirectTraffic.between(before, after, slo);
            double total = tracks.stream().mapToDouble(BackendTraffic::requests).sum();
            BackendTraffic serving = tracks.stream().filter(t -> t.backend().equals(step.track())).findFirst().orElse(null);
            if (total > 0 && serving != null && serving.requests() > 0) {
                double share = serving.requests() / total;
                boolean enough = expected >= 1 ? share >= 0.95 : share >= expected / 2;
                boolean withinBudget = !(serving.errorRatio() > slo.errorBudget());
                String seen = step.track() + " serves " + percent(share) + " of " + Math.round(total) + " req/s, errors "
                        + percent(serving.errorRatio());
                if (enough && withinBudget) {
                    return took + "; " + seen;
                }
                last = seen + (withinBudget ? "" : " (over the budget of " + percent(slo.errorBudget()) + ")");
                progress.accept("waiting: " + last);
            } else if (total == 0 && System.nanoTime() - started > TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS)) {
                return took + "; no request arrived in " + QUIET_MILLIS / 1000 + " s, so the metrics confirm nothing";
            }
            if (System.nanoTime() > deadline) {
                throw new OperationRefused("the split took but the " + step.track() + " track did not serve as expected within "
                        + timeout.toSeconds() + " s: " + (last.isEmpty() ? "it served nothing" : last));
            }
            before = after;
        }
    }

    /** Holds the split for the bake time; returns what the gated track did, or throws {@link GateFailed}. */
    String gate(TrafficStep step, Consumer<String> progress) {
        Slo slo = probe.slo(namespace, step.model());
        String stage = step.track() + " at " + step.split().getOrDefault(step.track(), 0) + " %";
        DirectTraffic.Scrape start = probe.read(namespace, step.model());
        long began = System.nanoTime();
        long end = began + TimeUnit.SECONDS.toNanos(step.holdSeconds());
        BackendTraffic seen = null;
        while (System.nanoTime() < end) {
            sleep(Math.min(GATE_TICK_MILLIS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
            stopIfAsked("holding " + stage);
            DirectTraffic.Scrape now = probe.read(namespace, step.model());
            seen = DirectTraffic.between(start, now, slo).stream().filter(t -> t.backend().equals(step.track())).findFirst().orElse(null);
            double elapsed = (System.nanoTime() - began) / 1e9;
            if (seen != null && seen.requests() > 0) {
                String breach = breach(seen, slo);
                if (breach != null) {
                    throw new GateFailed("the gate at " + stage + " failed after " + String.format(Locale.ROOT, "%.1f", elapsed)
                            + " s: " + breach);
                }
                progress.accept(String.format(Locale.ROOT, "holding %s: %.0f of %d s, %s", stage, elapsed, step.holdSeconds(),
                        figures(seen)));
            }
        }
        if (seen == null || !(seen.requests() > 0)) {
            throw new GateFailed("the gate at " + stage + " failed: the " + step.track() + " track served no request in "
                    + step.holdSeconds() + " s");
        }
        return "gate passed at " + stage + ": " + figures(seen);
    }

    /** Null within the objective; else how it is breached. */
    static String breach(BackendTraffic track, Slo slo) {
        if (track.errorRatio() > slo.errorBudget()) {
            return "errors " + percent(track.errorRatio()) + " over the budget of " + percent(slo.errorBudget());
        }
        if (track.p99() > slo.p99Seconds()) {
            return "p99 " + Math.round(track.p99() * 1000) + " ms over the objective of " + Math.round(slo.p99Seconds() * 1000) + " ms";
        }
        return null;
    }

    private static String figures(BackendTraffic track) {
        return String.format(Locale.ROOT, "%.0f req/s, errors %s, p99 %s", track.requests(), percent(track.errorRatio()),
                Double.isNaN(track.p99()) ? "unknown" : Math.round(track.p99() * 1000) + " ms");
    }

    private static String percent(double ratio) {
        return Double.isNaN(ratio) ? "unknown" : String.format(Locale.ROOT, ratio < 0.01 && ratio > 0 ? "%.2f %%" : "%.1f %%", ratio * 100);
    }

    private void stopIfAsked(String doing) {
        if (abort.getAsBoolean()) {
            throw new OperationRefused("aborted while " + doing);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationRefused("interrupted");
        }
    }
}
