package dev.pitwall.ui.connect;

import dev.pitwall.kube.config.ContextEntry;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.function.Function;

/** The Connect view: every kubeconfig context, the current one marked, and what is wrong. */
public final class ConnectView extends VBox {

    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");

    private final TableView<ContextEntry> table = new TableView<>();
    private final VBox problemBox = new VBox();

    public ConnectView(ConnectViewModel model) {
        getStyleClass().add("connect-view");
        setId("connect-view");

        Label title = new Label("Connect");
        title.getStyleClass().add("view-title");
        Label sources = new Label();
        sources.getStyleClass().add("view-subtitle");
        sources.textProperty().bind(model.sourcesProperty());

        table.setId("context-table");
        table.setItems(model.contexts());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("", 36, entry -> entry.current() ? "●" : ""));
        table.getColumns().add(column("Context", 200, ContextEntry::name));
        table.getColumns().add(column("Cluster URL", 260, ContextEntry::clusterUrl));
        table.getColumns().add(column("User", 160, ContextEntry::user));
        table.getColumns().add(column("Namespace", 120, ContextEntry::namespace));
        table.getColumns().add(column("File", 200, entry -> entry.source().toString()));
        table.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(ContextEntry item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(CURRENT, !empty && item != null && item.current());
            }
        });
        Label placeholder = new Label();
        placeholder.setId("connect-empty");
        placeholder.getStyleClass().add("empty-state");
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(Bindings.when(model.loadingProperty())
                .then("Reading kubeconfig…").otherwise(model.emptyMessageProperty()));
        StackPane placeholderPane = new StackPane(placeholder);
        placeholderPane.setPadding(new Insets(24));
        table.setPlaceholder(placeholderPane);
        VBox.setVgrow(table, Priority.ALWAYS);

        problemBox.setId("kubeconfig-problems");
        problemBox.getStyleClass().add("problem-box");
        problemBox.visibleProperty().bind(Bindings.isNotEmpty(model.problems()));
        problemBox.managedProperty().bind(problemBox.visibleProperty());
        model.problems().addListener((ListChangeListener<String>) change -> showProblems(model));
        showProblems(model);

        javafx.scene.control.Button open = new javafx.scene.control.Button("Open context");
        open.setId("open-context");
        open.setDefaultButton(true);
        open.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        open.setOnAction(event -> model.open(table.getSelectionModel().getSelectedItem()));
        table.setOnMouseClicked(event -> {
            if (event.getClickCount() == 2) {
                model.open(table.getSelectionModel().getSelectedItem());
            }
        });
        javafx.scene.control.Button sandbox = new javafx.scene.control.Button("Open the sandbox fleet");
        sandbox.setId("open-sandbox");
        sandbox.setOnAction(event -> model.openSandbox());
        javafx.scene.layout.HBox actions = new javafx.scene.layout.HBox(open, sandbox);
        actions.getStyleClass().add("actions");

        getChildren().addAll(title, sources, table, problemBox, actions);
    }

    private void showProblems(ConnectViewModel model) {
        problemBox.getChildren().setAll(model.problems().stream().map(text -> {
            Label label = new Label("⚠ " + text);
            label.getStyleClass().add("problem");
            label.setWrapText(true);
            return label;
        }).toList());
    }

    private static TableColumn<ContextEntry, String> column(String title, double width,
                                                           Function<ContextEntry, String> value) {
        TableColumn<ContextEntry, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }
}
