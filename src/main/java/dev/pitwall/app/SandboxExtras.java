package dev.pitwall.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.pitwall.sandbox.Sandbox;
import dev.pitwall.sandbox.dataplane.DataPlane;
import dev.pitwall.sandbox.dataplane.LoadGenerator;
import dev.pitwall.sandbox.dataplane.PrometheusServer;
import dev.pitwall.sandbox.dataplane.ScrapeConfig;
import dev.pitwall.sandbox.store.KubeObjects;
import io.vertx.core.Vertx;
import tools.jackson.databind.node.ObjectNode;

/** What {@code pitwall sandbox} adds around a sandbox: Prometheus, load, and the endpoints file. */
final class SandboxExtras implements AutoCloseable {

    private final Map<String, String> gateways;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private PrometheusServer prometheus;

    private SandboxExtras(Map<String, String> gateways) {
        this.gateways = gateways;
    }

    /** {@code reportLoad}: print the load's figures every 10 s (for the terminal of {@code pitwall sandbox}). */
    static SandboxExtras start(Sandbox sandbox, Path directory, boolean withPrometheus, double load, boolean reportLoad) {
        DataPlane plane = sandbox.dataPlane();
        SandboxExtras extras = new SandboxExtras(plane == null ? Map.of() : plane.gatewayUrls());
        try {
            if (withPrometheus && plane != null) {
                ScrapeConfig config = ScrapeConfig.write(directory.resolve("prometheus"), plane, 1);
                extras.closing.add(config);
                try {
                    extras.prometheus = PrometheusServer.start(config.file(), directory.resolve("prometheus"));
                } catch (PrometheusServer.Unavailable e) {
                    throw new UserError(e.getMessage(), ExitCodes.UNAVAILABLE);
                }
                extras.closing.add(extras.prometheus);
                sandbox.announcePrometheus(extras.prometheus.url()); // found in the cluster, as monitoring/prometheus
            }
            if (load > 0 && plane != null) {
                awaitAvailable(sandbox);
                Vertx vertx = Vertx.vertx();
                List<LoadGenerator> generators = new ArrayList<>();
                extras.gateways.forEach((model, url) -> generators.add(LoadGenerator.start(vertx, url, model, load)));
                extras.closing.add(vertx::close); // closed last: the generators stop first
                extras.closing.addAll(generators);
                if (!reportLoad) {
                    return extras;
                }
                ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().daemon().name("load-report").factory());
                List<String> models = List.copyOf(extras.gateways.keySet());
                reporter.scheduleAtFixedRate(() -> {
                    for (int i = 0; i < generators.size(); i++) {
                        System.out.println("load " + models.get(i) + ": " + generators.get(i).summary().describe());
                    }
                }, 10, 10, TimeUnit.SECONDS);
                extras.closing.add(reporter::shutdownNow);
            }
        } catch (RuntimeException e) {
            extras.close();
            throw e;
        }
        return extras;
    }

    /** Load measures a serving fleet: wait (at most 60 s) until every Deployment is available. */
    static void awaitAvailable(Sandbox sandbox) {
        var deployments = dev.pitwall.sandbox.store.ResourceTypes.STANDARD.find("apps", "deployments").orElseThrow();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            boolean[] available = {true};
            sandbox.store().forEach(deployments, sandbox.namespace(), deployment -> available[0] &= deployment
                    .path("spec").path("replicas").asInt(1) == deployment.path("status").path("availableReplicas").asInt(0));
            if (available[0]) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    Map<String, String> gateways() {
        return gateways;
    }

    Optional<String> prometheusUrl() {
        return Optional.ofNullable(prometheus).map(PrometheusServer::url);
    }

    void writeEndpoints(Path file, Sandbox sandbox, Path kubeconfig) {
        ObjectNode endpoints = KubeObjects.JSON.createObjectNode();
        endpoints.put("apiServer", sandbox.url());
        endpoints.put("kubeconfig", kubeconfig.toAbsolutePath().toString());
        ObjectNode gatewayUrls = endpoints.putObject("gateways");
        gateways.forEach(gatewayUrls::put);
        endpoints.put("prometheus", prometheusUrl().orElse(null));
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, KubeObjects.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(endpoints));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the endpoints file " + file, e);
        }
    }

    @Override
    public void close() {
        for (int i = closing.size() - 1; i >= 0; i--) {
            try {
                closing.get(i).close();
            } catch (Exception ignored) {
                // closing down: nothing more to do
            }
        }
    }
}
