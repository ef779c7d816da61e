package dev.pitwall.ops;

/**
 * One step of a plan: a request to send, or a condition to wait for.
 *
 * @param description what it does, in words
 * @param request     the request, or null for a wait
 * @param waitFor     "" for a request; for a wait: {@value #ROLLOUT} (a Deployment's rollout
 *                    completes, as {@code kubectl rollout status} says), {@value #TRAFFIC} (a
 *                    traffic split took and the tracks serve as expected) or {@value #GATE} (a
 *                    split is held for a bake time while the gated track stays within its SLO)
 * @param subject     for a rollout wait, the Deployment waited for; null or "" for the plan's target
 * @param traffic     for a traffic or gate wait, what to expect; null otherwise
 */
public record Step(String description, KubeRequest request, String waitFor, String subject, TrafficStep traffic) {

    public static final String ROLLOUT = "rollout";
    public static final String TRAFFIC = "traffic";
    public static final String GATE = "gate";

    public static Step send(String description, KubeRequest request) {
        return new Step(description, request, "", "", null);
    }

    public static Step awaitRollout(String description) {
        return new Step(description, null, ROLLOUT, "", null);
    }

    /** Waits for another Deployment than the plan's target (a standby being scaled up). */
    public static Step awaitRolloutOf(String description, String deployment) {
        return new Step(description, null, ROLLOUT, deployment, null);
    }

    public static Step verifyTraffic(String description, TrafficStep traffic) {
        return new Step(description, null, TRAFFIC, "", traffic);
    }

    public static Step gate(String description, TrafficStep traffic) {
        return new Step(description, null, GATE, "", traffic);
    }

    public boolean sends() {
        return request != null;
    }

    /** The Deployment a rollout wait is for. */
    public String rolloutOf(Target target) {
        return subject == null || subject.isEmpty() ? target.deployment() : subject;
    }
}
