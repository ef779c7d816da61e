package dev.pitwall.ui.pods;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import dev.pitwall.fleet.FleetPod;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A pod table with a filter above it (typing {@code /} in the fleet view focuses it), sortable by
 * any column: the filter is JavaFX's incremental list over the fleet's pods, the sort is kept change
 * by change ({@link SortedPods}), and the rows in view are drawn by a {@link PodGrid}, so it holds
 * 20,000 changing pods as easily as 3.
 */
public final class PodTable extends VBox {

    private final PodGrid grid;
    private final TextField filter = new TextField();

    /** {@code idPrefix} names the nodes ({@code <prefix>-table}, {@code <prefix>-filter}) for tests and CSS. */
    public PodTable(String idPrefix, ObservableList<FleetPod> pods, boolean withModel) {
        getStyleClass().add("pod-box");
        filter.setId(idPrefix + "-filter");
        filter.setPromptText("Filter pods (press / )");
        FilteredList<FleetPod> filtered = new FilteredList<>(pods);
        filter.textProperty().addListener((observable, old, text) -> filtered.setPredicate(pod -> matches(pod, text)));
        List<PodGrid.Column> columns = new ArrayList<>();
        columns.add(podColumn("Pod", 250, FleetPod::name));
        if (withModel) {
            columns.add(podColumn("Namespace", 100, FleetPod::namespace));
            columns.add(podColumn("Model", 110, FleetPod::model));
        }
        columns.add(podColumn("Track", 80, FleetPod::track));
        columns.add(podColumn("Version", 80, FleetPod::version));
        columns.add(podColumn("State", 95, p -> p.state().name().toLowerCase(Locale.ROOT)));
        columns.add(new PodGrid.Column("Restarts", 70, p -> String.valueOf(p.restarts()), Comparator.comparingInt(FleetPod::restarts)));
        columns.add(podColumn("Node", 130, FleetPod::node));
        columns.add(podColumn("IP", 110, FleetPod::ip));
        grid = new PodGrid(idPrefix + "-table", filtered, columns);
        VBox.setVgrow(grid, Priority.ALWAYS);
        getChildren().addAll(filter, grid);
    }

    private static PodGrid.Column podColumn(String title, double width, Function<FleetPod, String> value) {
        return new PodGrid.Column(title, width, value, Comparator.comparing(value, Comparator.nullsFirst(Comparator.naturalOrder())));
    }

    static boolean matches(FleetPod pod, String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        String needle = text.strip().toLowerCase(Locale.ROOT);
        return (pod.namespace() + " " + pod.name() + " " + pod.model() + " " + pod.track() + " " + pod.version() + " "
                + pod.state() + " " + pod.node() + " " + pod.ip()).toLowerCase(Locale.ROOT).contains(needle);
    }

    /** A text column of a TableView (the track and top tables use it). */
    public static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    public PodGrid table() {
        return grid;
    }

    public TextField filter() {
        return filter;
    }
}
