package dev.pitwall.kube;

import java.nio.file.Path;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * Kubernetes clients for kubeconfig contexts, with fabric8's handling of tokens, client
 * certificates and exec credential plugins (EKS, GKE, AKS, OIDC). Lost watches reconnect quickly.
 */
public final class KubeClients {

    private KubeClients() {
    }

    /** A client for one context of one kubeconfig file. */
    public static KubernetesClient forContext(Path kubeconfig, String context) {
        return build(Config.fromKubeconfig(context, kubeconfig.toFile()));
    }

    /**
     * A client for a context of the merged kubeconfig files (as KUBECONFIG names them): one file is
     * read directly, several are merged by fabric8 as kubectl merges them.
     */
    public static KubernetesClient forContext(java.util.List<Path> kubeconfigs, String context) {
        return kubeconfigs.size() == 1 ? forContext(kubeconfigs.getFirst(), context) : build(Config.autoConfigure(context));
    }

    private static KubernetesClient build(Config base) {
        Config config = new ConfigBuilder(base)
                .withWatchReconnectInterval(500)
                .withRequestTimeout(10_000)
                .withConnectionTimeout(5_000)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
