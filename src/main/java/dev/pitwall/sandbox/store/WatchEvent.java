package dev.pitwall.sandbox.store;

import tools.jackson.databind.node.ObjectNode;

/**
 * One change in the store. {@code object} is the state after the change (for DELETED, the last
 * state); {@code previous} the state before, or null for ADDED. Stored objects are never mutated.
 */
public record WatchEvent(Type type, ResourceType resourceType, ObjectNode object, ObjectNode previous,
                         long resourceVersion) {

    public enum Type { ADDED, MODIFIED, DELETED }
}
