package dev.pitwall.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.pitwall.sandbox.Sandbox;
import dev.pitwall.sandbox.SandboxIdentity;
import dev.pitwall.sandbox.apiserver.ApiServer;
import dev.pitwall.sandbox.preset.Preset;
import dev.pitwall.sandbox.preset.PresetException;
import dev.pitwall.sandbox.preset.PresetReader;
import dev.pitwall.sandbox.preset.ScalePreset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pitwall sandbox}: runs the embedded sandbox fleet in the foreground until interrupted. */
@Command(name = "sandbox", mixinStandardHelpOptions = true, versionProvider = PitwallVersion.class,
        description = {"Run the embedded sandbox fleet: a Kubernetes API server on loopback that kubectl and Pitwall can use.",
                "Prints 'ready' on a line of its own once it serves; stops on Ctrl-C."})
public final class SandboxCommand implements Callable<Integer> {

    @Option(names = "--preset", paramLabel = "NAME|FILE", defaultValue = "two-active-standby",
            description = "single-active, two-active-standby, three-active, scale, or a preset file (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Where to write the sandbox's kubeconfig (default: the data directory's sandbox/kubeconfig).")
    Path kubeconfig;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "The API server's port on 127.0.0.1 (default: any free port).")
    int port;

    @Option(names = "--pods", paramLabel = "N", description = "With --preset scale: how many pods (default: 20000).")
    Integer pods;

    @Option(names = "--nodes", paramLabel = "N", description = "With --preset scale: how many nodes (default: 500).")
    Integer nodes;

    @Option(names = "--churn", paramLabel = "PER_SECOND",
            description = "With --preset scale: pod state transitions per second to cause (default: 0).")
    Double churn;

    @Option(names = "--churn-log",
            description = "With --churn: print a line per pod the churn deletes, 'churn NANOS NAMESPACE/NAME NODE', NANOS being "
                    + "System.nanoTime() just before the deletion (the machine's monotonic clock), so that a benchmark on the "
                    + "same machine can time each change to the frame that shows it.")
    boolean churnLog;

    @Option(names = "--load", paramLabel = "RPS",
            description = "Send this many predictions per second to every model service (open loop, Poisson arrivals).")
    Double load;

    @Option(names = "--prometheus", description = "Start Prometheus (from the PATH) on loopback, scraping the sandbox.")
    boolean prometheus;

    @Option(names = "--endpoints", paramLabel = "FILE",
            description = "Write JSON naming the API server, the kubeconfig, each model service's gateway and Prometheus.")
    Path endpoints;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "sandbox",
            description = "The cluster name and context prefix (default: ${DEFAULT-VALUE}).")
    String name;

    @Override
    public Integer call() throws InterruptedException {
        Preset chosen = loadPreset();
        Path file = kubeconfig != null ? kubeconfig : DataDirectory.resolve().resolve("sandbox").resolve("kubeconfig");
        if (port < 0 || port > 65535) {
            throw new UserError("--port must be from 0 to 65535, not " + port + ".");
        }
        Sandbox.Options options = Sandbox.Options.of(name, chosen, file).withPort(port);
        if (ScalePreset.NAME.equals(preset)) {
            options = options.seeded(churn == null ? 0 : churn);
        }
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(options);
        } catch (ApiServer.PortInUseException e) {
            throw new UserError(e.getMessage() + ": pick another with --port, or leave --port out to take any free port.",
                    ExitCodes.UNAVAILABLE);
        }
        if (churnLog) {
            sandbox.onChurn(churned -> {
                System.out.println(churned.line());
                System.out.flush();
            });
        }
        SandboxExtras extras;
        try {
            extras = SandboxExtras.start(sandbox, file.toAbsolutePath().getParent(), prometheus, load == null ? 0 : load, true);
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            extras.close();
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        System.out.println("Sandbox '" + name + "' (" + chosen.name() + ") serves the Kubernetes API at " + sandbox.url());
        System.out.println("kubeconfig: " + file + " (contexts " + sandbox.context(SandboxIdentity.VIEWER) + ", "
                + sandbox.context(SandboxIdentity.OPERATOR) + ", " + sandbox.context(SandboxIdentity.LEAD) + ")");
        extras.gateways().forEach((model, url) -> System.out.println("gateway " + model + ": " + url
                + "/v1/models/" + model + ":predict"));
        extras.prometheusUrl().ifPresent(url -> System.out.println("prometheus: " + url));
        if (endpoints != null) {
            extras.writeEndpoints(endpoints, sandbox, file);
        }
        System.out.println("try: KUBECONFIG=" + file + " kubectl get deployments,pods");
        System.out.println("ready");
        System.out.flush();
        stopped.await();
        return ExitCodes.OK;
    }

    private Preset loadPreset() {
        boolean scale = ScalePreset.NAME.equals(preset);
        if (!scale && (pods != null || nodes != null || churn != null)) {
            throw new UserError("--pods, --nodes and --churn go with --preset scale.");
        }
        if (churnLog && (churn == null || churn == 0)) {
            throw new UserError("--churn-log goes with --churn: without churn there is nothing to log.");
        }
        if (load != null && (load <= 0 || load > 100_000)) {
            throw new UserError("--load must be above 0 and at most 100000 requests per second, not " + load + ".");
        }
        if (scale && (load != null || prometheus)) {
            throw new UserError("--load and --prometheus need model servers, which the scale preset does not run.");
        }
        if (churn != null && (churn < 0 || churn > 10_000)) {
            throw new UserError("--churn must be from 0 to 10000 transitions per second, not " + churn + ".");
        }
        try {
            if (scale) {
                return ScalePreset.of(pods == null ? 20_000 : pods, nodes == null ? 500 : nodes);
            }
            if (PresetReader.SHIPPED.contains(preset)) {
                return PresetReader.shipped(preset);
            }
            Path file = Path.of(preset);
            if (!Files.exists(file)) {
                throw new UserError("no preset named '" + preset + "', and no such file. Use one of "
                        + String.join(", ", PresetReader.SHIPPED) + ", or a preset file's path.");
            }
            return PresetReader.read(file);
        } catch (PresetException e) {
            throw new UserError(e.getMessage());
        }
    }
}
