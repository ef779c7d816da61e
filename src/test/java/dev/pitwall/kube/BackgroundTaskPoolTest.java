package dev.pitwall.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.impl.BaseClient;

/** fabric8's task pool, under Pitwall's clients, gives way to the UI and ends with its client (decision 17). */
class BackgroundTaskPoolTest {

    @Test
    void aClientsTasksRunAtTheLowestPriorityAndStopWithTheClient(@TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: loopback
                  cluster:
                    server: https://127.0.0.1:1
                users:
                - name: nobody
                  user:
                    token: not-used
                contexts:
                - name: loopback
                  context:
                    cluster: loopback
                    user: nobody
                current-context: loopback
                """);
        KubernetesClient client = KubeClients.forContext(kubeconfig, "loopback");
        ExecutorService tasks;
        try {
            tasks = assertInstanceOf(ExecutorService.class, assertInstanceOf(BaseClient.class, client).getExecutor());
            CompletableFuture<Thread> ran = new CompletableFuture<>();
            tasks.execute(() -> ran.complete(Thread.currentThread()));
            Thread thread = ran.get(10, TimeUnit.SECONDS);
            assertTrue(thread.getName().startsWith("kube-tasks-"), thread.getName());
            assertEquals(Thread.MIN_PRIORITY, thread.getPriority());
            assertTrue(thread.isDaemon(), "a task thread must not keep Pitwall from exiting");
        } finally {
            client.close();
        }
        assertTrue(tasks.awaitTermination(10, TimeUnit.SECONDS), "the client's close ends its task pool");
    }
}
