package dev.pitwall.ops;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import dev.pitwall.fleet.Rollout;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Waits for a Deployment's rollout to complete, as {@code kubectl rollout status} decides it, from
 * a watch of that one Deployment (no polling), reporting its progress as it changes.
 */
final class RolloutWait {

    private RolloutWait() {
    }

    /** Null when the rollout is complete; else where it stands, in kubectl's words ({@link Rollout#describe}). */
    static String pending(Deployment deployment) {
        var status = deployment.getStatus();
        long generation = Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 0L);
        boolean observed = status != null && Objects.requireNonNullElse(status.getObservedGeneration(), 0L) >= generation;
        boolean deadlineExceeded = status != null && status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> "Progressing".equals(c.getType()) && "ProgressDeadlineExceeded".equals(c.getReason()));
        int desired = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        int updated = status == null ? 0 : Objects.requireNonNullElse(status.getUpdatedReplicas(), 0);
        String name = deployment.getMetadata().getName();
        if (observed && Boolean.TRUE.equals(deployment.getSpec().getPaused())) {
            return "Deployment \"" + name + "\" is paused (" + updated + " of " + desired + " updated)";
        }
        String line = Rollout.describe(name, observed, deadlineExceeded, desired, updated,
                status == null ? 0 : Objects.requireNonNullElse(status.getReplicas(), 0),
                status == null ? 0 : Objects.requireNonNullElse(status.getAvailableReplicas(), 0));
        return line.endsWith("successfully rolled out") ? null : line;
    }

    /**
     * @throws OperationRefused when aborted, timed out, or the Deployment is gone or paused
     */
    static String await(KubernetesClient client, String namespace, String name, Consumer<String> progress, BooleanSupplier abort,
                        Duration timeout) {
        String[] last = {""};
        long deadline = System.nanoTime() + timeout.toNanos();
        return Watching.<Deployment, String>until(client.apps().deployments().inNamespace(namespace).withName(name), (deployment, done) -> {
            String pending = pending(deployment);
            if (pending == null) {
                done.complete("deployment \"" + name + "\" successfully rolled out");
            } else if (!pending.equals(last[0])) {
                last[0] = pending;
                progress.accept(pending);
                if (Boolean.TRUE.equals(deployment.getSpec().getPaused()) || pending.endsWith("exceeded its progress deadline")) {
                    done.completeExceptionally(new OperationRefused(pending + "; resume it to go on"));
                }
            }
        }, "deployment " + namespace + "/" + name + " was deleted", () -> {
            if (abort.getAsBoolean()) {
                return "aborted while " + (last[0].isEmpty() ? "waiting for the rollout" : last[0]);
            }
            return System.nanoTime() > deadline ? "the rollout of " + namespace + "/" + name + " did not complete within "
                    + timeout.toSeconds() + " s: " + last[0] + ". Look at its pods' events; resume or roll back with `pitwall ops`."
                    : null;
        });
    }
}
