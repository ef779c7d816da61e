package dev.pitwall.sandbox.dataplane;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian's {@code prometheus} from the PATH) started on a loopback port with
 * the sandbox's scrape configuration, and stopped with the sandbox.
 */
public final class PrometheusServer implements AutoCloseable {

    /** Prometheus is not installed, or would not start: the message says what to do. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }

    private final Process process;
    private final String url;

    /** Stops Prometheus when the JVM exits without closing it (a failed test, an interrupted sandbox). */
    private final Thread stopAtExit;

    private PrometheusServer(Process process, String url) {
        this.process = process;
        this.url = url;
        this.stopAtExit = new Thread(process::destroy, "prometheus-stop");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    public static Optional<Path> binary() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "prometheus");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Starts Prometheus and waits until it is ready (at most 30 s). */
    public static PrometheusServer start(Path config, Path dataDirectory) {
        Path binary = binary().orElseThrow(() -> new Unavailable("Prometheus is not installed (no 'prometheus' on the PATH). "
                + "Install it (Debian/Ubuntu: 'apt-get install prometheus') or leave out --prometheus."));
        int port = freePort();
        Path log = dataDirectory.resolve("prometheus.log");
        try {
            Files.createDirectories(dataDirectory);
            Process process = new ProcessBuilder(List.of(binary.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + dataDirectory.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=warn"))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            PrometheusServer server = new PrometheusServer(process, "http://127.0.0.1:" + port);
            server.awaitReady(log);
            return server;
        } catch (IOException e) {
            throw new Unavailable("Prometheus could not start: " + e.getMessage());
        }
    }

    private void awaitReady(Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new Unavailable("Prometheus exited at start; see " + log);
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(url + "/-/ready"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new Unavailable("Prometheus did not become ready within 30 s; see " + log);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new Unavailable("no free loopback port for Prometheus: " + e.getMessage());
        }
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
