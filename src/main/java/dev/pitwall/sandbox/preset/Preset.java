package dev.pitwall.sandbox.preset;

import java.util.List;

/**
 * A sandbox topology: nodes and model services, each model with serving tracks. See
 * {@code docs/sandbox-presets.md} for the file format.
 */
public record Preset(String name, String description, String namespace, NodePool nodes, int nodeEvictionSeconds,
                     List<Model> models) {

    public Preset {
        models = List.copyOf(models);
    }

    /** Identical nodes. */
    public record NodePool(int count, int cpuCores, int memoryGi, int maxPods, List<String> zones) {
        public NodePool {
            zones = List.copyOf(zones);
        }
    }

    /** A model service: one Deployment, Service and PodDisruptionBudget per track, one HTTPRoute. */
    public record Model(String name, int port, int cpuMillis, double startupSeconds, double shutdownSeconds,
                        int terminationGracePeriodSeconds, Rollout rollout, String disruptionBudget, int queueLimit,
                        List<Track> tracks) {
        public Model {
            tracks = List.copyOf(tracks);
        }
    }

    /** Rolling-update parameters; surge and unavailable are int-or-percent strings. */
    public record Rollout(String maxSurge, String maxUnavailable, int minReadySeconds) {
    }

    /**
     * A serving track (primary, standby, canary) of a model: a version, replicas, a traffic weight,
     * and how that version serves: median and p99 latency, capacity per pod, error rate.
     */
    public record Track(String name, String version, int replicas, int weight, double latencyMs, double latencyP99Ms,
                        double capacityRps, double errorRate) {

        /** A track with the default serving behaviour (20 ms median, 60 ms p99, 200 requests/s per pod, no errors). */
        public Track(String name, String version, int replicas, int weight) {
            this(name, version, replicas, weight, 20, 60, 200, 0);
        }
    }

    public int totalReplicas() {
        return models.stream().flatMap(model -> model.tracks().stream()).mapToInt(Track::replicas).sum();
    }
}
