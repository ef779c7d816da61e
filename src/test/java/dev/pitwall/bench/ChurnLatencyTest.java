package dev.pitwall.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pitwall.fleet.Connection;
import dev.pitwall.fleet.FleetPod;
import dev.pitwall.fleet.FleetSnapshot;
import dev.pitwall.fleet.PodState;

/**
 * The fleet benchmark's write-to-frame latency: a pod the sandbox deleted is timed from the
 * deletion to the first frame showing a snapshot where it is Terminating or gone, even when that
 * frame applies a newer snapshot than the first to show it.
 */
class ChurnLatencyTest {

    private static FleetSnapshot snapshot(long sequence, PodState state) {
        List<FleetPod> pods = List.of(new FleetPod("fleet", "m-1", "m", "primary", "v1", "node-1", state, 0, "10.0.0.1",
                        Instant.EPOCH),
                new FleetPod("fleet", "m-2", "m", "primary", "v1", "node-1", PodState.READY, 0, "10.0.0.2", Instant.EPOCH));
        return new FleetSnapshot(new Connection("c", Connection.Status.LIVE, "live", Instant.EPOCH), sequence, Instant.EPOCH,
                List.of(), List.of(), pods, List.of(), List.of(), 0);
    }

    @Test
    void aDeletedPodIsTimedToTheFrameThatFirstShowsItTerminating() {
        ChurnLatency latency = new ChurnLatency();
        latency.line("ready");
        latency.line("churn 1000000 fleet/m-1 node-1");
        assertEquals(1, latency.deletions());

        latency.published(snapshot(1, PodState.READY), 2_000_000);        // the watch has not brought the deletion yet
        latency.applied(1);
        latency.pulse(5_000_000, true);
        assertEquals(List.of(), latency.take().latencies());

        latency.published(snapshot(2, PodState.TERMINATING), 20_000_000); // first shown here...
        latency.published(snapshot(3, PodState.TERMINATING), 36_000_000);
        latency.applied(3);                                    // ...but the frame applies the newer one
        latency.pulse(41_000_000, true);
        assertEquals(List.of(40_000_000L), latency.take().latencies(), "from the deletion to the end of that frame");

        latency.pulse(60_000_000, true);
        assertEquals(List.of(), latency.take().latencies(), "each deletion is timed once");
        assertEquals(0, latency.neverShown());
    }

    @Test
    void aPodStillShownRunningTenSecondsAfterItsDeletionCountsAsNeverShown() {
        ChurnLatency latency = new ChurnLatency();
        latency.line("churn 1000000 fleet/m-1 node-1");
        latency.published(snapshot(1, PodState.READY), 9_000_000_000L);
        assertEquals(0, latency.neverShown(), "9 s: still waiting");
        latency.published(snapshot(2, PodState.READY), 11_100_000_000L);
        assertEquals(1, latency.neverShown(), "past 10 s: the view never showed the deletion");
        latency.published(snapshot(3, PodState.TERMINATING), 11_200_000_000L);
        latency.applied(3);
        latency.pulse(11_210_000_000L, true);
        assertEquals(List.of(), latency.take().latencies(), "and it is not timed later");
    }

    @Test
    void aPodGoneFromItsNodeCountsAsShownAndStatusOnlySnapshotsShowNothing() {
        ChurnLatency latency = new ChurnLatency();
        latency.line("churn 2000000 fleet/m-9 node-1");
        latency.published(FleetSnapshot.statusOnly(new Connection("c", Connection.Status.STALE, "down", Instant.EPOCH), 1), 2_500_000);
        latency.applied(1);
        latency.pulse(3_000_000, true);
        assertEquals(List.of(), latency.take().latencies(), "a status-only snapshot holds no pods, so it shows no deletion");

        latency.published(snapshot(2, PodState.READY), 8_000_000);
        latency.applied(2);
        latency.pulse(12_000_000, true);
        assertEquals(List.of(10_000_000L), latency.take().latencies(), "m-9 is not on node-1 any more: gone");
    }

    @Test
    void theTailIsToldPerWindowSoThatAPhasesFirstSecondsStandOut() {
        FrameLatencies.Measured measured = new FrameLatencies.Measured(List.of(120_000_000L, 30_000_000L, 40_000_000L),
                List.of(1_000_000_000L, 11_000_000_000L, 12_000_000_000L));
        assertEquals("120 / - / 40", measured.p99ByWindow(0, 5_000_000_000L, 3));
        String report = ChurnLatency.report(measured, 0, 15, 100 / 3.0, 0);
        assertTrue(report.contains("3 pods the churn deleted (33.3/s, 200 transitions/s)") && report.endsWith("p99 by 5 s: 120 / - / 40 ms"),
                report);
    }
}
