package dev.pitwall.sandbox.dataplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.pitwall.sandbox.store.KubeObjects;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A configuration for a real Prometheus that scrapes the sandbox: {@code prometheus.yml} with two
 * jobs ({@code sandbox-pods}, {@code sandbox-gateways}) discovered from files
 * ({@code pods.json}, {@code gateways.json}) that are rewritten whenever pods or gateways change.
 * Every pod target carries namespace, pod, model, track and version labels.
 */
public final class ScrapeConfig implements AutoCloseable {

    private final Path directory;
    private final DataPlane plane;
    private final ScheduledExecutorService writer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("sandbox-scrape-targets").factory());
    private ScheduledFuture<?> pending;

    private ScrapeConfig(Path directory, DataPlane plane) {
        this.directory = directory;
        this.plane = plane;
    }

    public static ScrapeConfig write(Path directory, DataPlane plane, int intervalSeconds) {
        ScrapeConfig config = new ScrapeConfig(directory, plane);
        try {
            Files.createDirectories(directory);
            Path pods = directory.resolve("pods.json").toAbsolutePath();
            Path gateways = directory.resolve("gateways.json").toAbsolutePath();
            Files.writeString(directory.resolve("prometheus.yml"), """
                    # Written by 'pitwall sandbox': a real Prometheus scraping the sandbox fleet on loopback.
                    global:
                      scrape_interval: %ds
                      evaluation_interval: %ds
                    scrape_configs:
                      - job_name: sandbox-pods
                        file_sd_configs: [{files: ['%s'], refresh_interval: 1s}]
                      - job_name: sandbox-gateways
                        file_sd_configs: [{files: ['%s'], refresh_interval: 1s}]
                    """.formatted(intervalSeconds, intervalSeconds, pods, gateways));
            config.writeTargets();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Prometheus configuration in " + directory, e);
        }
        plane.onChange(config::schedule);
        return config;
    }

    public Path file() {
        return directory.resolve("prometheus.yml");
    }

    private synchronized void schedule() {
        if (pending == null || pending.isDone()) {
            pending = writer.schedule(this::writeTargets, 100, TimeUnit.MILLISECONDS);
        }
    }

    private void writeTargets() {
        List<DataPlane.ScrapeTarget> targets = plane.targets();
        write("pods.json", targets.stream().filter(t -> t.kind().equals("pod")).toList());
        write("gateways.json", targets.stream().filter(t -> t.kind().equals("gateway")).toList());
    }

    private void write(String name, List<DataPlane.ScrapeTarget> targets) {
        ArrayNode groups = KubeObjects.JSON.createArrayNode();
        for (DataPlane.ScrapeTarget target : targets) {
            ObjectNode group = groups.addObject();
            group.putArray("targets").add(target.address());
            ObjectNode labels = group.putObject("labels");
            target.labels().forEach(labels::put);
        }
        try {
            Path temporary = Files.createTempFile(directory, "." + name, ".tmp");
            Files.writeString(temporary, KubeObjects.JSON.writeValueAsString(groups));
            Files.move(temporary, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.resolve(name), e);
        }
    }

    @Override
    public void close() {
        writer.shutdownNow();
    }
}
