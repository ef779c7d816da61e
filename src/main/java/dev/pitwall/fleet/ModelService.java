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
        boolean serving = tracks.stream().anyMatch(t -> t.weight() > 0 && t.available() > 0)
                || (tracks.stream().noneMatch(t -> t.weight() > 0) && tracks.stream().anyMatch(t -> t.available() > 0));
        if (!serving) {
            return Health.DOWN;
        }
        return tracks.stream().allMatch(t -> t.available() >= t.desired()) ? Health.HEALTHY : Health.DEGRADED;
    }

    public String key() {
        return namespace + "/" + name;
    }
}
