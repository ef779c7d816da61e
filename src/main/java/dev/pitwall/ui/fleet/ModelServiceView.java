package dev.pitwall.ui.fleet;

import java.util.Locale;
import java.util.function.Function;

import dev.pitwall.fleet.FleetPod;
import dev.pitwall.fleet.Track;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * One model service: its health, its traffic split, its tracks (versions and replica counts) and
 * its pods, filterable by typing {@code /}.
 */
final class ModelServiceView extends VBox {

    private final Label title = new Label("Select a model service");
    private final Label health = new Label();
    private final HBox split = new HBox();
    private final TableView<Track> tracks = new TableView<>();
    private final TableView<FleetPod> pods = new TableView<>();
    private final TextField filter = new TextField();

    ModelServiceView(FleetViewModel model) {
        getStyleClass().add("model-service-view");
        title.getStyleClass().add("view-title");
        title.setId("service-title");
        health.setId("service-health");
        health.getStyleClass().add("health-badge");
        HBox header = new HBox(title, health);
        header.getStyleClass().add("service-header");

        split.setId("traffic-split");
        split.getStyleClass().add("traffic-split");

        tracks.setId("track-table");
        tracks.setItems(model.tracks());
        tracks.getColumns().add(column("Track", 90, Track::name));
        tracks.getColumns().add(column("Version", 90, Track::version));
        tracks.getColumns().add(column("Desired", 70, t -> String.valueOf(t.desired())));
        tracks.getColumns().add(column("Updated", 70, t -> String.valueOf(t.updated())));
        tracks.getColumns().add(column("Ready", 60, t -> String.valueOf(t.ready())));
        tracks.getColumns().add(column("Available", 75, t -> String.valueOf(t.available())));
        tracks.getColumns().add(column("Traffic", 70, t -> t.weight() + " %"));
        tracks.getColumns().add(column("Rollout", 120, t -> t.paused() ? "paused" : t.rollingOut() ? "rolling out" : "complete"));
        tracks.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        tracks.setFixedCellSize(28);
        tracks.prefHeightProperty().bind(tracks.fixedCellSizeProperty().multiply(4.2));

        filter.setId("pod-filter");
        filter.setPromptText("Filter pods (press / )");
        FilteredList<FleetPod> filtered = new FilteredList<>(model.pods());
        filter.textProperty().addListener((observable, old, text) -> filtered.setPredicate(pod -> matches(pod, text)));
        SortedList<FleetPod> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(pods.comparatorProperty());
        pods.setId("pod-table");
        pods.setItems(sorted);
        pods.getColumns().add(column("Pod", 260, FleetPod::name));
        pods.getColumns().add(column("Track", 80, FleetPod::track));
        pods.getColumns().add(column("Version", 80, FleetPod::version));
        pods.getColumns().add(column("State", 100, p -> p.state().name().toLowerCase(Locale.ROOT)));
        pods.getColumns().add(column("Restarts", 70, p -> String.valueOf(p.restarts())));
        pods.getColumns().add(column("Node", 130, FleetPod::node));
        pods.getColumns().add(column("IP", 110, FleetPod::ip));
        pods.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        pods.setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(FleetPod pod, boolean empty) {
                super.updateItem(pod, empty);
                getStyleClass().removeIf(style -> style.startsWith("pod-"));
                if (!empty && pod != null) {
                    getStyleClass().add("pod-" + pod.state().name().toLowerCase(Locale.ROOT));
                }
            }
        });
        pods.setPlaceholder(new Label("No pods"));
        VBox podBox = new VBox(filter, pods);
        podBox.getStyleClass().add("pod-box");
        VBox.setVgrow(pods, Priority.ALWAYS);

        SplitPane tables = new SplitPane(tracks, podBox);
        tables.setOrientation(Orientation.VERTICAL);
        tables.setDividerPositions(0.3);
        VBox.setVgrow(tables, Priority.ALWAYS);
        getChildren().addAll(header, split, tables);

        model.selectedProperty().addListener((observable, old, entry) -> showHeader(model));
        model.tracks().addListener((ListChangeListener<Track>) change -> {
            showSplit(model);
            showHeader(model);
        });
        showHeader(model);
    }

    private void showHeader(FleetViewModel model) {
        FleetViewModel.Entry entry = model.selectedProperty().get();
        health.getStyleClass().removeIf(style -> style.startsWith("health-") && !style.equals("health-badge"));
        if (entry == null) {
            title.setText("Select a model service");
            health.setText("");
            return;
        }
        title.setText(entry.service().name() + "  ·  " + entry.service().namespace() + "  ·  " + entry.context());
        String state = entry.service().health().name().toLowerCase(Locale.ROOT);
        health.setText(state);
        health.getStyleClass().add("health-" + state);
    }

    private void showSplit(FleetViewModel model) {
        split.getChildren().clear();
        int total = model.tracks().stream().mapToInt(Track::weight).sum();
        for (Track track : model.tracks()) {
            if (track.weight() == 0) {
                continue;
            }
            Label segment = new Label(track.name() + " " + track.weight() + " %");
            segment.getStyleClass().addAll("split-segment", "split-" + track.name());
            segment.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(segment, Priority.ALWAYS);
            segment.prefWidthProperty().bind(split.widthProperty().multiply(track.weight() / (double) Math.max(1, total)));
            split.getChildren().add(segment);
        }
        if (split.getChildren().isEmpty()) {
            Label none = new Label("no traffic route");
            none.getStyleClass().add("split-none");
            split.getChildren().add(none);
        }
    }

    private static boolean matches(FleetPod pod, String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        String needle = text.strip().toLowerCase(Locale.ROOT);
        return (pod.name() + " " + pod.track() + " " + pod.version() + " " + pod.state() + " " + pod.node() + " " + pod.ip())
                .toLowerCase(Locale.ROOT).contains(needle);
    }

    private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    TableView<Track> tracks() {
        return tracks;
    }

    TableView<FleetPod> pods() {
        return pods;
    }

    TextField filter() {
        return filter;
    }
}
