package dev.pitwall.kube.watch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which watches are down, told apart from the routine reconnects of healthy ones. fabric8's
 * informers end each watch after 5 to 10 minutes (as client-go's do) and open the next one at
 * once, from the resource version they had: nothing is missed in between, so such a gap is not
 * stale state, and marking it so would flash the views stale every minute or so of any
 * session (each of a context's nine watches once in 5 to 10 minutes). A watch counts as down once
 * it has been closed for {@link #graceMillis}; the views are then marked stale, still within the
 * 2 s the fleet view promises. Used from one thread (the watch's publisher).
 */
final class WatchOutages {

    private final long graceMillis;
    private final Map<String, Long> closedSince = new HashMap<>();

    WatchOutages(long graceMillis) {
        this.graceMillis = graceMillis;
    }

    /**
     * The resources whose watch has been closed for the grace or longer, in the order given.
     *
     * @param watching  whether each resource's watch is open right now
     * @param nowMillis a monotonic clock, in milliseconds
     */
    List<String> down(Map<String, Boolean> watching, long nowMillis) {
        List<String> down = new ArrayList<>();
        watching.forEach((resource, open) -> {
            if (open) {
                closedSince.remove(resource);
            } else if (nowMillis - closedSince.computeIfAbsent(resource, ignored -> nowMillis) >= graceMillis) {
                down.add(resource);
            }
        });
        return down;
    }
}
