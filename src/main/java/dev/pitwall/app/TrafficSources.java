package dev.pitwall.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.pitwall.kube.DirectScraper;
import dev.pitwall.kube.KubeClients;
import dev.pitwall.kube.PrometheusLocator;
import dev.pitwall.metrics.PrometheusSettings;
import dev.pitwall.metrics.TrafficMonitor;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Each open context's traffic monitor: its Prometheus from the settings or found in the cluster,
 * and direct scraping through the API server as the fallback. Clients are made on the monitor's
 * thread, at first use, never on the JavaFX thread.
 */
public final class TrafficSources implements AutoCloseable {

    static final Duration PROMETHEUS_TIMEOUT = Duration.ofSeconds(2);
    static final Duration DIRECT_WINDOW = Duration.ofSeconds(15);

    private final java.util.function.Supplier<PrometheusSettings> settings;
    private final Map<String, TrafficMonitor> monitors = new ConcurrentHashMap<>();
    private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();

    /** {@code settings} is read when a context's Prometheus is looked for: a mistake in it is shown beside the figures. */
    TrafficSources(java.util.function.Supplier<PrometheusSettings> settings) {
        this.settings = settings;
    }

    /** The settings file in Pitwall's data directory, with entries given on the command line first. */
    public static PrometheusSettings settings(List<PrometheusSettings.Entry> given) {
        return PrometheusSettings.read(DataDirectory.resolve().resolve("prometheus.yaml")).withFirst(given);
    }

    TrafficMonitor monitor(String context, List<Path> kubeconfigs) {
        return monitors.computeIfAbsent(context, name -> new TrafficMonitor(name,
                () -> PrometheusLocator.locate(client(name, kubeconfigs), name, settings.get(), PROMETHEUS_TIMEOUT),
                route -> new DirectScraper(client(name, kubeconfigs)).scrape(route), "1m", DIRECT_WINDOW, Clock.systemUTC()));
    }

    private KubernetesClient client(String context, List<Path> kubeconfigs) {
        return clients.computeIfAbsent(context, name -> KubeClients.forContext(kubeconfigs, name));
    }

    @Override
    public void close() {
        monitors.values().forEach(TrafficMonitor::close);
        clients.values().forEach(KubernetesClient::close);
    }
}
