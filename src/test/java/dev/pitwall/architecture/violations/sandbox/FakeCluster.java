package dev.pitwall.architecture.violations.sandbox;

/** Stands for the sandbox in the violating fixtures. */
public class FakeCluster {
    public String url() {
        return "https://127.0.0.1:6443";
    }
}
