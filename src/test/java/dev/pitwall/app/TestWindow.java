package dev.pitwall.app;

import dev.pitwall.ui.MainWindow;
import dev.pitwall.ui.Theme;
import dev.pitwall.ui.connect.ConnectViewModel;
import dev.pitwall.ui.fleet.FleetView;
import dev.pitwall.ui.fleet.FleetViewModel;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The fleet view wired to a session as the application wires it, on a test's stage. */
final class TestWindow {

    private TestWindow() {
    }

    /** A fleet, its session (no Prometheus settings, no sandbox traffic of its own) and the window, as the application wires them. */
    record Wired(FleetViewModel fleet, FleetSession session, FleetView view) {
    }

    /** Wires a window (on the JavaFX thread, from wherever it is called); {@code policy} null for the shipped one. */
    static Wired wire(Stage stage, java.nio.file.Path policy) {
        FleetViewModel fleet = new FleetViewModel();
        FleetSession session = new FleetSession(new dev.pitwall.ui.fleet.FleetFeed(fleet), policy,
                () -> dev.pitwall.metrics.PrometheusSettings.NONE, FleetSession.SandboxTraffic.NONE);
        FleetView view = javafx.application.Platform.isFxApplicationThread() ? show(stage, fleet, session, 900)
                : dev.pitwall.ui.FxWait.onFx(() -> show(stage, fleet, session, 900));
        return new Wired(fleet, session, view);
    }

    static FleetView show(Stage stage, FleetViewModel fleet, FleetSession session, double height) {
        Theme.installUserAgent();
        ConnectViewModel connect = new ConnectViewModel();
        FleetView view = DesktopApp.wire(connect, new MainWindow(connect, "test"), fleet, session);
        Scene scene = new Scene(view, 1000, height);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
        return view;
    }
}
