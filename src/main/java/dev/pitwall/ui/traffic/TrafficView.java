package dev.pitwall.ui.traffic;

import java.util.Locale;

import dev.pitwall.metrics.BackendTraffic;
import dev.pitwall.metrics.TrafficMonitor;
import dev.pitwall.ui.pods.PodTable;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The followed model service's traffic: a badge saying where the figures come from (Prometheus, or
 * the pods' own /metrics when Prometheus fails) and why, any figure that is not a number, the
 * backends' figures now, and the last 15 minutes charted against the SLO.
 */
public final class TrafficView extends VBox {

    private final Label source = new Label("NO FIGURES");
    private final Label why = new Label("Select a model service");
    private final Label oddities = new Label();
    private final TableView<BackendTraffic> backends = new TableView<>();
    private final TrafficCharts charts = new TrafficCharts();

    public TrafficView(TrafficViewModel model) {
        getStyleClass().add("traffic-view");
        setId("traffic-view");
        source.setId("traffic-source");
        source.getStyleClass().addAll("source-badge", "source-none");
        source.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        why.setId("traffic-why");
        why.getStyleClass().add("traffic-why");
        why.setWrapText(true);
        why.setMinHeight(0);
        HBox.setHgrow(why, Priority.ALWAYS);
        oddities.setId("traffic-oddities");
        oddities.getStyleClass().add("traffic-oddities");
        oddities.setWrapText(true);
        oddities.managedProperty().bind(oddities.visibleProperty());
        oddities.setVisible(false);
        HBox header = new HBox(source, why);
        header.getStyleClass().add("traffic-header");

        backends.setId("traffic-table");
        backends.getColumns().add(PodTable.column("Backend", 160, BackendTraffic::backend));
        backends.getColumns().add(PodTable.column("Requests/s", 90, b -> TrafficCharts.number(b.requests(), 2)));
        backends.getColumns().add(PodTable.column("Error %", 80, b -> TrafficCharts.number(b.errorRatio() * 100, 2)));
        backends.getColumns().add(PodTable.column("P50 ms", 80, b -> TrafficCharts.number(b.p50() * 1000, 1)));
        backends.getColumns().add(PodTable.column("P99 ms", 80, b -> TrafficCharts.number(b.p99() * 1000, 1)));
        backends.getColumns().add(PodTable.column("SLO burn", 80, b -> TrafficCharts.number(b.burn(), 2)));
        backends.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        backends.setFixedCellSize(26);
        backends.setPrefHeight(26 * 4.3);
        backends.setMinHeight(26 * 2.3);
        VBox.setVgrow(charts, Priority.ALWAYS);
        getChildren().addAll(header, oddities, backends, charts);
        model.frameProperty().addListener((observable, old, frame) -> {
            if (showing) {
                show(frame);
            }
        });
        this.model = model;
    }

    private final TrafficViewModel model;
    private boolean showing = true;

    /**
     * Whether the view is on screen: frames keep arriving while it is hidden (the failover advice
     * reads them), but only a shown view spends the JavaFX thread on them.
     */
    public void setShowing(boolean shown) {
        if (shown && !showing) {
            show(model.frameProperty().get());
        }
        showing = shown;
    }

    private void show(TrafficMonitor.Frame frame) {
        source.getStyleClass().removeIf(style -> style.startsWith("source-") && !style.equals("source-badge"));
        if (frame == null) {
            source.setText("NO FIGURES");
            source.getStyleClass().add("source-none");
            why.setText("Reading…");
            oddities.setVisible(false);
            backends.getItems().clear();
            charts.show(dev.pitwall.metrics.TrafficHistory.Snapshot.EMPTY, dev.pitwall.metrics.Slo.DEFAULT);
            return;
        }
        source.setText(switch (frame.source()) {
            case PROMETHEUS -> "PROMETHEUS";
            case DIRECT -> "DIRECT SCRAPE";
            case NONE -> "NO FIGURES";
        });
        source.getStyleClass().add("source-" + frame.source().name().toLowerCase(Locale.ROOT));
        String collecting = frame.source() == TrafficMonitor.Source.DIRECT && frame.now().backends().isEmpty()
                ? " Collecting: figures come with the next read." : "";
        why.setText(frame.why() + collecting);
        String odd = TrafficViewModel.oddities(frame.now());
        oddities.setText(odd);
        oddities.setVisible(!odd.isEmpty());
        backends.getItems().setAll(frame.now().backends());
        charts.show(frame.history(), frame.now().slo());
    }

    public Label source() {
        return source;
    }

    public Label why() {
        return why;
    }

    public TableView<BackendTraffic> backends() {
        return backends;
    }

    public TrafficCharts charts() {
        return charts;
    }
}
