package dev.pitwall.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

/** fabric8's HTTP runs on Vert.x threads that give way to the UI (decision 17). */
class BackgroundVertxThreadsTest {

    @Test
    void vertxThreadsStartAtTheLowestPriority() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            CompletableFuture<Thread> eventLoop = new CompletableFuture<>();
            vertx.runOnContext(ignored -> eventLoop.complete(Thread.currentThread()));
            Thread thread = eventLoop.get(10, TimeUnit.SECONDS);
            assertTrue(thread.getName().startsWith("vert.x-eventloop"), thread.getName());
            assertEquals(Thread.MIN_PRIORITY, thread.getPriority());
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
