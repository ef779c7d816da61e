package dev.pitwall.app;

import java.nio.file.Path;

import dev.pitwall.sandbox.Sandbox;
import dev.pitwall.sandbox.SandboxIdentity;
import dev.pitwall.sandbox.dataplane.PrometheusServer;
import dev.pitwall.sandbox.preset.PresetException;
import dev.pitwall.sandbox.preset.PresetReader;

/**
 * A fresh in-process sandbox for a drill whose target names sandbox presets (the topology
 * comparison): one per preset, in turn, each with a Prometheus when one is installed, every
 * Deployment available before the drill starts. The drill then reaches it through its
 * kubeconfig, as it would any cluster.
 */
public final class DrillSandbox implements AutoCloseable {

    private final Sandbox sandbox;
    private final SandboxExtras extras;

    private DrillSandbox(Sandbox sandbox, SandboxExtras extras) {
        this.sandbox = sandbox;
        this.extras = extras;
    }

    /** Starts the shipped preset {@code preset} with its kubeconfig and Prometheus files under {@code directory}. */
    public static DrillSandbox start(String preset, Path directory) {
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(Sandbox.Options.of(preset, PresetReader.shipped(preset), directory.resolve("kubeconfig")));
        } catch (PresetException e) {
            throw new UserError("the drill's target.sandboxes names " + e.getMessage());
        }
        try {
            SandboxExtras extras = SandboxExtras.start(sandbox, directory, PrometheusServer.binary().isPresent(), 0, false);
            SandboxExtras.awaitAvailable(sandbox);
            return new DrillSandbox(sandbox, extras);
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    public Path kubeconfig() {
        return sandbox.kubeconfig();
    }

    /** The context an operator uses (the drill's steps run under the policy as an operator's would). */
    public String context() {
        return sandbox.context(SandboxIdentity.OPERATOR);
    }

    @Override
    public void close() {
        extras.close();
        sandbox.close();
    }
}
