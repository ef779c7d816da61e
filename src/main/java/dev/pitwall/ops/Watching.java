package dev.pitwall.ops;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * Waits on one object from a watch of it (no polling of the API server): each version of it is
 * handed to a check that completes the answer; meanwhile the caller is asked, five times a second,
 * whether to stop (aborted, out of time), and is told why in an {@link OperationRefused}.
 */
final class Watching {

    private Watching() {
    }

    /**
     * @param object      the one object, as fabric8 names it ({@code ...withName(name)})
     * @param check       looks at each version; completes the future with the answer, or exceptionally
     * @param whenDeleted what to say if the object is deleted meanwhile
     * @param stop        null to go on waiting; else why the wait stops
     */
    static <T, R> R until(Informable<T> object, BiConsumer<T, CompletableFuture<R>> check, String whenDeleted, Supplier<String> stop) {
        CompletableFuture<R> answer = new CompletableFuture<>();
        ResourceEventHandler<T> handler = new ResourceEventHandler<>() {
            @Override
            public void onAdd(T added) {
                check.accept(added, answer);
            }

            @Override
            public void onUpdate(T before, T after) {
                check.accept(after, answer);
            }

            @Override
            public void onDelete(T deleted, boolean finalStateUnknown) {
                answer.completeExceptionally(new OperationRefused(whenDeleted));
            }
        };
        try (SharedIndexInformer<T> informer = object.inform(handler)) {
            while (true) {
                String stopped = stop.get();
                if (stopped != null) {
                    throw new OperationRefused(stopped);
                }
                try {
                    return answer.get(200, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // ask whether to stop, then wait again
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof OperationRefused refused ? refused : new OperationRefused(e.getCause().getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new OperationRefused("interrupted while waiting");
                }
            }
        }
    }
}
