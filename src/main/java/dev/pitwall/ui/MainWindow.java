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

    public static final double WIDTH = 1000;
    public static final double HEIGHT = 680;

    private final BorderPane root = new BorderPane();

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

        root.setCenter(new ConnectView(connect));

        StatusBar status = new StatusBar();
        status.setId("status-bar");
        status.textProperty().bind(connect.statusProperty());
        root.setBottom(status);
    }

    /** Shows the live fleet in place of the Connect view. */
    public void showFleet(javafx.scene.Node fleet) {
        root.setCenter(fleet);
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
