package dev.pitwall.ui.pods;

import java.util.List;

import dev.pitwall.fleet.FleetPod;
import javafx.collections.ObservableListBase;

/**
 * The rows of a pod table that follow a fleet's pods: each update is one change naming only the
 * pods that came, went or changed, so that the table's filter, sort and cells redo only those
 * rows instead of all 20,000. Both the rows and each update are ordered by "namespace/name" (as
 * snapshots hold them), and a pod that did not change is the same object in both.
 */
public final class PodRows extends ObservableListBase<FleetPod> {

    private List<FleetPod> rows = List.of();

    /** Replaces the rows with {@code next}, announcing only the differences. */
    public void update(List<FleetPod> next) {
        List<FleetPod> old = rows;
        if (old == next) {
            return;
        }
        beginChange();
        try {
            int i = 0;
            int j = 0;
            // the list during the change is next[0, j) followed by old[i, ...)
            while (i < old.size() || j < next.size()) {
                if (i < old.size() && j < next.size() && old.get(i) == next.get(j)) {
                    i++;
                    j++;
                    continue;
                }
                int order = i >= old.size() ? 1 : j >= next.size() ? -1 : compare(old.get(i), next.get(j));
                if (order == 0) {
                    nextSet(j, old.get(i));
                    i++;
                    j++;
                } else if (order < 0) {
                    nextRemove(j, old.get(i));
                    i++;
                } else {
                    nextAdd(j, j + 1);
                    j++;
                }
            }
            rows = next;
        } finally {
            endChange();
        }
    }

    /** Orders as "namespace/name" strings do, without building them. */
    public static int compare(FleetPod a, FleetPod b) {
        return compareKeys(a.namespace(), a.name(), b.namespace(), b.name());
    }

    private static int compareKeys(String namespaceA, String nameA, String namespaceB, String nameB) {
        int lengthA = namespaceA.length() + 1 + nameA.length();
        int lengthB = namespaceB.length() + 1 + nameB.length();
        int shortest = Math.min(lengthA, lengthB);
        for (int k = 0; k < shortest; k++) {
            char a = charAt(namespaceA, nameA, k);
            char b = charAt(namespaceB, nameB, k);
            if (a != b) {
                return Character.compare(a, b);
            }
        }
        return Integer.compare(lengthA, lengthB);
    }

    private static char charAt(String namespace, String name, int k) {
        if (k < namespace.length()) {
            return namespace.charAt(k);
        }
        return k == namespace.length() ? '/' : name.charAt(k - namespace.length() - 1);
    }

    @Override
    public FleetPod get(int index) {
        return rows.get(index);
    }

    @Override
    public int size() {
        return rows.size();
    }
}
