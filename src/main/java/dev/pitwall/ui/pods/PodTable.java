package dev.pitwall.ui.pods;

import java.util.Locale;
import java.util.function.Function;

import dev.pitwall.fleet.FleetPod;
import dev.pitwall.fleet.PodState;
import javafx.css.PseudoClass;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A virtualised, sortable table of pods with a filter above it (typing {@code /} in the fleet view
 * focuses it): only the rows in view exist as cells, so it holds 20,000 pods as easily as 3.
 */
public final class PodTable extends VBox {

    /** A row's state as a pseudo-class (:ready, :starting, ...): restyled without rebuilding its CSS. */
    private static final java.util.Map<PodState, PseudoClass> STATES = java.util.Arrays.stream(PodState.values())
            .collect(java.util.stream.Collectors.toMap(state -> state, state ->
                    PseudoClass.getPseudoClass(state.name().toLowerCase(Locale.ROOT))));

    private final TableView<FleetPod> table = new TableView<>();
    private final TextField filter = new TextField();
    private final FilteredList<FleetPod> filtered;

    /** {@code idPrefix} names the nodes ({@code <prefix>-table}, {@code <prefix>-filter}) for tests and CSS. */
    public PodTable(String idPrefix, ObservableList<FleetPod> pods, boolean withModel) {
        getStyleClass().add("pod-box");
        filter.setId(idPrefix + "-filter");
        filter.setPromptText("Filter pods (press / )");
        filtered = new FilteredList<>(pods);
        filter.textProperty().addListener((observable, old, text) -> filtered.setPredicate(pod -> matches(pod, text)));
        SortedList<FleetPod> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setId(idPrefix + "-table");
        table.setItems(sorted);
        table.getColumns().add(column("Pod", 250, FleetPod::name));
        if (withModel) {
            table.getColumns().add(column("Namespace", 100, FleetPod::namespace));
            table.getColumns().add(column("Model", 110, FleetPod::model));
        }
        table.getColumns().add(column("Track", 80, FleetPod::track));
        table.getColumns().add(column("Version", 80, FleetPod::version));
        table.getColumns().add(column("State", 95, p -> p.state().name().toLowerCase(Locale.ROOT)));
        table.getColumns().add(column("Restarts", 70, p -> String.valueOf(p.restarts())));
        table.getColumns().add(column("Node", 130, FleetPod::node));
        table.getColumns().add(column("IP", 110, FleetPod::ip));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(26);
        table.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(FleetPod pod, boolean empty) {
                super.updateItem(pod, empty);
                PodState state = empty || pod == null ? null : pod.state();
                STATES.forEach((each, pseudoClass) -> pseudoClassStateChanged(pseudoClass, each == state));
            }
        });
        table.setPlaceholder(new Label("No pods"));
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(filter, table);
    }

    static boolean matches(FleetPod pod, String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        String needle = text.strip().toLowerCase(Locale.ROOT);
        return (pod.namespace() + " " + pod.name() + " " + pod.model() + " " + pod.track() + " " + pod.version() + " "
                + pod.state() + " " + pod.node() + " " + pod.ip()).toLowerCase(Locale.ROOT).contains(needle);
    }

    public static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    public TableView<FleetPod> table() {
        return table;
    }

    public TextField filter() {
        return filter;
    }
}
