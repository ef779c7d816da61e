package dev.pitwall.architecture.violations.kube;

import io.fabric8.kubernetes.client.KubernetesClient;

/** Violates the one-writer rule: deletes a pod outside the writer. */
public final class KubeDeletingAPod {

    public void delete(KubernetesClient client) {
        client.pods().inNamespace("models").withName("pod").delete();
    }
}
