package dev.pitwall.architecture.violations.fleet;

import dev.pitwall.architecture.violations.kube.KubeUsingJavaFx;

/** Violates the pure domain rule: the domain reaching into another Pitwall package. */
public record FleetUsingKube(KubeUsingJavaFx helper) {
}
