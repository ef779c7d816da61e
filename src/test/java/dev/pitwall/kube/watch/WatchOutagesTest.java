package dev.pitwall.kube.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A healthy watch's routine reconnect is not an outage; a watch closed for the grace is. */
class WatchOutagesTest {

    private final WatchOutages outages = new WatchOutages(1_000);

    private static Map<String, Boolean> watching(boolean pods, boolean nodes) {
        Map<String, Boolean> watching = new LinkedHashMap<>();
        watching.put("pods", pods);
        watching.put("nodes", nodes);
        return watching;
    }

    @Test
    void aWatchReopenedWithinTheGraceIsNeverDown() {
        assertEquals(List.of(), outages.down(watching(true, true), 0));
        assertEquals(List.of(), outages.down(watching(false, true), 100));
        assertEquals(List.of(), outages.down(watching(false, true), 1_099));
        assertEquals(List.of(), outages.down(watching(true, true), 1_200));
        // closed again later: its grace starts over
        assertEquals(List.of(), outages.down(watching(false, true), 5_000));
        assertEquals(List.of(), outages.down(watching(false, true), 5_999));
    }

    @Test
    void aWatchClosedForTheGraceIsDownUntilItReopens() {
        outages.down(watching(false, true), 0);
        outages.down(watching(false, false), 600);
        assertEquals(List.of("pods"), outages.down(watching(false, false), 1_000));
        assertEquals(List.of("pods", "nodes"), outages.down(watching(false, false), 1_600));
        assertEquals(List.of("nodes"), outages.down(watching(true, false), 1_700));
        assertEquals(List.of(), outages.down(watching(true, true), 1_800));
    }
}
