package dev.pitwall.kube.traffic;

import java.util.Comparator;
import java.util.List;

import io.fabric8.kubernetes.client.KubernetesClient;

/** The traffic adapters by name; HTTPRoute is the default (decision 9). */
public final class TrafficAdapters {

    static final List<String> ORDER = List.of("primary", "standby", "canary");
    /** Tracks in the order operators read them: primary, standby, canary, then the others by name. */
    static final Comparator<String> TRACK_ORDER = Comparator.comparingInt((String track) -> ORDER.contains(track)
            ? ORDER.indexOf(track) : ORDER.size()).thenComparing(Comparator.naturalOrder());

    private TrafficAdapters() {
    }

    public static TrafficAdapter of(String id, KubernetesClient client) {
        return switch (id) {
            case "httproute" -> new HttpRouteAdapter(client);
            case "service-selector" -> new ServiceSelectorAdapter(client);
            default -> throw new IllegalArgumentException("unknown traffic adapter '" + id + "': httproute or service-selector");
        };
    }
}
