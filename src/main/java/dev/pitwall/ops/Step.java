package dev.pitwall.ops;

/**
 * One step of a plan: a request to send, or a condition to wait for (a rollout to complete).
 *
 * @param description what it does, in words
 * @param request     the request, or null for a wait
 * @param waitFor     for a wait: "rollout" (the Deployment's rollout completes, as {@code kubectl
 *                    rollout status} says); "" for a request
 */
public record Step(String description, KubeRequest request, String waitFor) {

    public static Step send(String description, KubeRequest request) {
        return new Step(description, request, "");
    }

    public static Step awaitRollout(String description) {
        return new Step(description, null, "rollout");
    }

    public boolean sends() {
        return request != null;
    }
}
