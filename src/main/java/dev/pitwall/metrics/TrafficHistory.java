package dev.pitwall.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The last {@value #SECONDS} seconds of a model service's traffic, one slot per second per backend
 * and figure: what the traffic charts draw. Filled live and, when Prometheus is there, backfilled
 * from a range query. Not thread-safe: its monitor's thread owns it and hands out {@link Snapshot}s.
 */
public final class TrafficHistory {

    public static final int SECONDS = 900;

    /** The figures charted, in their order: requests/s, error %, p50 ms, p99 ms. */
    public enum Figure { REQUESTS, ERROR_PERCENT, P50_MS, P99_MS }

    /** One backend's series, each {@value #SECONDS} values, the last one at the snapshot's second; NaN where unknown. */
    public record BackendSeries(String backend, double[][] values) {
        public double[] of(Figure figure) {
            return values[figure.ordinal()];
        }

        /** The newest known value of a figure, NaN when none. */
        public double latest(Figure figure) {
            double[] series = of(figure);
            for (int i = series.length - 1; i >= 0; i--) {
                if (!Double.isNaN(series[i])) {
                    return series[i];
                }
            }
            return Double.NaN;
        }
    }

    /** A copy for the views: backends by name, every series ending at {@code endSecond}. */
    public record Snapshot(long endSecond, List<BackendSeries> backends) {
        public static final Snapshot EMPTY = new Snapshot(0, List.of());

        public Snapshot {
            backends = List.copyOf(backends);
        }
    }

    /** Per backend: per figure, a ring of values, slot = second mod SECONDS, with the second it holds. */
    private final Map<String, double[][]> rings = new TreeMap<>();
    private final Map<String, long[]> stamps = new TreeMap<>();
    private long newest;

    public void put(long second, String backend, Figure figure, double value) {
        double[][] ring = rings.computeIfAbsent(backend, b -> {
            double[][] fresh = new double[Figure.values().length][SECONDS];
            for (double[] series : fresh) {
                Arrays.fill(series, Double.NaN);
            }
            return fresh;
        });
        long[] stamp = stamps.computeIfAbsent(backend, b -> {
            long[] fresh = new long[SECONDS];
            Arrays.fill(fresh, Long.MIN_VALUE);
            return fresh;
        });
        int slot = (int) Math.floorMod(second, (long) SECONDS);
        if (stamp[slot] != second) {
            for (double[] series : ring) {
                series[slot] = Double.NaN;
            }
            stamp[slot] = second;
        }
        ring[figure.ordinal()][slot] = value;
        newest = Math.max(newest, second);
    }

    /** A backend's figures now, as one point each. */
    public void put(long second, BackendTraffic traffic) {
        put(second, traffic.backend(), Figure.REQUESTS, traffic.requests());
        put(second, traffic.backend(), Figure.ERROR_PERCENT, traffic.errorRatio() * 100);
        put(second, traffic.backend(), Figure.P50_MS, traffic.p50() * 1000);
        put(second, traffic.backend(), Figure.P99_MS, traffic.p99() * 1000);
    }

    public void clear() {
        rings.clear();
        stamps.clear();
        newest = 0;
    }

    /** The last {@value #SECONDS} seconds up to {@code endSecond}, copied. */
    public Snapshot snapshot(long endSecond) {
        List<BackendSeries> backends = new ArrayList<>(rings.size());
        rings.forEach((backend, ring) -> {
            long[] stamp = stamps.get(backend);
            double[][] values = new double[ring.length][SECONDS];
            for (int i = 0; i < SECONDS; i++) {
                long second = endSecond - (SECONDS - 1) + i;
                int slot = (int) Math.floorMod(second, (long) SECONDS);
                boolean held = stamp[slot] == second;
                for (int figure = 0; figure < ring.length; figure++) {
                    values[figure][i] = held ? ring[figure][slot] : Double.NaN;
                }
            }
            backends.add(new BackendSeries(backend, values));
        });
        return new Snapshot(endSecond, backends);
    }

    public long newest() {
        return newest;
    }
}
