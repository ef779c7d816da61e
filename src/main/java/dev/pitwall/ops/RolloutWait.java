package dev.pitwall.ops;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * Waits for a Deployment's rollout to complete, as {@code kubectl rollout status} decides it, from
 * a watch of that one Deployment (no polling), reporting its progress as it changes.
 */
final class RolloutWait {

    private RolloutWait() {
    }

    /** Null when the rollout is complete; else where it stands, in kubectl's words. */
    static String pending(Deployment deployment) {
        var status = deployment.getStatus();
        if (status == null) {
            return "Waiting for deployment spec update to be observed...";
        }
        long generation = Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 0L);
        if (Objects.requireNonNullElse(status.getObservedGeneration(), 0L) < generation) {
            return "Waiting for deployment spec update to be observed...";
        }
        int desired = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        int updated = Objects.requireNonNullElse(status.getUpdatedReplicas(), 0);
        int replicas = Objects.requireNonNullElse(status.getReplicas(), 0);
        int available = Objects.requireNonNullElse(status.getAvailableReplicas(), 0);
        String name = deployment.getMetadata().getName();
        if (Boolean.TRUE.equals(deployment.getSpec().getPaused())) {
            return "Deployment \"" + name + "\" is paused (" + updated + " of " + desired + " updated)";
        }
        if (updated < desired) {
            return "Waiting for deployment \"" + name + "\" rollout to finish: " + updated + " out of " + desired
                    + " new replicas have been updated...";
        }
        if (replicas > updated) {
            return "Waiting for deployment \"" + name + "\" rollout to finish: " + (replicas - updated)
                    + " old replicas are pending termination...";
        }
        if (available < updated) {
            return "Waiting for deployment \"" + name + "\" rollout to finish: " + available + " of " + updated
                    + " updated replicas are available...";
        }
        return null;
    }

    /**
     * @throws OperationRefused when aborted, timed out, or the Deployment is gone or paused
     */
    static String await(KubernetesClient client, String namespace, String name, Consumer<String> progress, BooleanSupplier abort,
                        Duration timeout) {
        CompletableFuture<String> done = new CompletableFuture<>();
        String[] last = {""};
        ResourceEventHandler<Deployment> handler = new ResourceEventHandler<>() {
            @Override
            public void onAdd(Deployment deployment) {
                check(deployment);
            }

            @Override
            public void onUpdate(Deployment before, Deployment after) {
                check(after);
            }

            @Override
            public void onDelete(Deployment deployment, boolean unknown) {
                done.completeExceptionally(new OperationRefused("deployment " + namespace + "/" + name + " was deleted"));
            }

            private void check(Deployment deployment) {
                String pending = pending(deployment);
                if (pending == null) {
                    done.complete("deployment \"" + name + "\" successfully rolled out");
                } else if (!pending.equals(last[0])) {
                    last[0] = pending;
                    progress.accept(pending);
                    if (Boolean.TRUE.equals(deployment.getSpec().getPaused())) {
                        done.completeExceptionally(new OperationRefused(pending + "; resume it to go on"));
                    }
                }
            }
        };
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SharedIndexInformer<Deployment> informer = client.apps().deployments().inNamespace(namespace).withName(name)
                .inform(handler)) {
            while (true) {
                if (abort.getAsBoolean()) {
                    throw new OperationRefused("aborted while " + (last[0].isEmpty() ? "waiting for the rollout" : last[0]));
                }
                if (System.nanoTime() > deadline) {
                    throw new OperationRefused("the rollout of " + namespace + "/" + name + " did not complete within "
                            + timeout.toSeconds() + " s: " + last[0] + ". Look at its pods' events; resume or roll back with"
                            + " `pitwall ops`.");
                }
                try {
                    return done.get(200, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // check abort and the deadline again
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof OperationRefused refused ? refused : new OperationRefused(e.getCause().getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new OperationRefused("interrupted while waiting for the rollout");
                }
            }
        }
    }
}
