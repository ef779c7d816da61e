package dev.pitwall.architecture.violations.fleet;

/** Violates the pure domain rule: a domain record holding a fabric8 model object. */
public record FleetUsingFabric8(io.fabric8.kubernetes.api.model.Pod pod) {
}
