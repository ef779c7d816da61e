package dev.pitwall.sandbox.control;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

/**
 * Binds pods that have no node to a Ready, schedulable, untainted node with room for them
 * (pod count and CPU requests against allocatable), the least loaded first, through the
 * binding subresource as kube-scheduler does.
 */
final class Scheduler extends Controller {

    private final KubernetesClient client;
    private final ClusterCache cache;
    private final EventRecorder events;
    /** Pods bound by this scheduler that the cache has not shown bound yet, by pod key, to node. */
    private final Map<String, String> assumed = new ConcurrentHashMap<>();
    private final Set<String> reportedUnschedulable = ConcurrentHashMap.newKeySet();
    /** What each pod takes from its node, kept up to date from pod events: pod key to (node, CPU). */
    private final Map<String, Usage> usageByPod = new ConcurrentHashMap<>();
    private final Map<String, long[]> usageByNode = new ConcurrentHashMap<>();

    private record Usage(String node, long cpu) {
    }

    Scheduler(KubernetesClient client, ClusterCache cache) {
        super("scheduler", 1);
        this.client = client;
        this.cache = cache;
        this.events = new EventRecorder(client, "default-scheduler");
        cache.pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                account(pod);
                consider(pod);
            }

            @Override
            public void onUpdate(Pod before, Pod after) {
                account(after);
                consider(after);
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                assumed.remove(key(pod));
                reportedUnschedulable.remove(key(pod));
                release(key(pod));
            }
        });
        cache.nodes.addEventHandler(enqueueing(node -> pending()));
    }

    private void account(Pod pod) {
        String key = key(pod);
        if (!bound(pod) || PodStates.finished(pod)) {
            release(key);
            return;
        }
        Usage now = new Usage(pod.getSpec().getNodeName(), cpuMillis(pod));
        Usage before = usageByPod.put(key, now);
        if (!now.equals(before)) {
            if (before != null) {
                add(before, -1);
            }
            add(now, 1);
        }
    }

    private void release(String podKey) {
        Usage before = usageByPod.remove(podKey);
        if (before != null) {
            add(before, -1);
        }
    }

    private void add(Usage usage, int sign) {
        usageByNode.compute(usage.node(), (node, totals) -> {
            long[] next = totals == null ? new long[2] : totals;
            next[0] += sign;
            next[1] += sign * usage.cpu();
            return next;
        });
    }

    private void consider(Pod pod) {
        if (bound(pod)) {
            assumed.remove(key(pod));
        } else if (!PodStates.terminating(pod)) {
            queue.add(key(pod));
        }
    }

    private List<String> pending() {
        return cache.podsOnNode("").stream().filter(pod -> !PodStates.terminating(pod)).map(Controller::key).toList();
    }

    private static boolean bound(Pod pod) {
        return pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty();
    }

    @Override
    void reconcile(String key) {
        Pod pod = ClusterCache.get(cache.pods, key);
        if (pod == null || bound(pod) || PodStates.terminating(pod) || assumed.containsKey(key)) {
            return;
        }
        long request = cpuMillis(pod);
        Node chosen = cache.nodes.getIndexer().list().stream()
                .filter(Scheduler::schedulable)
                .filter(node -> fits(node, request))
                .min(Comparator.comparingLong(this::cpuInUse).thenComparingInt(this::podCount)
                        .thenComparing(node -> node.getMetadata().getName()))
                .orElse(null);
        if (chosen == null) {
            if (reportedUnschedulable.add(key)) {
                events.warning(pod, "FailedScheduling", "0/" + cache.nodes.getIndexer().list().size()
                        + " nodes are available: no Ready, schedulable node has room for " + request + "m CPU.");
            }
            queue.addAfter(key, 1000);
            return;
        }
        String node = chosen.getMetadata().getName();
        client.bindings().inNamespace(pod.getMetadata().getNamespace()).resource(new BindingBuilder()
                .withNewMetadata().withName(pod.getMetadata().getName()).withNamespace(pod.getMetadata().getNamespace()).endMetadata()
                .withNewTarget().withKind("Node").withApiVersion("v1").withName(node).endTarget().build()).create();
        assumed.put(key, node);
        reportedUnschedulable.remove(key);
        events.normal(pod, "Scheduled", "Successfully assigned " + pod.getMetadata().getNamespace() + "/"
                + pod.getMetadata().getName() + " to " + node);
    }

    static boolean schedulable(Node node) {
        if (Boolean.TRUE.equals(node.getSpec().getUnschedulable()) || !NodeStates.ready(node)) {
            return false;
        }
        return node.getSpec().getTaints() == null || node.getSpec().getTaints().stream()
                .noneMatch(taint -> "NoSchedule".equals(taint.getEffect()) || "NoExecute".equals(taint.getEffect()));
    }

    private boolean fits(Node node, long request) {
        Map<String, Quantity> allocatable = node.getStatus().getAllocatable();
        long cpu = allocatable == null || allocatable.get("cpu") == null ? Long.MAX_VALUE : millis(allocatable.get("cpu"));
        long pods = allocatable == null || allocatable.get("pods") == null ? 110 : Long.parseLong(allocatable.get("pods").getAmount());
        long[] used = usage(node);
        return used[0] + 1 <= pods && used[1] + request <= cpu;
    }

    /** Pods and CPU on a node: bound pods the cache shows, plus those bound here not yet shown. */
    private long[] usage(Node node) {
        String name = node.getMetadata().getName();
        long[] totals = usageByNode.getOrDefault(name, new long[2]).clone();
        assumed.forEach((podKey, assignedNode) -> {
            if (assignedNode.equals(name) && !usageByPod.containsKey(podKey)) {
                Pod pod = ClusterCache.get(cache.pods, podKey);
                if (pod != null) {
                    totals[0]++;
                    totals[1] += cpuMillis(pod);
                }
            }
        });
        return totals;
    }

    private int podCount(Node node) {
        return (int) usage(node)[0];
    }

    private long cpuInUse(Node node) {
        return usage(node)[1];
    }

    static long cpuMillis(Pod pod) {
        long total = 0;
        for (Container container : pod.getSpec().getContainers()) {
            if (container.getResources() != null && container.getResources().getRequests() != null
                    && container.getResources().getRequests().get("cpu") != null) {
                total += millis(container.getResources().getRequests().get("cpu"));
            }
        }
        return total;
    }

    static long millis(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity).multiply(java.math.BigDecimal.valueOf(1000)).longValue();
    }
}
