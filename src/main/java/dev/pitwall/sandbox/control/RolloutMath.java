package dev.pitwall.sandbox.control;

import java.util.ArrayList;
import java.util.List;

/**
 * The arithmetic of a Deployment's rolling update, as Kubernetes' deployment controller does it,
 * free of I/O so that it can be tested on its own. Surge rounds up, unavailable rounds down, and
 * both zero means one may be unavailable.
 */
final class RolloutMath {

    private RolloutMath() {
    }

    /**
     * A ReplicaSet's counts: its desired replicas, its available pods, and its active pods (not
     * terminating), which stay above desired until its controller has deleted the pods it was
     * scaled down by.
     */
    record Counts(int desired, int available, int active) {

        /** A ReplicaSet whose controller has caught up: as many active pods as desired. */
        Counts(int desired, int available) {
            this(desired, available, desired);
        }

        /** What the set holds against the surge: its pods still there, or the ones it asks for. */
        int held() {
            return Math.max(desired, active);
        }
    }

    record Bounds(int maxSurge, int maxUnavailable) {
    }

    static Bounds bounds(String maxSurge, String maxUnavailable, int replicas) {
        int surge = resolve(maxSurge, replicas, true);
        int unavailable = resolve(maxUnavailable, replicas, false);
        if (surge == 0 && unavailable == 0) {
            unavailable = 1;
        }
        return new Bounds(surge, Math.min(unavailable, replicas));
    }

    static int resolve(String value, int total, boolean roundUp) {
        if (value == null || value.isBlank()) {
            return resolve("25%", total, roundUp);
        }
        String text = value.strip();
        if (text.endsWith("%")) {
            double fraction = Double.parseDouble(text.substring(0, text.length() - 1)) * total / 100.0;
            return (int) (roundUp ? Math.ceil(fraction) : Math.floor(fraction));
        }
        return Integer.parseInt(text);
    }

    /**
     * The new ReplicaSet's next desired replicas. The surge counts an old set's pods until they
     * are terminating, not only its desired replicas (Kubernetes counts desired only): an old set
     * just scaled down still has the pod its controller is about to delete, and growing the new
     * set into that room at once would briefly run more pods than replicas plus maxSurge.
     */
    static int scaleUpNew(int replicas, Bounds bounds, Counts newSet, List<Counts> oldSets) {
        if (newSet.desired() > replicas) {
            return replicas;
        }
        if (newSet.desired() == replicas) {
            return replicas;
        }
        int total = newSet.held() + oldSets.stream().mapToInt(Counts::held).sum();
        int room = replicas + bounds.maxSurge() - total;
        if (room <= 0) {
            return newSet.desired();
        }
        return Math.min(newSet.desired() + room, replicas);
    }

    /**
     * The old ReplicaSets' next desired replicas (same order as given, oldest first), never taking
     * the available pods below {@code replicas - maxUnavailable}. Unhealthy old replicas are
     * removed first, as they count for nothing.
     */
    static List<Integer> scaleDownOld(int replicas, Bounds bounds, Counts newSet, List<Counts> oldSets) {
        List<Integer> next = new ArrayList<>(oldSets.stream().map(Counts::desired).toList());
        int minAvailable = replicas - bounds.maxUnavailable();
        int allDesired = newSet.desired() + oldSets.stream().mapToInt(Counts::desired).sum();
        int newUnavailable = Math.max(0, newSet.desired() - newSet.available());
        int maxScaledDown = allDesired - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) {
            return next;
        }
        // Clean up unhealthy old replicas first: they are not serving anyway.
        for (int i = 0; i < next.size() && maxScaledDown > 0; i++) {
            int unhealthy = Math.max(0, next.get(i) - oldSets.get(i).available());
            int cut = Math.min(unhealthy, maxScaledDown);
            next.set(i, next.get(i) - cut);
            maxScaledDown -= cut;
        }
        // Then scale down healthy old replicas while availability allows.
        int available = Math.min(newSet.available(), newSet.desired());
        for (int i = 0; i < next.size(); i++) {
            available += Math.min(oldSets.get(i).available(), next.get(i));
        }
        int canRemove = Math.min(available - minAvailable, maxScaledDown);
        for (int i = 0; i < next.size() && canRemove > 0; i++) {
            int cut = Math.min(next.get(i), canRemove);
            next.set(i, next.get(i) - cut);
            canRemove -= cut;
        }
        return next;
    }
}
