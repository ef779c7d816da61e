package dev.pitwall.sandbox.control;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Pod IPs from the loopback range (127.10.0.1 upwards), so that a sandbox pod's server can
 * listen on its own address and nothing ever leaves the machine. A freed address is reused only
 * after {@value #QUARANTINE_MILLIS} ms, so that no client's kept-alive connection to a gone pod
 * reaches its successor.
 */
final class PodAddresses {

    private static final long QUARANTINE_MILLIS = 30_000;

    private record Freed(String address, long at) {
    }

    private final Map<String, String> byPod = new HashMap<>();
    private final Deque<Freed> free = new ArrayDeque<>();
    private int next;

    synchronized String addressOf(String podUid) {
        return byPod.computeIfAbsent(podUid, uid -> {
            Freed oldest = free.peekFirst();
            if (oldest != null && System.currentTimeMillis() - oldest.at() > QUARANTINE_MILLIS) {
                return free.removeFirst().address();
            }
            return fresh();
        });
    }

    synchronized void release(String podUid) {
        String address = byPod.remove(podUid);
        if (address != null) {
            free.addLast(new Freed(address, System.currentTimeMillis()));
        }
    }

    private String fresh() {
        int index = next++;
        int third = index / 254;
        return "127." + (10 + third / 256) + "." + (third % 256) + "." + (1 + index % 254);
    }
}
