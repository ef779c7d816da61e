package dev.pitwall.sandbox.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.pitwall.sandbox.SandboxAnnotations;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * Node lifecycle: a node that is not Ready is tainted {@code node.kubernetes.io/not-ready:NoExecute}
 * and, after its eviction timeout, its pods are deleted so that their controllers replace them on
 * Ready nodes; the taint goes when the node is Ready again.
 */
final class NodeLifecycleController extends Controller {

    static final String NOT_READY_TAINT = "node.kubernetes.io/not-ready";

    private final KubernetesClient client;
    private final ClusterCache cache;
    private final EventRecorder events;

    NodeLifecycleController(KubernetesClient client, ClusterCache cache) {
        super("nodelifecycle", 1);
        this.client = client;
        this.cache = cache;
        this.events = new EventRecorder(client, "node-controller");
        cache.nodes.addEventHandler(enqueueingSelf());
    }

    @Override
    void reconcile(String key) {
        Node node = ClusterCache.get(cache.nodes, key);
        if (node == null) {
            return;
        }
        boolean ready = NodeStates.ready(node);
        List<Taint> taints = node.getSpec().getTaints() == null ? new ArrayList<>() : new ArrayList<>(node.getSpec().getTaints());
        boolean tainted = taints.stream().anyMatch(t -> NOT_READY_TAINT.equals(t.getKey()));
        if (!ready && !tainted) {
            taints.add(new TaintBuilder().withKey(NOT_READY_TAINT).withEffect("NoExecute")
                    .withTimeAdded(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()).build());
            setTaints(node, taints);
            events.normal(node, "NodeNotReady", "Node " + node.getMetadata().getName() + " status is now: NodeNotReady");
        } else if (ready && tainted) {
            taints.removeIf(t -> NOT_READY_TAINT.equals(t.getKey()));
            setTaints(node, taints);
            events.normal(node, "NodeReady", "Node " + node.getMetadata().getName() + " status is now: NodeReady");
        }
        if (ready) {
            return;
        }
        long timeout = 10;
        if (node.getMetadata().getAnnotations() != null
                && node.getMetadata().getAnnotations().get(SandboxAnnotations.NODE_EVICTION_SECONDS) != null) {
            timeout = Long.parseLong(node.getMetadata().getAnnotations().get(SandboxAnnotations.NODE_EVICTION_SECONDS));
        }
        Instant evictAt = NodeStates.notReadySince(node).plusSeconds(timeout);
        Instant now = Instant.now();
        if (now.isBefore(evictAt)) {
            queue.addAfter(key, Duration.between(now, evictAt).toMillis() + 10);
            return;
        }
        for (Pod pod : cache.podsOnNode(node.getMetadata().getName())) {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .withGracePeriod(0).delete();
            events.normal(pod, "TaintManagerEviction", "Marking for deletion Pod " + pod.getMetadata().getNamespace() + "/"
                    + pod.getMetadata().getName());
        }
    }

    private void setTaints(Node node, List<Taint> taints) {
        String json = dev.pitwall.sandbox.store.KubeObjects.JSON.writeValueAsString(java.util.Map.of("spec", java.util.Map.of("taints", taints)));
        client.nodes().withName(node.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE), json);
    }
}
