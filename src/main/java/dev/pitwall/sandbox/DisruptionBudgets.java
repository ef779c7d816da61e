package dev.pitwall.sandbox;

import tools.jackson.databind.JsonNode;

/** PodDisruptionBudget arithmetic, shared by the eviction subresource and the disruption controller. */
public final class DisruptionBudgets {

    private DisruptionBudgets() {
    }

    /** What a budget needs to know of a selected pod: its controlling ReplicaSet (or null) and whether it is terminating. */
    public record PodRef(String replicaSet, boolean terminating) {
    }

    /**
     * How many pods a budget expects, as Kubernetes counts them: the desired scale of the
     * controllers (ReplicaSets) owning the selected pods, plus the selected pods no controller owns.
     *
     * @param selectedPods     the pods the budget's selector picks (terminating ones included)
     * @param replicaSetScale  a ReplicaSet's spec.replicas by name, or null when it is gone
     */
    public static int expectedPods(java.util.List<PodRef> selectedPods,
                                   java.util.function.Function<String, Integer> replicaSetScale) {
        java.util.Set<String> controllers = new java.util.HashSet<>();
        int uncontrolled = 0;
        for (PodRef pod : selectedPods) {
            if (pod.replicaSet() != null) {
                controllers.add(pod.replicaSet());
            } else if (!pod.terminating()) {
                uncontrolled++;
            }
        }
        int expected = uncontrolled;
        for (String controller : controllers) {
            Integer scale = replicaSetScale.apply(controller);
            expected += scale == null ? 0 : scale;
        }
        return expected;
    }

    /** A pod held as JSON, as a budget sees it. */
    public static PodRef ref(JsonNode pod) {
        String controller = null;
        for (JsonNode owner : pod.path("metadata").path("ownerReferences")) {
            if (owner.path("controller").asBoolean(false) && owner.path("kind").asString().equals("ReplicaSet")) {
                controller = owner.path("name").asString();
            }
        }
        JsonNode deletion = pod.path("metadata").path("deletionTimestamp");
        return new PodRef(controller, !deletion.isMissingNode() && !deletion.isNull());
    }

    /** How many healthy pods the budget keeps, given how many it expects ({@code spec} as JSON). */
    public static int desiredHealthy(JsonNode spec, int expected) {
        if (spec.has("minAvailable") && !spec.get("minAvailable").isNull()) {
            return resolve(spec.get("minAvailable"), expected, true);
        }
        if (spec.has("maxUnavailable") && !spec.get("maxUnavailable").isNull()) {
            return Math.max(0, expected - resolve(spec.get("maxUnavailable"), expected, true));
        }
        return expected;
    }

    /** An int-or-percent of a total, rounded up or down as Kubernetes does. */
    public static int resolve(JsonNode value, int total, boolean roundUp) {
        if (value.isNumber()) {
            return value.asInt();
        }
        String text = value.asString("0").strip();
        if (text.endsWith("%")) {
            double fraction = Double.parseDouble(text.substring(0, text.length() - 1)) / 100.0 * total;
            return (int) (roundUp ? Math.ceil(fraction) : Math.floor(fraction));
        }
        return Integer.parseInt(text);
    }
}
