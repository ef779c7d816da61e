package dev.pitwall.architecture.violations.ui;

/** Violates "ui never uses the fabric8 client". */
public class UiUsingFabric8 {
    public String version(io.fabric8.kubernetes.client.KubernetesClient client) {
        return client.getKubernetesVersion().getGitVersion();
    }
}
