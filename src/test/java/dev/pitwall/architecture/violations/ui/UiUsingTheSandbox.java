package dev.pitwall.architecture.violations.ui;

import dev.pitwall.architecture.violations.sandbox.FakeCluster;

/** Violates "only the wiring knows the sandbox": a view that could tell the sandbox from a cluster. */
public class UiUsingTheSandbox {
    public boolean isSandbox(FakeCluster cluster) {
        return cluster.url().startsWith("https://127.");
    }
}
