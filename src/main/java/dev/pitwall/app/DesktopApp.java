package dev.pitwall.app;

import java.io.InputStream;

import dev.pitwall.ui.MainWindow;
import dev.pitwall.ui.Theme;
import dev.pitwall.ui.connect.ConnectViewModel;
import dev.pitwall.ui.fleet.FleetFeed;
import dev.pitwall.ui.fleet.FleetView;
import dev.pitwall.ui.fleet.FleetViewModel;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** The JavaFX application: wires the main window to its sources. */
public final class DesktopApp extends Application {

    static void launch() {
        Application.launch(DesktopApp.class);
    }

    private FleetSession session;

    @Override
    public void start(Stage stage) {
        Theme.installUserAgent();
        ConnectViewModel connect = new ConnectViewModel();
        MainWindow window = new MainWindow(connect, PitwallVersion.current());
        FleetViewModel fleet = new FleetViewModel();
        session = new FleetSession(new FleetFeed(fleet), null, () -> TrafficSources.settings(UiCommand.prometheus()),
                FleetSession.SandboxTraffic.LIVE);
        wire(connect, window, fleet, session);
        stage.setTitle("Pitwall");
        icon().ifPresent(stage.getIcons()::add);
        stage.setScene(window.createScene());
        stage.show();
        KubeconfigSource.loadAsync().thenAccept(summary -> Platform.runLater(() -> {
            connect.apply(summary);
            if (summary.noKubeconfig()) {
                connect.openSandbox(); // no cluster at hand: the sandbox is the default
            }
        }));
    }

    /** Connects the Connect view's actions to the session and the fleet view. */
    static FleetView wire(ConnectViewModel connect, MainWindow window, FleetViewModel fleet, FleetSession session) {
        FleetView view = new FleetView(fleet);
        view.setOnAddContext(window::showConnect);
        view.actions().setPorts(session::operations);
        view.traffic().setMonitors(session::traffic);
        view.drills().setPort(new WindowDrills(session::drills));
        connect.setOnOpen(entry -> {
            session.open(connect.files(), entry.name()).thenRun(() -> javafx.application.Platform.runLater(() ->
                    view.interrupted().load(dev.pitwall.app.ops.Operations::interrupted, session::operations)));
            window.showFleet(view, fleet.summaryProperty());
        });
        connect.setOnOpenSandbox(() -> {
            session.openSandbox().thenRun(() -> javafx.application.Platform.runLater(() ->
                    view.interrupted().load(dev.pitwall.app.ops.Operations::interrupted, session::operations)));
            window.showFleet(view, fleet.summaryProperty());
        });
        view.interrupted().load(dev.pitwall.app.ops.Operations::interrupted, session::operations);
        return view;
    }

    @Override
    public void stop() {
        if (session != null) {
            session.close();
        }
    }

    static java.util.Optional<Image> icon() {
        InputStream in = DesktopApp.class.getResourceAsStream("/icons/pitwall-256.png");
        return in == null ? java.util.Optional.empty() : java.util.Optional.of(new Image(in));
    }
}
