package dev.pitwall.fleet;

import java.util.List;
import java.util.Map;

/**
 * A model service: its tracks, and how healthy it is as a whole.
 *
 * @param namespace the namespace
 * @param name      the model's name ({@link Conventions#MODEL_LABEL})
 * @param tracks    its tracks, primary first
 * @param route     the HTTPRoute that splits its traffic, empty when none
 */
public record ModelService(String namespace, String name, List<Track> tracks, String route, Map<String, String> routeAnnotations) {

    public enum Health { HEALTHY, DEGRADED, DOWN }

    public ModelService {
        tracks = List.copyOf(tracks);
        routeAnnotations = Map.copyOf(routeAnnotations);
    }

    /** The annotations of a route that Pitwall reads ({@code pitwall.dev/...}: queries, SLO); the others are not kept. */
    public static Map<String, String> pitwallAnnotations(Map<String, String> annotations) {
        if (annotations == null) {
            return Map.of();
        }
        Map<String, String> kept = new java.util.TreeMap<>();
        annotations.forEach((name, value) -> {
            if (name.startsWith("pitwall.dev/")) {
                kept.put(name, value);
            }
        });
        return kept;
    }

    /**
     * DOWN when no track that takes traffic has an available replica; DEGRADED when a track has
     * fewer available replicas than desired; HEALTHY otherwise.
     */
    public Health health() {
        // plain loops: the navigator and the summary ask every service's health on every update
        boolean weighted = false;
        boolean servingWeighted = false;
        boolean anyAvailable = false;
        boolean full = true;
        for (Track track : tracks) {
            weighted |= track.weight() > 0;
            servingWeighted |= track.weight() > 0 && track.available() > 0;
            anyAvailable |= track.available() > 0;
            full &= track.available() >= track.desired();
        }
        if (!(servingWeighted || (!weighted && anyAvailable))) {
            return Health.DOWN;
        }
        return full ? Health.HEALTHY : Health.DEGRADED;
    }

    public String key() {
        return namespace + "/" + name;
    }
}
