package dev.pitwall.ui.pods;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pitwall.fleet.FleetPod;
import dev.pitwall.fleet.PodState;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;

/** The all-pods table follows 20,000 pods by announcing only what changed, and must still show exactly the snapshot's pods. */
class PodRowsTest {

    private static FleetPod pod(String namespace, String name, PodState state) {
        return new FleetPod(namespace, name, "m", "primary", "v1", "node-1", state, 0, "10.0.0.1", Instant.EPOCH);
    }

    @Test
    void followsAddsRemovesAndChangesAndAnnouncesOnlyThose() {
        FleetPod a = pod("a", "p1", PodState.READY);
        FleetPod b = pod("a-b", "p2", PodState.READY);
        FleetPod c = pod("a", "p3", PodState.READY);
        FleetPod d = pod("z", "p4", PodState.READY);
        PodRows rows = new PodRows();
        // ordered as "namespace/name" strings: "a-b/p2" < "a/p1" < "a/p3" < "z/p4"
        rows.update(List.of(b, a, c, d));
        List<FleetPod> added = new ArrayList<>();
        List<FleetPod> removed = new ArrayList<>();
        rows.addListener((ListChangeListener<FleetPod>) change -> {
            while (change.next()) {
                added.addAll(change.getAddedSubList());
                removed.addAll(change.getRemoved());
            }
        });
        FleetPod cTerminating = pod("a", "p3", PodState.TERMINATING);
        FleetPod e = pod("a", "p5", PodState.STARTING);
        SortedList<FleetPod> sorted = new SortedList<>(rows, (x, y) -> x.name().compareTo(y.name()));

        rows.update(List.of(b, cTerminating, e, d));

        assertEquals(List.of(b, cTerminating, e, d), List.copyOf(rows));
        // the unchanged pods (b, d) are not announced: the table redoes only the changed rows
        assertEquals(List.of(cTerminating, e), added);
        assertEquals(List.of(a, c), removed);
        assertEquals(List.of(b, cTerminating, d, e), List.copyOf(sorted));

        rows.update(List.of());
        assertEquals(0, rows.size());
        assertEquals(0, sorted.size());
    }
}
