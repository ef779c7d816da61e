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
        if (kubeconfigs.size() == 1) {
            return forContext(kubeconfigs.getFirst(), context);
        }
        return build(merged(kubeconfigs, context));
    }

    /**
     * fabric8 merges several kubeconfig files only from the {@code kubeconfig} system property (or
     * the KUBECONFIG variable), so the files are named there for the moment the configuration is
     * read. Only Pitwall reads that property, and only here, under this lock.
     */
    private static synchronized Config merged(java.util.List<Path> kubeconfigs, String context) {
        String previous = System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE);
        System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, String.join(java.io.File.pathSeparator,
                kubeconfigs.stream().map(Path::toString).toList()));
        try {
            Config config = Config.autoConfigure(context);
            if (config.getCurrentContext() == null || !context.equals(config.getCurrentContext().getName())) {
                throw new IllegalArgumentException("context '" + context + "' is not defined in " + kubeconfigs);
            }
            return config;
        } finally {
            if (previous == null) {
                System.clearProperty(Config.KUBERNETES_KUBECONFIG_FILE);
            } else {
                System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, previous);
            }
        }
    }

    private static KubernetesClient build(Config base) {
        Config config = new ConfigBuilder(base)
                .withWatchReconnectInterval(500)
                .withRequestTimeout(10_000)
                .withConnectionTimeout(5_000)
                // each request is sent once: a journaled request must not be repeated behind the
                // journal's back (an eviction refused with 429 would be retried); watches reconnect
                // by themselves
                .withRequestRetryBackoffLimit(0)
                .build();
        return new KubernetesClientBuilder().withConfig(config).withTaskExecutorSupplier(new BackgroundTaskPool()).build();
    }
}
