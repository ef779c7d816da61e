package dev.pitwall.sandbox.dataplane;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model service's routing, as its gateway applies it: backends with their HTTPRoute weights and
 * the ready endpoints of each backend's Service. Immutable; replaced whole when the route or the
 * endpoints change.
 */
record RoutingTable(List<Backend> backends) {

    /** A backend Service, its weight and its ready endpoints ({@code ip:port}). */
    record Backend(String service, int weight, List<String> endpoints, AtomicInteger next) {
        Backend(String service, int weight, List<String> endpoints) {
            this(service, weight, List.copyOf(endpoints), new AtomicInteger());
        }

        /** The next endpoint, round robin; null when none is ready. */
        String pickEndpoint() {
            if (endpoints.isEmpty()) {
                return null;
            }
            return endpoints.get(Math.floorMod(next.getAndIncrement(), endpoints.size()));
        }
    }

    static final RoutingTable EMPTY = new RoutingTable(List.of());

    RoutingTable {
        backends = List.copyOf(backends);
    }

    /** A backend drawn by weight; null when every weight is zero. */
    Backend pickBackend() {
        int total = backends.stream().mapToInt(Backend::weight).sum();
        if (total <= 0) {
            return null;
        }
        int draw = ThreadLocalRandom.current().nextInt(total);
        for (Backend backend : backends) {
            draw -= backend.weight();
            if (draw < 0) {
                return backend;
            }
        }
        return null;
    }
}
