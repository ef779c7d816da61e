package dev.pitwall.sandbox.dataplane;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pitwall.fleet.Conventions;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.vertx.core.Vertx;

/**
 * The sandbox's container runtime for model servers: a pod that runs (it has an address and its
 * container is running) gets a {@link ModelServer} on its address and port; the server counts as
 * loaded once the pod is Ready; a pod being deleted stops being ready but serves on, then drains
 * and closes when its kubelet removes it; a pod removed at once (grace 0) or whose container
 * crashed drops what it was serving.
 */
final class PodRuntime implements ResourceEventHandler<Pod> {

    private static final Logger LOG = LoggerFactory.getLogger(PodRuntime.class);

    private final Vertx vertx;
    private final Map<String, ModelServer> servers = new ConcurrentHashMap<>();
    private final Runnable onChange;

    PodRuntime(Vertx vertx, Runnable onChange) {
        this.vertx = vertx;
        this.onChange = onChange;
    }

    @Override
    public void onAdd(Pod pod) {
        sync(pod);
    }

    @Override
    public void onUpdate(Pod before, Pod after) {
        sync(after);
    }

    @Override
    public void onDelete(Pod pod, boolean finalStateUnknown) {
        ModelServer server = servers.remove(pod.getMetadata().getUid());
        if (server == null) {
            return;
        }
        if (pod.getMetadata().getDeletionTimestamp() != null && pod.getMetadata().getDeletionGracePeriodSeconds() != null
                && pod.getMetadata().getDeletionGracePeriodSeconds() > 0) {
            long left = Instant.parse(pod.getMetadata().getDeletionTimestamp()).toEpochMilli() - System.currentTimeMillis();
            server.closeAfterDrain(Math.max(100, left));
        } else {
            server.closeNow();
        }
        onChange.run();
    }

    private void sync(Pod pod) {
        String uid = pod.getMetadata().getUid();
        ModelServer server = servers.get(uid);
        if (!running(pod)) {
            if (server != null && servers.remove(uid, server)) {
                server.closeNow(); // the container stopped (crashed): whatever it served is lost
                onChange.run();
            }
            return;
        }
        if (server == null) {
            server = start(pod);
            if (server == null) {
                return;
            }
        }
        if (ready(pod)) {
            server.markLoaded();
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            server.markTerminating();
        }
    }

    private ModelServer start(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        if (labels == null || !Conventions.MODEL_SERVER.equals(labels.get(Conventions.COMPONENT_LABEL))) {
            return null;
        }
        int port = pod.getSpec().getContainers().getFirst().getPorts().stream().map(ContainerPort::getContainerPort)
                .findFirst().orElse(8080);
        ModelServer server = new ModelServer(vertx, pod.getStatus().getPodIP(), port, labels.get(Conventions.MODEL_LABEL),
                labels.getOrDefault(Conventions.VERSION_LABEL, "unknown"), ModelBehaviour.of(pod.getMetadata().getAnnotations()));
        if (servers.putIfAbsent(pod.getMetadata().getUid(), server) != null) {
            return servers.get(pod.getMetadata().getUid());
        }
        server.start().whenComplete((ignored, error) -> {
            if (error != null) {
                LOG.warn("model server for pod {} could not listen on {}: {}", pod.getMetadata().getName(), server.endpoint(),
                        error.getMessage());
                servers.remove(pod.getMetadata().getUid(), server);
            }
            onChange.run();
        });
        return server;
    }

    private static boolean running(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getPodIP() != null && "Running".equals(pod.getStatus().getPhase())
                && pod.getStatus().getContainerStatuses() != null && !pod.getStatus().getContainerStatuses().isEmpty()
                && pod.getStatus().getContainerStatuses().getFirst().getState() != null
                && pod.getStatus().getContainerStatuses().getFirst().getState().getRunning() != null;
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** The servers listening now, by pod uid. */
    Map<String, ModelServer> servers() {
        return Map.copyOf(servers);
    }

    java.util.List<io.vertx.core.Future<Void>> closeAll() {
        java.util.List<io.vertx.core.Future<Void>> closed = servers.values().stream().map(ModelServer::closeNow).toList();
        servers.clear();
        return closed;
    }
}
