package dev.pitwall.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import dev.pitwall.sandbox.control.Controllers;
import dev.pitwall.sandbox.preset.Preset;
import dev.pitwall.sandbox.preset.PresetReader;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Sandboxes for tests: in-process, on a free loopback port, with their kubeconfig in a temporary folder. */
public final class TestSandboxes {

    private TestSandboxes() {
    }

    public static Sandbox start(String presetName, Path dir) {
        return start(PresetReader.shipped(presetName), dir);
    }

    public static Sandbox start(Preset preset, Path dir) {
        return Sandbox.start(Sandbox.Options.of("sandbox", preset, dir.resolve("kubeconfig")));
    }

    public static Preset preset(String testdataFile) {
        try {
            return PresetReader.read(Path.of(TestSandboxes.class.getResource("testdata/" + testdataFile).toURI()));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client with one identity's token, as Pitwall's own code would connect. */
    public static KubernetesClient client(Sandbox sandbox, SandboxIdentity identity) {
        return Controllers.client(sandbox.url(), sandbox.caCertificatePem(), sandbox.token(identity));
    }

    /** Waits, at most {@code limit}, for a condition; fails with {@code what} if it never holds. */
    public static void await(Duration limit, String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
        throw new AssertionError("gave up after " + limit.toSeconds() + " s waiting for " + what);
    }

    /** Waits until every Deployment of the sandbox's namespace has all its replicas available. */
    public static void awaitSteady(Sandbox sandbox, KubernetesClient client) {
        await(Duration.ofSeconds(30), "every deployment available", () -> client.apps().deployments()
                .inNamespace(sandbox.namespace()).list().getItems().stream().allMatch(d -> d.getStatus() != null
                        && d.getSpec().getReplicas().equals(d.getStatus().getAvailableReplicas())
                        && d.getSpec().getReplicas().equals(d.getStatus().getUpdatedReplicas())
                        && d.getSpec().getReplicas().equals(d.getStatus().getReplicas())));
    }
}
