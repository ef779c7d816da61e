package dev.pitwall.kube;

import java.util.concurrent.TimeUnit;

import io.vertx.core.impl.VertxThread;
import io.vertx.core.spi.VertxThreadFactory;

/**
 * Vert.x's threads (fabric8's HTTP: TLS and the watch streams' framing) at the lowest Java
 * priority, which the launcher's JVM settings map to nice 10, so that they give way to the JavaFX
 * thread and the renderer on a busy core (docs/decisions/0017). Vert.x finds it through
 * {@code META-INF/services/io.vertx.core.spi.VertxServiceProvider}.
 */
public final class BackgroundVertxThreads implements VertxThreadFactory {

    @Override
    public VertxThread newVertxThread(Runnable target, String name, boolean worker, long maxExecTime, TimeUnit maxExecTimeUnit) {
        VertxThread thread = VertxThreadFactory.super.newVertxThread(target, name, worker, maxExecTime, maxExecTimeUnit);
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
    }
}
