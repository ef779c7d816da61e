package dev.pitwall.fleet;

import java.util.List;

/**
 * A model service: its tracks, and how healthy it is as a whole.
 *
 * @param namespace the namespace
 * @param name      the model's name ({@link Conventions#MODEL_LABEL})
 * @param tracks    its tracks, primary first
 * @param route     the HTTPRoute that splits its traffic, empty when none
 */
public record ModelService(String namespace, String name, List<Track> tracks, String route) {

    public enum Health { HEALTHY, DEGRADED, DOWN }

    public ModelService {
        tracks = List.copyOf(tracks);
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
