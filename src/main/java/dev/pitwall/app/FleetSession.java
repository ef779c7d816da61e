package dev.pitwall.app;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.pitwall.app.ops.OperationsAdapter;
import dev.pitwall.fleet.Connection;
import dev.pitwall.fleet.FleetSnapshot;
import dev.pitwall.kube.KubeClients;
import dev.pitwall.kube.watch.ClusterWatch;
import dev.pitwall.sandbox.Sandbox;
import dev.pitwall.sandbox.SandboxIdentity;
import dev.pitwall.sandbox.preset.PresetReader;
import dev.pitwall.ui.ops.OperationsPort;

/**
 * The clusters an operator has open: a watch per context, and the in-process sandbox when one was
 * started. The views see only snapshots; they cannot tell the sandbox from any other cluster.
 */
final class FleetSession implements AutoCloseable {

    private final Consumer<FleetSnapshot> sink;
    private final Map<String, ClusterWatch> watches = new ConcurrentHashMap<>();
    private volatile Sandbox sandbox;
    private final Map<String, List<Path>> kubeconfigsByContext = new ConcurrentHashMap<>();
    private final Map<String, OperationsAdapter> operations = new ConcurrentHashMap<>();
    private final Path policy;
    private final TrafficSources traffic;
    private final SandboxTraffic sandboxTraffic;
    private volatile SandboxExtras sandboxExtras;

    /** What the in-process sandbox serves besides its API: a Prometheus (when installed) and load on its gateways. */
    record SandboxTraffic(boolean prometheus, double requestsPerSecond) {
        static final SandboxTraffic NONE = new SandboxTraffic(false, 0);
        /** What the window starts: the sandbox as a small live fleet. */
        static final SandboxTraffic LIVE = new SandboxTraffic(true, 20);
    }

    FleetSession(Consumer<FleetSnapshot> sink) {
        this(sink, null, () -> dev.pitwall.metrics.PrometheusSettings.NONE, SandboxTraffic.NONE);
    }

    /** @param policy a role policy file, or null for the shipped one */
    FleetSession(Consumer<FleetSnapshot> sink, Path policy) {
        this(sink, policy, () -> dev.pitwall.metrics.PrometheusSettings.NONE, SandboxTraffic.NONE);
    }

    /**
     * @param policy         a role policy file, or null for the shipped one
     * @param prometheus     which Prometheus serves which context (read when first needed)
     * @param sandboxTraffic what the in-process sandbox serves besides its API
     */
    FleetSession(Consumer<FleetSnapshot> sink, Path policy, java.util.function.Supplier<dev.pitwall.metrics.PrometheusSettings> prometheus,
                 SandboxTraffic sandboxTraffic) {
        this.sink = sink;
        this.policy = policy;
        this.traffic = new TrafficSources(prometheus);
        this.sandboxTraffic = sandboxTraffic;
    }

    /** The traffic monitor of an open context, for the views; null for a context not opened here. */
    dev.pitwall.metrics.TrafficMonitor traffic(String context) {
        List<Path> files = kubeconfigsByContext.get(context);
        return files == null ? null : traffic.monitor(context, files);
    }

    /** The operations of an open context, for the views; null for a context not opened here. */
    OperationsPort operations(String context) {
        List<Path> files = kubeconfigsByContext.get(context);
        return files == null ? null : operations.computeIfAbsent(context, name -> new OperationsAdapter(files, name, policy));
    }

    /** A drill's way to an open context's operations, for the drill panel; null for a context not opened here. */
    dev.pitwall.drill.DrillPort drills(String context) {
        return operations(context) instanceof OperationsAdapter adapter ? adapter.drillPort(UiCommand.prometheus()) : null;
    }

    /** Opens a context of the operator's kubeconfig files; watching starts off the calling thread. */
    CompletableFuture<Void> open(List<Path> kubeconfigs, String context) {
        kubeconfigsByContext.put(context, List.copyOf(kubeconfigs));
        return CompletableFuture.runAsync(() -> watches.computeIfAbsent(context,
                name -> ClusterWatch.start(name, KubeClients.forContext(kubeconfigs, name), sink)), Thread::startVirtualThread)
                .exceptionally(error -> {
                    Throwable cause = error.getCause() != null ? error.getCause() : error;
                    sink.accept(FleetSnapshot.statusOnly(new Connection(context, Connection.Status.FAILED, "cannot open context '"
                            + context + "': " + cause.getMessage() + ". Check the kubeconfig entry and its credentials.",
                            Instant.now()), 1));
                    return null;
                });
    }

    /** Starts the sandbox in-process (two-active-standby) and opens it as its operator. */
    CompletableFuture<Void> openSandbox() {
        return CompletableFuture.runAsync(this::startSandbox, Thread::startVirtualThread).exceptionally(error -> {
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            sink.accept(FleetSnapshot.statusOnly(new Connection("sandbox", Connection.Status.FAILED, "the sandbox could not start: "
                    + cause.getMessage() + ". Run './pitwall sandbox' in a terminal to see why.", Instant.now()), 1));
            return null;
        });
    }

    private void startSandbox() {
        {
            if (sandbox == null) {
                Path kubeconfig = DataDirectory.resolve().resolve("sandbox").resolve("kubeconfig");
                sandbox = Sandbox.start(Sandbox.Options.of("sandbox", PresetReader.shipped("two-active-standby"), kubeconfig));
            }
            String context = sandbox.context(SandboxIdentity.OPERATOR);
            kubeconfigsByContext.put(context, List.of(sandbox.kubeconfig()));
            watches.computeIfAbsent(context, name -> ClusterWatch.start(name,
                    KubeClients.forContext(sandbox.kubeconfig(), name), sink));
            if (sandboxExtras == null && (sandboxTraffic.requestsPerSecond() > 0 || sandboxTraffic.prometheus())) {
                boolean prometheus = sandboxTraffic.prometheus() && dev.pitwall.sandbox.dataplane.PrometheusServer.binary().isPresent();
                sandboxExtras = SandboxExtras.start(sandbox, sandbox.kubeconfig().getParent(), prometheus,
                        sandboxTraffic.requestsPerSecond(), false);
            }
        }
    }

    @Override
    public void close() {
        traffic.close();
        if (sandboxExtras != null) {
            sandboxExtras.close();
        }
        operations.values().forEach(OperationsAdapter::close);
        watches.values().forEach(ClusterWatch::close);
        watches.clear();
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
