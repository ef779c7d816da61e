package dev.pitwall.sandbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class RolloutMathTest {

    @Test
    void boundsRoundSurgeUpAndUnavailableDownAndNeverBothZero() {
        assertEquals(new RolloutMath.Bounds(1, 0), RolloutMath.bounds("25%", "25%", 3));
        assertEquals(new RolloutMath.Bounds(3, 2), RolloutMath.bounds("25%", "25%", 10));
        assertEquals(new RolloutMath.Bounds(0, 1), RolloutMath.bounds("0", "0", 4));
        assertEquals(new RolloutMath.Bounds(1, 1), RolloutMath.bounds(null, "1", 4));
    }

    @Test
    void newReplicaSetGrowsOnlyIntoTheSurge() {
        RolloutMath.Bounds bounds = new RolloutMath.Bounds(1, 1);
        assertEquals(1, RolloutMath.scaleUpNew(4, bounds, new RolloutMath.Counts(0, 0), List.of(new RolloutMath.Counts(4, 4))));
        assertEquals(2, RolloutMath.scaleUpNew(4, bounds, new RolloutMath.Counts(1, 1), List.of(new RolloutMath.Counts(3, 3))));
        assertEquals(4, RolloutMath.scaleUpNew(4, bounds, new RolloutMath.Counts(6, 6), List.of()), "scaled down to replicas");
    }

    @Test
    void theSurgeCountsAnOldPodUntilItIsTerminating() {
        RolloutMath.Bounds bounds = new RolloutMath.Bounds(1, 1);
        // The old set was scaled to 3 but its controller has not deleted the fourth pod yet: 1 new + 4 old is the ceiling.
        assertEquals(1, RolloutMath.scaleUpNew(4, bounds, new RolloutMath.Counts(1, 1), List.of(new RolloutMath.Counts(3, 3, 4))));
        // Once that pod is terminating, the new set takes its place.
        assertEquals(2, RolloutMath.scaleUpNew(4, bounds, new RolloutMath.Counts(1, 1), List.of(new RolloutMath.Counts(3, 3, 3))));
    }

    @Test
    void oldReplicaSetsShrinkOnlyWhileAvailabilityAllows() {
        RolloutMath.Bounds bounds = new RolloutMath.Bounds(1, 1);
        // 4 old available, a new pod not yet ready: one old may go (4 available - 3 floor).
        assertEquals(List.of(3), RolloutMath.scaleDownOld(4, bounds, new RolloutMath.Counts(1, 0), List.of(new RolloutMath.Counts(4, 4))));
        // Already at the floor: nothing more until the new pod is ready.
        assertEquals(List.of(3), RolloutMath.scaleDownOld(4, bounds, new RolloutMath.Counts(2, 0), List.of(new RolloutMath.Counts(3, 3))));
        // Unhealthy old replicas go first, without touching the floor.
        assertEquals(List.of(2), RolloutMath.scaleDownOld(4, new RolloutMath.Bounds(1, 0), new RolloutMath.Counts(2, 2),
                List.of(new RolloutMath.Counts(3, 2))));
    }
}
