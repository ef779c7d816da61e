package dev.pitwall.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.imageio.ImageIO;

import dev.pitwall.kube.config.KubeconfigSummary;
import dev.pitwall.ui.MainWindow;
import dev.pitwall.ui.Theme;
import dev.pitwall.ui.connect.ConnectViewModel;
import dev.pitwall.ui.fleet.FleetFeed;
import dev.pitwall.ui.fleet.FleetViewModel;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

/** Renders the main window, with its data loaded, to a PNG file on JavaFX's Headless platform. */
final class ScreenshotRenderer {

    private static final long TIMEOUT_SECONDS = 30;

    void render(Path file, boolean sandbox, dev.pitwall.ui.fleet.FleetView.View view) {
        KubeconfigSummary summary = await(KubeconfigSource.loadAsync(), "reading the kubeconfig");
        startToolkit();
        FleetViewModel fleet = new FleetViewModel();
        boolean traffic = view == dev.pitwall.ui.fleet.FleetView.View.TRAFFIC || view == dev.pitwall.ui.fleet.FleetView.View.TOP;
        try (FleetSession session = new FleetSession(new FleetFeed(fleet), null, () -> TrafficSources.settings(UiCommand.prometheus()),
                traffic && sandbox ? FleetSession.SandboxTraffic.LIVE : FleetSession.SandboxTraffic.NONE)) {
            OpenWindow opened = openWindow(fleet, session, summary, (connect, window, fleetView) -> {
                fleetView.show(view);
                if (sandbox) {
                    connect.openSandbox();
                }
            });
            Stage stage = opened.stage();
            if (sandbox) {
                awaitSettled(fleet);
            }
            if (sandbox && traffic) {
                awaitTraffic(opened.view(), view);
            }
            CompletableFuture<WritableImage> image = new CompletableFuture<>();
            // Let a pulse lay out and style the scene before taking the picture.
            Platform.runLater(() -> Platform.runLater(() -> {
                image.complete(stage.getScene().snapshot(null));
                stage.close();
            }));
            write(await(image, "rendering the window"), file);
        }
    }

    /** Waits (at most 60 s) until every model service of the fleet is healthy and its rollouts done. */
    private static void awaitSettled(FleetViewModel fleet) {
        awaitOnFx(60, "the screenshot was not taken: the sandbox fleet did not settle", () -> !fleet.entries().isEmpty() && fleet.entries().stream().allMatch(entry ->
                entry.service().health() == dev.pitwall.fleet.ModelService.Health.HEALTHY
                        && entry.service().tracks().stream().noneMatch(dev.pitwall.fleet.Track::rollingOut))
                && fleet.pods().stream().allMatch(pod -> pod.state() == dev.pitwall.fleet.PodState.READY));
    }

    /** Waits until the traffic in view has a minute of figures (at most 120 s), so its charts show lines. */
    private static void awaitTraffic(dev.pitwall.ui.fleet.FleetView fleetView, dev.pitwall.ui.fleet.FleetView.View view) {
        var traffic = fleetView.traffic();
        awaitOnFx(120, "the screenshot was not taken: the sandbox's traffic showed no figures", () -> {
            if (view == dev.pitwall.ui.fleet.FleetView.View.TOP) {
                return !traffic.top().isEmpty() && traffic.top().stream().allMatch(row -> row.traffic().requests() > 0);
            }
            var frame = traffic.frameProperty().get();
            return frame != null && !frame.history().backends().isEmpty() && java.util.Arrays.stream(
                    frame.history().backends().getFirst().of(dev.pitwall.metrics.TrafficHistory.Figure.REQUESTS))
                    .filter(Double::isFinite).count() >= 60;
        });
    }

    /** What {@link #openWindow} opened: the stage and the fleet view of its window. */
    record OpenWindow(Stage stage, dev.pitwall.ui.fleet.FleetView view) {
    }

    /** What the caller sets up in the wired window before its stage is shown, on the JavaFX thread. */
    interface Arrangement {
        void arrange(ConnectViewModel connect, MainWindow window, dev.pitwall.ui.fleet.FleetView view);
    }

    /**
     * The main window wired as the desktop app wires it (the theme, the Connect view model with
     * {@code summary}'s contexts, or none when it is null, the fleet view on {@code fleet} and
     * {@code session}), set up by {@code arrangement} and shown on a new stage: built on the
     * JavaFX thread, awaited on this one.
     */
    static OpenWindow openWindow(FleetViewModel fleet, FleetSession session, KubeconfigSummary summary, Arrangement arrangement) {
        return await(onFx(() -> {
            Theme.installUserAgent();
            ConnectViewModel connect = new ConnectViewModel();
            if (summary != null) {
                connect.apply(summary);
            }
            MainWindow window = new MainWindow(connect, PitwallVersion.current());
            dev.pitwall.ui.fleet.FleetView fleetView = DesktopApp.wire(connect, window, fleet, session);
            arrangement.arrange(connect, window, fleetView);
            Stage stage = new Stage();
            stage.setScene(window.createScene());
            stage.show();
            return new OpenWindow(stage, fleetView);
        }), "opening the window");
    }

    /** {@code read} run on the JavaFX thread: its result completes the future, or its exception. */
    static <T> CompletableFuture<T> onFx(java.util.function.Supplier<T> read) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(read.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Asks {@code condition} on the JavaFX thread every 200 ms until it holds; after {@code seconds}, gives up saying {@code failure}. */
    static void awaitOnFx(long seconds, String failure, java.util.function.BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + seconds * 1000;
        while (System.currentTimeMillis() < deadline) {
            if (await(onFx(condition::getAsBoolean), "reading the window")) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new UserError(failure + " within " + seconds + " s.", ExitCodes.SOFTWARE);
    }

    static void startToolkit() {
        try {
            Platform.startup(() -> { });
            Platform.setImplicitExit(false);
        } catch (IllegalStateException alreadyRunning) {
            // The toolkit is already up (in-process tests): reuse it.
        }
    }

    private static void write(WritableImage image, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        } catch (IOException e) {
            throw new UserError("cannot write the screenshot to " + file + " (" + e.getMessage()
                    + "). Choose a writable path.", ExitCodes.UNAVAILABLE);
        }
    }

    static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while " + what + ".", ExitCodes.SOFTWARE);
        } catch (ExecutionException e) {
            throw new UserError("failed while " + what + ": " + e.getCause().getMessage(), ExitCodes.SOFTWARE);
        } catch (TimeoutException e) {
            throw new UserError("gave up after " + TIMEOUT_SECONDS + " s " + what + ".", ExitCodes.SOFTWARE);
        }
    }
}
