package dev.pitwall.kube;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * fabric8's task pool (the informers' handlers and stores, the watch events' parsing) as fabric8
 * builds it, a cached pool of daemon threads shut down with the client, but at the lowest Java
 * priority, which the launcher's JVM settings map to nice 10: with Vert.x's threads and the watch
 * thread it gives way to the JavaFX thread and the renderer on a busy core (docs/decisions/0017).
 */
final class BackgroundTaskPool implements KubernetesClientBuilder.ExecutorSupplier {

    /** One factory for every client's pool, so that each thread's name is Pitwall's own and unique. */
    private static final ThreadFactory THREADS =
            Thread.ofPlatform().daemon().priority(Thread.MIN_PRIORITY).name("kube-tasks-", 1).factory();

    @Override
    public Executor get() {
        return Executors.newCachedThreadPool(THREADS);
    }

    @Override
    public void onClose(Executor executor) {
        ((ExecutorService) executor).shutdownNow();
    }
}
