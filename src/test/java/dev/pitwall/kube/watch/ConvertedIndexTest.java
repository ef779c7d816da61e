package dev.pitwall.kube.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.pitwall.fleet.FleetPod;
import dev.pitwall.fleet.FleetSnapshot;
import dev.pitwall.fleet.PodState;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

/**
 * The converted pods and their groups (by node, by model service) that every snapshot is made of:
 * a pod's change shows in its groups, a pod that moves leaves its old group, and an event that
 * changes nothing Pitwall shows makes no new snapshot.
 */
class ConvertedIndexTest {

    private final Changes changes = new Changes();
    private final ConvertedIndex<Pod, FleetPod> index = new ConvertedIndex<Pod, FleetPod>(FleetObjects::pod, changes)
            .groupedBy(FleetInformers.BY_SERVICE, FleetSnapshot::serviceKey).groupedBy(FleetInformers.BY_NODE, FleetSnapshot::nodeKey);

    @BeforeEach
    void twoPodsOnTwoNodes() {
        index.onAdd(pod("fraud-a", "node-1", "1", false));
        index.onAdd(pod("fraud-b", "node-2", "1", true));
        changes.take();
    }

    @Test
    void aPodThatBecomesReadyOnItsNodeShowsInItsGroupsAndLeavesTheOtherNodesListAsItWas() {
        Map<String, List<FleetPod>> before = index.contents().groups().get(FleetInformers.BY_NODE);

        index.onUpdate(null, pod("fraud-a", "node-1", "2", true));

        assertTrue(changes.take() != 0, "the change is marked for the next snapshot");
        ConvertedIndex.Contents<FleetPod> after = index.contents();
        Map<String, List<FleetPod>> byNode = after.groups().get(FleetInformers.BY_NODE);
        assertEquals(List.of(PodState.READY), states(byNode.get("node-1")));
        assertSame(before.get("node-2"), byNode.get("node-2"), "an untouched node's list is reused");
        assertEquals(List.of(PodState.READY, PodState.READY), states(after.groups().get(FleetInformers.BY_SERVICE).get("models/fraud")));
        assertEquals(List.of("fraud-a", "fraud-b"), after.values().stream().map(FleetPod::name).toList());
    }

    @Test
    void aPodRescheduledToAnotherNodeLeavesTheFirst() {
        index.onUpdate(null, pod("fraud-a", "node-2", "2", false));

        Map<String, List<FleetPod>> byNode = index.contents().groups().get(FleetInformers.BY_NODE);
        assertNull(byNode.get("node-1"), "node-1 has no pod left");
        assertEquals(List.of("fraud-a", "fraud-b"), byNode.get("node-2").stream().map(FleetPod::name).toList());
    }

    @Test
    void anUpdateThatChangesNothingShownMarksNoChangeAndKeepsEveryList() {
        ConvertedIndex.Contents<FleetPod> before = index.contents();

        index.onUpdate(null, pod("fraud-a", "node-1", "3", false)); // only the resource version is new

        assertFalse(changes.pending(), "no snapshot for it");
        ConvertedIndex.Contents<FleetPod> after = index.contents();
        assertSame(before.values(), after.values());
        assertSame(before.groups().get(FleetInformers.BY_NODE), after.groups().get(FleetInformers.BY_NODE));
    }

    @Test
    void aDeletedPodLeavesEveryGroup() {
        index.onDelete(pod("fraud-b", "node-2", "2", true), false);

        ConvertedIndex.Contents<FleetPod> after = index.contents();
        assertTrue(changes.pending());
        assertEquals(List.of("fraud-a"), after.values().stream().map(FleetPod::name).toList());
        assertNull(after.groups().get(FleetInformers.BY_NODE).get("node-2"));
        assertEquals(1, after.groups().get(FleetInformers.BY_SERVICE).get("models/fraud").size());
    }

    private static List<PodState> states(List<FleetPod> pods) {
        return pods.stream().map(FleetPod::state).toList();
    }

    private static Pod pod(String name, String node, String resourceVersion, boolean ready) {
        return new PodBuilder().withNewMetadata().withNamespace("models").withName(name).withResourceVersion(resourceVersion)
                .withCreationTimestamp("2026-12-03T10:00:00Z").addToLabels("app.kubernetes.io/name", "fraud").endMetadata()
                .withNewSpec().withNodeName(node).endSpec()
                .withNewStatus().withPhase("Running").withPodIP("10.0.0.7")
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition().endStatus().build();
    }
}
