package dev.pitwall.sandbox.control;

import java.time.Instant;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;

/** What the controllers need to know of a node's state. */
final class NodeStates {

    private NodeStates() {
    }

    static NodeCondition readyCondition(Node node) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return null;
        }
        return node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
    }

    static boolean ready(Node node) {
        NodeCondition condition = readyCondition(node);
        return condition != null && "True".equals(condition.getStatus());
    }

    static Instant notReadySince(Node node) {
        NodeCondition condition = readyCondition(node);
        return condition == null || condition.getLastTransitionTime() == null ? Instant.EPOCH
                : Instant.parse(condition.getLastTransitionTime());
    }

    static String internalIp(Node node) {
        if (node.getStatus() == null || node.getStatus().getAddresses() == null) {
            return "";
        }
        return node.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType()))
                .map(NodeAddress::getAddress).findFirst().orElse("");
    }
}
