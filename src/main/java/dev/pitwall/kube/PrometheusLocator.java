package dev.pitwall.kube;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.pitwall.metrics.PrometheusChoice;
import dev.pitwall.metrics.PrometheusClient;
import dev.pitwall.metrics.PrometheusSettings;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Finds a context's Prometheus: the settings' entry for the context, else a Service labelled
 * {@value #LABEL}{@code =prometheus} in the cluster (any namespace the identity may list, else
 * {@code monitoring}), reached through the API server's service proxy on its port named
 * {@code web} or {@code http}, else 9090, else its first.
 */
public final class PrometheusLocator {

    static final String LABEL = "app.kubernetes.io/name";

    private PrometheusLocator() {
    }

    public static PrometheusChoice locate(KubernetesClient client, String context, PrometheusSettings settings, Duration timeout) {
        Optional<PrometheusSettings.Entry> entry = settings.forContext(context);
        if (entry.isPresent() && entry.get().url() != null) {
            return new PrometheusChoice(Optional.of(new PrometheusClient(entry.get().endpoint(), timeout)), "set in " + settings.source());
        }
        if (entry.isPresent()) {
            String[] namespaceAndName = entry.get().service().split("/", 2);
            String[] nameAndPort = namespaceAndName[1].split(":", 2);
            return new PrometheusChoice(Optional.of(new PrometheusClient(new ServiceProxyTransport(client, context, namespaceAndName[0],
                    nameAndPort[0], nameAndPort.length > 1 ? nameAndPort[1] : ""), timeout)), "set in " + settings.source());
        }
        List<Service> found;
        try {
            found = client.services().inAnyNamespace().withLabel(LABEL, "prometheus").list().getItems();
        } catch (KubernetesClientException e) {
            try {
                found = client.services().inNamespace("monitoring").withLabel(LABEL, "prometheus").list().getItems();
            } catch (KubernetesClientException again) {
                return new PrometheusChoice(Optional.empty(), "no Prometheus: none set for " + context + " in " + settings.source()
                        + ", and its Services cannot be listed (" + again.getMessage() + ")");
            }
        }
        if (found.isEmpty()) {
            return new PrometheusChoice(Optional.empty(), "no Prometheus: none set for " + context + " in " + settings.source()
                    + ", and no Service labelled " + LABEL + "=prometheus in the cluster");
        }
        Service service = found.getFirst();
        String port = port(service.getSpec() == null ? List.of() : service.getSpec().getPorts());
        ServiceProxyTransport transport = new ServiceProxyTransport(client, context, service.getMetadata().getNamespace(),
                service.getMetadata().getName(), port);
        return new PrometheusChoice(Optional.of(new PrometheusClient(transport, timeout)), "found in the cluster");
    }

    private static String port(List<ServicePort> ports) {
        for (ServicePort port : ports) {
            if ("web".equals(port.getName()) || "http".equals(port.getName())) {
                return port.getName();
            }
        }
        for (ServicePort port : ports) {
            if (port.getPort() != null && port.getPort() == 9090) {
                return "9090";
            }
        }
        return ports.isEmpty() ? "" : ports.getFirst().getName() != null ? ports.getFirst().getName()
                : String.valueOf(ports.getFirst().getPort());
    }
}
