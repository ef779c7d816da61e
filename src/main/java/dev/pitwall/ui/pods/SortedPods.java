package dev.pitwall.ui.pods;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import dev.pitwall.fleet.FleetPod;
import javafx.collections.ListChangeListener;

/**
 * The pods in a chosen order, kept up to date change by change: a removed pod is found and an
 * added one placed by binary search, so a change costs a search and an array move, not a pass
 * over every pod as JavaFX's SortedList does (it renumbers its whole index on each change, which
 * at 20,000 pods and a hundred changes a second was a visible share of each frame). Without an
 * order, the source is shown as it is (namespace/name, as the fleet's pods come).
 */
final class SortedPods {

    private final List<FleetPod> source;
    private Comparator<FleetPod> order;
    private final List<FleetPod> sorted = new ArrayList<>();

    SortedPods(List<FleetPod> source) {
        this.source = source;
    }

    /** Sorts by {@code comparator} (ties by namespace/name); null shows the source's order. */
    void sortBy(Comparator<FleetPod> comparator) {
        order = comparator == null ? null : comparator.thenComparing(PodRows::compare);
        sorted.clear();
        if (order != null) {
            sorted.addAll(source);
            sorted.sort(order);
        }
    }

    /** Applies a change of the source. */
    void apply(ListChangeListener.Change<? extends FleetPod> change) {
        if (order == null) {
            return;
        }
        while (change.next()) {
            if (change.wasPermutated() || change.wasUpdated()) {
                continue; // the same pods, each in its place by the order
            }
            for (FleetPod removed : change.getRemoved()) {
                int at = Collections.binarySearch(sorted, removed, order);
                if (at >= 0 && sorted.get(at) == removed) {
                    sorted.remove(at);
                } else {
                    sorted.remove(removed); // not where its fields say (cannot happen with immutable pods): by identity
                }
            }
            for (FleetPod added : change.getAddedSubList()) {
                int at = Collections.binarySearch(sorted, added, order);
                sorted.add(at >= 0 ? at : -at - 1, added);
            }
        }
    }

    /** What is shown, in order. */
    List<FleetPod> rows() {
        return order == null ? source : Collections.unmodifiableList(sorted);
    }
}
