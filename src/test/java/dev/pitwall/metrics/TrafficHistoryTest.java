package dev.pitwall.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The 15 minutes the traffic charts draw: a slot per second, gaps where nothing was read, nothing older than 15 minutes. */
class TrafficHistoryTest {

    @Test
    void keepsFifteenMinutesPerSecondWithGaps() {
        TrafficHistory history = new TrafficHistory();
        history.put(1000, new BackendTraffic("primary", 40, 0.01, 0.02, 0.08, 0.5));
        history.put(1002, new BackendTraffic("primary", 42, 0.0, 0.02, 0.09, 0.2));
        TrafficHistory.Snapshot snapshot = history.snapshot(1002);
        double[] requests = snapshot.backends().getFirst().of(TrafficHistory.Figure.REQUESTS);
        assertEquals(TrafficHistory.SECONDS, requests.length);
        assertEquals(42, requests[TrafficHistory.SECONDS - 1]);
        assertTrue(Double.isNaN(requests[TrafficHistory.SECONDS - 2]), "nothing read at 1001: a gap");
        assertEquals(40, requests[TrafficHistory.SECONDS - 3]);
        assertEquals(1.0, snapshot.backends().getFirst().of(TrafficHistory.Figure.ERROR_PERCENT)[TrafficHistory.SECONDS - 3], 1e-9);
        assertEquals(90.0, snapshot.backends().getFirst().latest(TrafficHistory.Figure.P99_MS), 1e-9);

        // 15 minutes later the slot of second 1000 holds second 1900; 1000 is gone
        history.put(1900, new BackendTraffic("primary", 7, 0, 0.02, 0.08, 0.1));
        double[] later = history.snapshot(1900).backends().getFirst().of(TrafficHistory.Figure.REQUESTS);
        assertEquals(7, later[TrafficHistory.SECONDS - 1]);
        assertEquals(42, later[TrafficHistory.SECONDS - 1 - 898]);
        assertTrue(java.util.Arrays.stream(later).filter(v -> v == 40).findAny().isEmpty(), "older than 15 minutes is gone");
    }
}
