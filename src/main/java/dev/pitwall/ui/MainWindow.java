package dev.pitwall.ui;

import dev.pitwall.ui.connect.ConnectView;
import dev.pitwall.ui.connect.ConnectViewModel;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.controlsfx.control.StatusBar;

/** Pitwall's main window content: a header, the current view, and a status bar. */
public final class MainWindow {

    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    private final BorderPane root = new BorderPane();
    private final StatusBar status;
    private final ConnectView connectView;

    public MainWindow(ConnectViewModel connect, String version) {
        root.getStyleClass().add("main-window");

        Label brand = new Label("PITWALL");
        brand.getStyleClass().add("brand");
        Label tagline = new Label("model-serving fleet console");
        tagline.getStyleClass().add("tagline");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label versionLabel = new Label("v" + version);
        versionLabel.getStyleClass().add("version");
        HBox header = new HBox(brand, tagline, spacer, versionLabel);
        header.getStyleClass().add("header");
        root.setTop(header);

        connectView = new ConnectView(connect);
        root.setCenter(connectView);

        status = new StatusBar();
        status.setId("status-bar");
        status.textProperty().bind(connect.statusProperty());
        root.setBottom(status);
    }

    /** Shows the live fleet in place of the Connect view, and its summary in the status bar. */
    public void showFleet(javafx.scene.Node fleet, javafx.beans.value.ObservableValue<String> summary) {
        root.setCenter(fleet);
        status.textProperty().unbind();
        status.textProperty().bind(summary);
    }

    /** Back to the Connect view, to open another context next to those open. */
    public void showConnect() {
        root.setCenter(connectView);
    }

    public Scene createScene() {
        Scene scene = new Scene(root, WIDTH, HEIGHT);
        Theme.apply(scene);
        return scene;
    }

    public BorderPane root() {
        return root;
    }
}
