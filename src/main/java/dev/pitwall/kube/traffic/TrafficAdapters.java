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

    /** The adapter ids, as the command line and plans spell them. */
    public static final List<String> IDS = List.of("httproute", "service-selector", "istio");

    public static TrafficAdapter of(String id, KubernetesClient client) {
        return switch (id) {
            case "httproute" -> new HttpRouteAdapter(client);
            case "service-selector" -> new ServiceSelectorAdapter(client);
            case "istio" -> new IstioAdapter(client);
            default -> throw new IllegalArgumentException("unknown traffic adapter '" + id + "': " + String.join(", ", IDS));
        };
    }

    /**
     * The adapter that splits the model's traffic in this cluster: an HTTPRoute sending to two or
     * more of its tracks (the default), else a blue/green Service named after it, else an Istio
     * VirtualService.
     *
     * @throws IllegalStateException when none is found, naming what was looked for
     */
    public static TrafficAdapter detect(KubernetesClient client, String namespace, String model) {
        HttpRouteAdapter route = new HttpRouteAdapter(client);
        if (route.finds(namespace, model)) {
            return route;
        }
        ServiceSelectorAdapter selector = new ServiceSelectorAdapter(client);
        if (selector.finds(namespace, model)) {
            return selector;
        }
        IstioAdapter istio = new IstioAdapter(client);
        if (istio.finds(namespace, model)) {
            return istio;
        }
        throw new IllegalStateException("cannot tell how " + namespace + "/" + model + "'s traffic is split: no HTTPRoute sending to"
                + " two of its tracks, no Service " + model + " selecting a track, no VirtualService (docs/fleet-conventions.md);"
                + " name the adapter with --adapter");
    }
}
