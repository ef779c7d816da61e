package dev.pitwall.ui.fleet;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import dev.pitwall.fleet.Connection;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The live fleet: a connection bar per context, a stale banner when what is shown may be out of
 * date, the navigator (contexts, namespaces, model services with their health) and the selected
 * model service. Keyboard: Ctrl+1 navigator, Ctrl+2 tracks, Ctrl+3 pods, / filters the pods.
 */
public final class FleetView extends BorderPane {

    private final TreeView<Object> navigator = new TreeView<>(new TreeItem<>("fleet"));
    private final ModelServiceView service;
    private final HBox connectionBar = new HBox();
    private final Map<String, TreeItem<Object>> items = new HashMap<>();

    public FleetView(FleetViewModel model) {
        getStyleClass().add("fleet-view");
        setId("fleet-view");
        connectionBar.setId("connection-bar");
        connectionBar.getStyleClass().add("connection-bar");
        Label staleBanner = new Label();
        staleBanner.setId("stale-banner");
        staleBanner.getStyleClass().add("stale-banner");
        staleBanner.setWrapText(true);
        staleBanner.textProperty().bind(model.staleTextProperty());
        staleBanner.visibleProperty().bind(model.staleProperty());
        staleBanner.managedProperty().bind(model.staleProperty());
        setTop(new VBox(connectionBar, staleBanner));

        navigator.setId("navigator");
        navigator.setShowRoot(false);
        navigator.getRoot().setExpanded(true);
        navigator.setCellFactory(tree -> new NavigatorCell());
        navigator.getSelectionModel().selectedItemProperty().addListener((observable, old, item) -> {
            if (item != null && item.getValue() instanceof FleetViewModel.Entry entry) {
                model.select(entry.key());
            }
        });
        service = new ModelServiceView(model);
        SplitPane body = new SplitPane(navigator, service);
        body.setDividerPositions(0.26);
        setCenter(body);

        model.entries().addListener((ListChangeListener<FleetViewModel.Entry>) change -> showEntries(model));
        model.connections().addListener((ListChangeListener<Connection>) change -> showConnections(model));
        model.staleProperty().addListener((observable, old, isStale) -> {
            if (isStale) {
                service.getStyleClass().add("stale");
            } else {
                service.getStyleClass().remove("stale");
            }
        });
        showEntries(model);
        showConnections(model);

        setOnKeyPressed(event -> {
            if (new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN).match(event)) {
                navigator.requestFocus();
            } else if (new KeyCodeCombination(KeyCode.DIGIT2, KeyCombination.SHORTCUT_DOWN).match(event)) {
                service.tracks().requestFocus();
            } else if (new KeyCodeCombination(KeyCode.DIGIT3, KeyCombination.SHORTCUT_DOWN).match(event)) {
                service.pods().requestFocus();
            }
        });
        addEventFilter(javafx.scene.input.KeyEvent.KEY_TYPED, event -> {
            if ("/".equals(event.getCharacter()) && !service.filter().isFocused()) {
                service.filter().requestFocus();
                event.consume();
            }
        });
    }

    /** Updates the navigator in place (keeping selection and expansion) from the entries. */
    private void showEntries(FleetViewModel model) {
        Map<String, TreeItem<Object>> seen = new HashMap<>();
        for (FleetViewModel.Entry entry : model.entries()) {
            TreeItem<Object> context = child(navigator.getRoot(), "ctx|" + entry.context(), entry.context(), seen);
            TreeItem<Object> namespace = child(context, "ns|" + entry.context() + "|" + entry.service().namespace(),
                    entry.service().namespace(), seen);
            TreeItem<Object> leaf = child(namespace, entry.key(), entry, seen);
            if (!leaf.getValue().equals(entry)) {
                leaf.setValue(entry);
            }
        }
        items.entrySet().removeIf(item -> {
            if (!seen.containsKey(item.getKey())) {
                TreeItem<Object> parent = item.getValue().getParent();
                if (parent != null) {
                    parent.getChildren().remove(item.getValue());
                }
                return true;
            }
            return false;
        });
    }

    private TreeItem<Object> child(TreeItem<Object> parent, String key, Object value, Map<String, TreeItem<Object>> seen) {
        TreeItem<Object> item = items.computeIfAbsent(key, k -> {
            TreeItem<Object> created = new TreeItem<>(value);
            created.setExpanded(true);
            parent.getChildren().add(created);
            return created;
        });
        seen.put(key, item);
        return item;
    }

    private void showConnections(FleetViewModel model) {
        connectionBar.getChildren().setAll(model.connections().stream().map(connection -> {
            Label label = new Label(connection.context() + " · " + connection.status().name().toLowerCase(Locale.ROOT));
            label.getStyleClass().addAll("connection", "connection-" + connection.status().name().toLowerCase(Locale.ROOT));
            label.setId("connection-" + connection.context());
            return label;
        }).toList());
    }

    private static final class NavigatorCell extends TreeCell<Object> {
        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeIf(style -> style.startsWith("health-"));
            if (empty || item == null) {
                setText(null);
            } else if (item instanceof FleetViewModel.Entry entry) {
                String health = entry.service().health().name().toLowerCase(Locale.ROOT);
                setText(entry.service().name() + "  ·  " + health);
                getStyleClass().add("health-" + health);
            } else {
                setText(item.toString());
            }
        }
    }
}
