package dev.pitwall.app;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.pitwall.sandbox.Sandbox;
import dev.pitwall.sandbox.SandboxIdentity;
import dev.pitwall.sandbox.preset.ScalePreset;
import dev.pitwall.ui.fleet.FleetFeed;
import dev.pitwall.ui.fleet.FleetView;
import dev.pitwall.ui.fleet.FleetViewModel;
import javafx.application.Platform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pitwall aot-train}: the run the launcher records the JVM's ahead-of-time cache from
 * (JDK 25's {@code -XX:AOTCacheOutput}, decision 18). Headless, it does what an operator's first
 * minutes do: the main window on the default sandbox, then every view of the fleet on the scale
 * sandbox (20,000 pods on 500 nodes, churning), each for a few seconds. The cache keeps the
 * classes this loaded and linked and the profiles of the methods it ran, so that a later start
 * neither loads them again in the first view nor profiles them from nothing before the JIT
 * compiles them. Both sandboxes run in-process, with their files in the data directory, which the
 * launcher points at a temporary one for the run.
 */
@Command(name = "aot-train", hidden = true, mixinStandardHelpOptions = true, versionProvider = PitwallVersion.class,
        description = "The workload the launcher records its ahead-of-time cache from (run by ./pitwall, not by hand).")
final class AotTrainingCommand implements Callable<Integer> {

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "8", description = "Seconds each view is shown (default: ${DEFAULT-VALUE}).")
    long seconds;

    @Option(names = "--pods", paramLabel = "N", defaultValue = "20000", description = "Pods of the scale sandbox (default: ${DEFAULT-VALUE}).")
    int pods;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "500", description = "Nodes of the scale sandbox (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--churn", paramLabel = "PER_SECOND", defaultValue = "200",
            description = "Pod transitions per second on the scale sandbox (default: ${DEFAULT-VALUE}).")
    double churn;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        HeadlessPlatform.enable();
        Path dir = DataDirectory.resolve();
        long start = System.nanoTime();
        new ScreenshotRenderer().render(dir.resolve("aot-training.png"), true, FleetView.View.SERVICE);
        out().printf("the main window on the default sandbox: %.1f s%n", (System.nanoTime() - start) / 1e9);
        showEveryViewAtScale(dir.resolve("sandbox").resolve("aot-training.kubeconfig"));
        out().println("trained: the main window on the default sandbox, then each view for " + seconds + " s on " + pods
                + " pods, " + nodes + " nodes, " + churn + " transitions/s");
        out().flush();
        return ExitCodes.OK;
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** The main window on the scale sandbox, opened as a context of its kubeconfig, each view shown in turn. */
    private void showEveryViewAtScale(Path kubeconfig) throws Exception {
        long start = System.nanoTime();
        ScreenshotRenderer.startToolkit();
        FleetViewModel fleet = new FleetViewModel();
        try (Sandbox sandbox = Sandbox.start(Sandbox.Options.of("training", ScalePreset.of(pods, nodes), kubeconfig).seeded(churn));
             FleetSession session = new FleetSession(new FleetFeed(fleet))) {
            ScreenshotRenderer.OpenWindow opened = ScreenshotRenderer.openWindow(fleet, session, null,
                    (connect, window, view) -> window.showFleet(view, fleet.summaryProperty()));
            FleetView view = opened.view();
            session.open(List.of(kubeconfig), sandbox.context(SandboxIdentity.OPERATOR));
            ScreenshotRenderer.awaitOnFx(180, "the scale sandbox's pods did not reach the view", () -> fleet.focusedProperty().get() != null
                    && fleet.focusedProperty().get().pods().size() >= pods * 0.95);
            out().printf("the scale sandbox started and in the view: %.1f s%n", (System.nanoTime() - start) / 1e9);
            for (FleetView.View shownView : FleetView.View.values()) {
                Platform.runLater(() -> view.show(shownView));
                Thread.sleep(seconds * 1000);
                String shownNow = ScreenshotRenderer.await(ScreenshotRenderer.onFx(() -> view.shown().name()), "reading the window");
                out().printf("shown: %s, %d pods in the fleet%n", shownNow.toLowerCase(java.util.Locale.ROOT),
                        ScreenshotRenderer.await(ScreenshotRenderer.onFx(() -> fleet.focusedProperty().get().pods().size()), "reading the window"));
            }
            Platform.runLater(opened.stage()::close);
        }
    }
}
