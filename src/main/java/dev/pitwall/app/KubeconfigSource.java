package dev.pitwall.app;

import java.util.concurrent.CompletableFuture;

import dev.pitwall.kube.config.KubeconfigLoader;
import dev.pitwall.kube.config.KubeconfigLocator;
import dev.pitwall.kube.config.KubeconfigSummary;

/** Reads the operator's kubeconfig files off the JavaFX thread. */
final class KubeconfigSource {

    private KubeconfigSource() {
    }

    static CompletableFuture<KubeconfigSummary> loadAsync() {
        return CompletableFuture.supplyAsync(() -> new KubeconfigLoader().load(KubeconfigLocator.locate()),
                command -> Thread.ofVirtual().name("kubeconfig-loader").start(command));
    }
}
