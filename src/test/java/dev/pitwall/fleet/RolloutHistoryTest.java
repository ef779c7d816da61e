package dev.pitwall.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A long session on a busy fleet: the rollout timeline keeps a bounded history in all, yet the one
 * quiet Deployment's rollout from the start of the session is still there to scroll back to, and
 * every busy Deployment's latest state is still its last point.
 */
class RolloutHistoryTest {

    private static final Instant START = Instant.parse("2026-12-03T03:00:00Z");
    private static final int BUSY = 20;

    private long sequence;

    private static ModelService service(String name, int oldReplicas, int newReplicas, int newReady) {
        List<ReplicaSetState> replicaSets = List.of(new ReplicaSetState(name + "-primary-new", 2, true, newReplicas, newReplicas,
                newReady, newReady), new ReplicaSetState(name + "-primary-old", 1, false, oldReplicas, oldReplicas, oldReplicas, oldReplicas));
        Rollout rollout = new Rollout("rolling", false, false, 2, replicaSets);
        Track track = new Track("primary", name + "-primary", "2", 4, newReplicas, newReady + oldReplicas, newReady + oldReplicas, 100,
                rollout, 0, -1);
        return new ModelService("models", name, List.of(track), "", Map.of());
    }

    private FleetSnapshot snapshot(Instant at, List<ModelService> services) {
        return new FleetSnapshot(new Connection("sandbox", Connection.Status.LIVE, "", at), ++sequence, at, services, List.of(),
                List.of(), List.of(), List.of(), 0);
    }

    @Test
    void aBusyFleetsChurnNeitherGrowsTheHistoryWithoutEndNorPushesOutAQuietRollout() {
        RolloutHistory history = new RolloutHistory();
        List<ModelService> quietSteps = List.of(service("sentiment", 4, 0, 0), service("sentiment", 3, 1, 1), service("sentiment", 0, 4, 4));
        for (int step = 0; step < quietSteps.size(); step++) {
            history.record(snapshot(START.plusSeconds(step), List.of(quietSteps.get(step))));
        }
        ModelService quiet = quietSteps.getLast();
        int perBusy = 12_000; // 20 x 12,000 = 240,000 points, past the total though under each Deployment's own cap
        for (int i = 0; i < perBusy; i++) {
            List<ModelService> services = new ArrayList<>(List.of(quiet));
            for (int b = 0; b < BUSY; b++) {
                services.add(service("busy-" + b, 0, 4, 3 + (i + b) % 2));
            }
            history.record(snapshot(START.plusSeconds(60).plusMillis(50L * i), services));
        }

        List<RolloutHistory.Point> quietPoints = history.of("sandbox", "models", "sentiment-primary").points();
        assertEquals(List.of(START, START.plusSeconds(1), START.plusSeconds(2)), quietPoints.stream().map(RolloutHistory.Point::at).toList(),
                "the quiet Deployment's rollout is kept whole");
        int total = quietPoints.size();
        Instant lastAt = START.plusSeconds(60).plusMillis(50L * (perBusy - 1));
        for (int b = 0; b < BUSY; b++) {
            List<RolloutHistory.Point> points = history.of("sandbox", "models", "busy-" + b + "-primary").points();
            total += points.size();
            assertEquals(lastAt, points.getLast().at(), "the latest state is the last point");
            assertEquals(3 + (perBusy - 1 + b) % 2, points.getLast().replicaSets().getFirst().ready());
            assertTrue(points.size() > RolloutHistory.TOTAL_POINTS / BUSY / 2, "busy-" + b + " keeps " + points.size() + " points");
        }
        assertTrue(total <= RolloutHistory.TOTAL_POINTS, total + " points kept");
        assertTrue(total > RolloutHistory.TOTAL_POINTS * 3 / 4, total + " points kept");
    }
}
