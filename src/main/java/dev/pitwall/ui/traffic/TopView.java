package dev.pitwall.ui.traffic;

import dev.pitwall.metrics.BackendTraffic;
import dev.pitwall.metrics.ServiceTraffic;
import dev.pitwall.ui.pods.PodTable;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Every model service of the open contexts, highest SLO burn first: its requests/s, its worst
 * backend's error % and p99, its burn, and where the figures come from.
 */
public final class TopView extends VBox {

    private final TableView<TrafficViewModel.TopRow> table = new TableView<>();

    public TopView(TrafficViewModel model) {
        getStyleClass().add("top-view");
        setId("top-view");
        Label source = new Label();
        source.setId("top-source");
        source.getStyleClass().add("traffic-why");
        source.setWrapText(true);
        source.textProperty().bind(model.topSourceProperty());
        table.setId("top-table");
        table.setItems(model.top());
        table.getColumns().add(PodTable.column("Context", 150, TrafficViewModel.TopRow::context));
        table.getColumns().add(PodTable.column("Model service", 180, row -> row.traffic().namespace() + "/" + row.traffic().model()));
        table.getColumns().add(PodTable.column("Requests/s", 110, row -> TrafficCharts.number(row.traffic().requests(), 2)));
        table.getColumns().add(PodTable.column("Worst error %", 130, row -> TrafficCharts.number(worst(row.traffic(), true) * 100, 2)));
        table.getColumns().add(PodTable.column("Worst p99 ms", 130, row -> TrafficCharts.number(worst(row.traffic(), false) * 1000, 1)));
        table.getColumns().add(PodTable.column("SLO burn", 100, row -> TrafficCharts.number(row.traffic().burn(), 2)));
        table.getColumns().add(PodTable.column("Source", 320, row -> row.traffic().problem().isEmpty() ? row.traffic().source()
                : "no figures: " + row.traffic().problem()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Reading every model service's traffic…"));
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(source, table);
    }

    /** The worst of the backends taking traffic: error ratio, or p99. */
    static double worst(ServiceTraffic traffic, boolean errors) {
        return traffic.backends().stream().filter(b -> b.requests() > 0)
                .mapToDouble(errors ? BackendTraffic::errorRatio : BackendTraffic::p99).filter(Double::isFinite).max()
                .orElse(Double.NaN);
    }

    public TableView<TrafficViewModel.TopRow> table() {
        return table;
    }
}
