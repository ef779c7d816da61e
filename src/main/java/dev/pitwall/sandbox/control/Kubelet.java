package dev.pitwall.sandbox.control;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.pitwall.sandbox.SandboxAnnotations;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

/**
 * The kubelets of every sandbox node, simulated: a bound pod is Pending (ContainerCreating),
 * then Running, and Ready once its model has loaded ({@code startup-seconds}); a pod being
 * deleted turns not Ready at once, drains for its {@code shutdown-seconds} (at most the grace
 * period) and is then removed; a container set to crash ({@code crash-after-seconds}) restarts
 * with a growing back-off and counts its restarts. A kubelet on a node that is not Ready does
 * nothing, as a dead kubelet would.
 */
final class Kubelet extends Controller {

    static final String CRASH_AFTER_SECONDS = "sandbox.pitwall.dev/crash-after-seconds";
    private static final long CONTAINER_CREATE_MILLIS = 300;

    private final KubernetesClient client;
    private final ClusterCache cache;
    private final EventRecorder events;
    private final PodAddresses addresses = new PodAddresses();
    /** When each pod's current container started (precise; the API shows whole seconds). */
    private final Map<String, Instant> started = new ConcurrentHashMap<>();
    private final Map<String, Instant> scheduledAt = new ConcurrentHashMap<>();
    private final Map<String, Instant> backOffUntil = new ConcurrentHashMap<>();

    Kubelet(KubernetesClient client, ClusterCache cache, int workers) {
        super("kubelet", workers);
        this.client = client;
        this.cache = cache;
        this.events = new EventRecorder(client, "kubelet");
        cache.pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                queue.add(key(pod));
            }

            @Override
            public void onUpdate(Pod before, Pod after) {
                queue.add(key(after));
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                String uid = pod.getMetadata().getUid();
                addresses.release(uid);
                started.remove(uid);
                scheduledAt.remove(uid);
                backOffUntil.remove(uid);
            }
        });
        cache.nodes.addEventHandler(enqueueing(node -> NodeStates.ready(node)
                ? cache.podsOnNode(node.getMetadata().getName()).stream().map(Controller::key).toList() : List.of()));
    }

    @Override
    void reconcile(String key) {
        Pod pod = ClusterCache.get(cache.pods, key);
        if (pod == null || pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty()) {
            return;
        }
        Node node = ClusterCache.get(cache.nodes, pod.getSpec().getNodeName());
        if (node == null || !NodeStates.ready(node)) {
            return; // this node's kubelet is down
        }
        String uid = pod.getMetadata().getUid();
        Instant now = Instant.now();
        if (PodStates.terminating(pod)) {
            terminate(key, pod, now);
            return;
        }
        if (PodStates.finished(pod)) {
            return;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if (phase == null || ("Pending".equals(phase) && !scheduledAt.containsKey(uid) && !started.containsKey(uid))) {
            scheduledAt.put(uid, now);
            writeStatus(pod, "Pending", node, containerWaiting(pod, "ContainerCreating", 0), false, now);
            queue.addAfter(key, CONTAINER_CREATE_MILLIS);
            return;
        }
        if ("Pending".equals(phase)) {
            Instant createdAt = scheduledAt.getOrDefault(uid, now).plusMillis(CONTAINER_CREATE_MILLIS);
            if (now.isBefore(createdAt)) {
                queue.addAfter(key, Duration.between(now, createdAt).toMillis() + 1);
                return;
            }
            startContainer(pod, node, now, restarts(pod));
            return;
        }
        Instant until = backOffUntil.get(uid);
        if (until != null) {
            if (now.isBefore(until)) {
                queue.addAfter(key, Duration.between(now, until).toMillis() + 1);
                return;
            }
            backOffUntil.remove(uid);
            startContainer(pod, node, now, restarts(pod));
            return;
        }
        Instant containerStart = started.computeIfAbsent(uid, ignored -> now);
        double crashAfter = seconds(pod, CRASH_AFTER_SECONDS, 0);
        if (crashAfter > 0) {
            Instant crashAt = containerStart.plusMillis((long) (crashAfter * 1000));
            if (!now.isBefore(crashAt)) {
                crash(pod, node, now);
                return;
            }
            queue.addAfter(key, Duration.between(now, crashAt).toMillis() + 1);
        }
        if (!PodStates.ready(pod)) {
            Instant readyAt = containerStart.plusMillis((long) (seconds(pod, SandboxAnnotations.STARTUP_SECONDS, 2) * 1000));
            if (now.isBefore(readyAt)) {
                queue.addAfter(key, Duration.between(now, readyAt).toMillis() + 1);
                return;
            }
            writeStatus(pod, "Running", node, containerRunning(pod, containerStart, true, restarts(pod), lastState(pod)), true, now);
        }
    }

    private void startContainer(Pod pod, Node node, Instant now, int restartCount) {
        started.put(pod.getMetadata().getUid(), now);
        writeStatus(pod, "Running", node, containerRunning(pod, now, false, restartCount, lastState(pod)), false, now);
        if (restartCount == 0) {
            events.normal(pod, "Started", "Started container " + pod.getSpec().getContainers().getFirst().getName());
        }
        queue.addAfter(key(pod), 1);
    }

    private void crash(Pod pod, Node node, Instant now) {
        int restartCount = restarts(pod) + 1;
        long backOff = Math.min(10_000, 1000L << Math.min(10, restartCount - 1));
        backOffUntil.put(pod.getMetadata().getUid(), now.plusMillis(backOff));
        started.remove(pod.getMetadata().getUid());
        List<ContainerStatus> statuses = new ArrayList<>();
        for (var container : pod.getSpec().getContainers()) {
            statuses.add(new ContainerStatusBuilder().withName(container.getName()).withImage(container.getImage())
                    .withReady(false).withStarted(false).withRestartCount(restartCount)
                    .withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                    .withMessage("back-off " + backOff / 1000 + "s restarting failed container=" + container.getName())
                    .endWaiting().endState()
                    .withNewLastState().withNewTerminated().withExitCode(1).withReason("Error")
                    .withFinishedAt(now.truncatedTo(ChronoUnit.SECONDS).toString()).endTerminated().endLastState()
                    .build());
        }
        writeStatus(pod, "Running", node, statuses, false, now);
        events.warning(pod, "BackOff", "Back-off restarting failed container " + pod.getSpec().getContainers().getFirst().getName());
        queue.addAfter(key(pod), backOff + 1);
    }

    private void terminate(String key, Pod pod, Instant now) {
        String uid = pod.getMetadata().getUid();
        if (PodStates.ready(pod)) {
            Node node = ClusterCache.get(cache.nodes, pod.getSpec().getNodeName());
            writeStatus(pod, PodStates.phase(pod), node, containerRunning(pod, started.getOrDefault(uid, now), false,
                    restarts(pod), lastState(pod)), false, now);
            events.normal(pod, "Killing", "Stopping container " + pod.getSpec().getContainers().getFirst().getName());
        }
        long grace = pod.getMetadata().getDeletionGracePeriodSeconds() == null ? 0 : pod.getMetadata().getDeletionGracePeriodSeconds();
        Instant deadline = Instant.parse(pod.getMetadata().getDeletionTimestamp());
        Instant since = deadline.minusSeconds(grace);
        double shutdown = Math.min(seconds(pod, SandboxAnnotations.SHUTDOWN_SECONDS, 1), grace);
        Instant done = since.plusMillis((long) (shutdown * 1000));
        if (now.isBefore(done)) {
            queue.addAfter(key, Duration.between(now, done).toMillis() + 1);
            return;
        }
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .withGracePeriod(0).delete();
    }

    private void writeStatus(Pod pod, String phase, Node node, List<ContainerStatus> containers, boolean ready, Instant now) {
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        List<PodCondition> conditions = new ArrayList<>();
        conditions.add(condition(pod, "PodScheduled", true, time));
        conditions.add(condition(pod, "Initialized", true, time));
        conditions.add(condition(pod, "ContainersReady", ready, time));
        conditions.add(condition(pod, "Ready", ready, time));
        PodStatus status = new PodStatusBuilder().withPhase(phase).withConditions(conditions)
                .withHostIP(node == null ? null : NodeStates.internalIp(node))
                .withPodIP("Pending".equals(phase) ? null : addresses.addressOf(pod.getMetadata().getUid()))
                .withStartTime(pod.getStatus() != null && pod.getStatus().getStartTime() != null ? pod.getStatus().getStartTime() : time)
                .withQosClass("Burstable").withContainerStatuses(containers).build();
        if ("Running".equals(phase)) {
            status.setPodIPs(List.of(new io.fabric8.kubernetes.api.model.PodIPBuilder().withIp(status.getPodIP()).build()));
        }
        client.pods().inNamespace(pod.getMetadata().getNamespace())
                .resource(new PodBuilder().withNewMetadata().withName(pod.getMetadata().getName())
                        .withNamespace(pod.getMetadata().getNamespace()).endMetadata().withStatus(status).build())
                .patchStatus();
    }

    /** A condition, keeping its transition time when its status does not change. */
    private static PodCondition condition(Pod pod, String type, boolean value, String now) {
        String status = value ? "True" : "False";
        PodCondition previous = pod.getStatus() == null || pod.getStatus().getConditions() == null ? null
                : pod.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        String since = previous != null && status.equals(previous.getStatus()) && previous.getLastTransitionTime() != null
                ? previous.getLastTransitionTime() : now;
        return new PodConditionBuilder().withType(type).withStatus(status).withLastTransitionTime(since).build();
    }

    private static List<ContainerStatus> containerWaiting(Pod pod, String reason, int restartCount) {
        return pod.getSpec().getContainers().stream().map(container -> new ContainerStatusBuilder()
                .withName(container.getName()).withImage(container.getImage()).withReady(false).withStarted(false)
                .withRestartCount(restartCount).withNewState().withNewWaiting().withReason(reason).endWaiting().endState()
                .build()).toList();
    }

    private static List<ContainerStatus> containerRunning(Pod pod, Instant since, boolean ready, int restartCount,
                                                          io.fabric8.kubernetes.api.model.ContainerState last) {
        return pod.getSpec().getContainers().stream().map(container -> new ContainerStatusBuilder()
                .withName(container.getName()).withImage(container.getImage())
                .withImageID("registry.sandbox.local/" + container.getImage().replace("registry.sandbox.local/", "") + "@sandbox")
                .withContainerID("pitwall-sandbox://" + pod.getMetadata().getUid() + "/" + container.getName())
                .withReady(ready).withStarted(true).withRestartCount(restartCount)
                .withNewState().withNewRunning().withStartedAt(since.truncatedTo(ChronoUnit.SECONDS).toString()).endRunning().endState()
                .withLastState(last).build()).toList();
    }

    private static int restarts(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return 0;
        }
        return pod.getStatus().getContainerStatuses().stream().mapToInt(s -> s.getRestartCount() == null ? 0 : s.getRestartCount())
                .max().orElse(0);
    }

    private static io.fabric8.kubernetes.api.model.ContainerState lastState(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                || pod.getStatus().getContainerStatuses().isEmpty()) {
            return null;
        }
        return pod.getStatus().getContainerStatuses().getFirst().getLastState();
    }

    private static double seconds(Pod pod, String annotation, double fallback) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        if (annotations == null || annotations.get(annotation) == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(annotations.get(annotation));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
