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
