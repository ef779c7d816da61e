package dev.pitwall.ui.fleet;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import dev.pitwall.fleet.Track;
import dev.pitwall.ui.ops.ActionBar;
import dev.pitwall.ui.ops.ActionsViewModel;
import dev.pitwall.ui.pods.PodTable;
import dev.pitwall.ui.timeline.RolloutTimelineView;
import dev.pitwall.ui.traffic.TrafficView;
import dev.pitwall.ui.traffic.TrafficViewModel;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * One model service: its health, its traffic split, its tracks (versions, replica counts, ready
 * endpoints, disruption budget, rollout progress in kubectl's words), its pods (filterable by
 * typing {@code /}), the rollout timeline of the selected track, and its live traffic per backend.
 */
final class ModelServiceView extends VBox {

    private final Label title = new Label("Select a model service");
    private final Label health = new Label();
    private final HBox split = new HBox();
    private final TableView<Track> tracks = new TableView<>();
    private final PodTable pods;
    private final RolloutTimelineView timeline;
    private final TabPane below = new TabPane();
    private final TrafficView trafficView;
    private List<String> shownWeights = List.of("none");

    ModelServiceView(FleetViewModel model, ActionsViewModel actions, TrafficViewModel traffic,
                     java.util.function.BiConsumer<dev.pitwall.ops.OperationKind, java.util.Map<String, String>> open) {
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
        tracks.getColumns().add(column("Track", 80, Track::name));
        tracks.getColumns().add(column("Version", 80, Track::version));
        tracks.getColumns().add(column("Desired", 62, t -> String.valueOf(t.desired())));
        tracks.getColumns().add(column("Updated", 66, t -> String.valueOf(t.updated())));
        tracks.getColumns().add(column("Ready", 52, t -> String.valueOf(t.ready())));
        tracks.getColumns().add(column("Available", 72, t -> String.valueOf(t.available())));
        tracks.getColumns().add(column("Endpoints", 76, t -> String.valueOf(t.readyEndpoints())));
        tracks.getColumns().add(column("PDB", 80, Track::disruptionBudget));
        tracks.getColumns().add(column("Traffic", 62, t -> t.weight() + " %"));
        tracks.getColumns().add(column("Rollout", 260, t -> (t.paused() ? "paused: " : "") + t.rollout().status()));
        tracks.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        tracks.setFixedCellSize(28);
        tracks.prefHeightProperty().bind(tracks.fixedCellSizeProperty().multiply(4.2));

        pods = new PodTable("pod", model.pods(), false);
        timeline = new RolloutTimelineView();
        Tab podsTab = new Tab("Pods", pods);
        Tab timelineTab = new Tab("Rollout timeline", timeline);
        trafficView = new TrafficView(traffic);
        Tab trafficTab = new Tab("Traffic", trafficView);
        below.getTabs().addAll(podsTab, timelineTab, trafficTab);
        below.getTabs().forEach(tab -> tab.setClosable(false));
        // the traffic of the service in view is read all along (the failover advice needs it); drawn while its tab shows
        Runnable follow = () -> {
            FleetViewModel.Entry entry = model.selectedProperty().get();
            trafficView.setShowing(below.getSelectionModel().getSelectedItem() == trafficTab);
            traffic.follow(entry == null ? null : entry.context(), entry == null ? null : entry.service());
        };
        below.getSelectionModel().selectedItemProperty().addListener((observable, old, tab) -> follow.run());
        model.selectedProperty().addListener((observable, old, entry) -> follow.run());
        below.setId("service-tabs");
        timeline.setActive(false);
        below.getSelectionModel().selectedItemProperty().addListener((observable, old, tab) -> timeline.setActive(tab == timelineTab));
        tracks.getSelectionModel().selectedItemProperty().addListener((observable, old, track) -> showTimeline(model));
        model.appliedProperty().addListener((observable, old, count) -> showTimeline(model));

        SplitPane tables = new SplitPane(tracks, below);
        tables.setOrientation(Orientation.VERTICAL);
        tables.setDividerPositions(0.3);
        VBox.setVgrow(tables, Priority.ALWAYS);
        ActionBar actionBar = new ActionBar(actions, open);
        getChildren().addAll(header, split, advice(traffic, open), actionBar, tables);
        tracks.getSelectionModel().selectedItemProperty().addListener((observable, old, track) -> showSubject(model, actions));
        model.tracks().addListener((ListChangeListener<Track>) change -> showSubject(model, actions));
        model.selectedProperty().addListener((observable, old, entry) -> showSubject(model, actions));

        model.selectedProperty().addListener((observable, old, entry) -> showHeader(model));
        model.tracks().addListener((ListChangeListener<Track>) change -> {
            showSplit(model);
            showHeader(model);
            showTimeline(model);
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
        List<String> weights = model.tracks().stream().map(t -> t.name() + "=" + t.weight()).toList();
        if (weights.equals(shownWeights)) {
            return;
        }
        shownWeights = weights;
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

    /**
     * The failover recommendation, when the service's serving backend has been out of its objective
     * for a while: what is wrong, and the plan one keystroke (F) away. Nothing runs before the plan
     * is confirmed.
     */
    private HBox advice(TrafficViewModel traffic,
                        java.util.function.BiConsumer<dev.pitwall.ops.OperationKind, java.util.Map<String, String>> open) {
        Label text = new Label();
        text.setId("failover-advice-text");
        text.setWrapText(true);
        text.getStyleClass().add("failover-advice-text");
        HBox.setHgrow(text, Priority.ALWAYS);
        javafx.scene.control.Button plan = new javafx.scene.control.Button("Plan the failover (F)");
        plan.setId("failover-advice-plan");
        plan.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        plan.setOnAction(event -> open.accept(dev.pitwall.ops.OperationKind.FAILOVER, java.util.Map.of()));
        HBox banner = new HBox(text, plan);
        banner.setId("failover-advice");
        banner.getStyleClass().add("failover-advice");
        banner.managedProperty().bind(banner.visibleProperty());
        banner.setVisible(false);
        traffic.adviceProperty().addListener((observable, old, advice) -> {
            banner.setVisible(advice != null);
            text.setText(advice == null ? "" : advice.describe());
            if (old == null && advice != null) {
                // where the policy lets a recommended failover run without a human it runs now, shown; elsewhere nothing happens
                open.accept(dev.pitwall.ops.OperationKind.FAILOVER, java.util.Map.of(dev.pitwall.ui.ops.PlanSheet.AUTOMATIC, "true"));
            }
        });
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == javafx.scene.input.KeyCode.F && !event.isShortcutDown() && banner.isVisible()
                    && !(event.getTarget() instanceof TextField)) {
                plan.fire();
                event.consume();
            }
        });
        return banner;
    }

    /** The operations act on the track selected in the table, else the first (the primary). */
    private void showSubject(FleetViewModel model, ActionsViewModel actions) {
        FleetViewModel.Entry entry = model.selectedProperty().get();
        Track chosen = tracks.getSelectionModel().getSelectedItem();
        if (chosen == null || !model.tracks().contains(chosen)) {
            chosen = model.tracks().isEmpty() ? null : model.tracks().getFirst();
        }
        actions.show(entry == null || chosen == null ? null : new ActionsViewModel.Subject(entry.context(),
                entry.service().namespace(), chosen.deployment(), chosen.desired(), entry.service().name()));
    }

    /** The timeline follows the track selected in the table, else the one rolling out, else the first. */
    private void showTimeline(FleetViewModel model) {
        Track chosen = tracks.getSelectionModel().getSelectedItem();
        if (chosen == null) {
            chosen = model.tracks().stream().filter(Track::rollingOut).findFirst()
                    .orElse(model.tracks().isEmpty() ? null : model.tracks().getFirst());
        }
        if (chosen == null) {
            timeline.show("", "", () -> model.history(""));
            return;
        }
        String deployment = chosen.deployment();
        timeline.show(deployment, chosen.deployment() + ": " + chosen.rollout().status(), () -> model.history(deployment));
    }

    private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        return PodTable.column(title, width, value);
    }

    TableView<Track> tracks() {
        return tracks;
    }

    dev.pitwall.ui.pods.PodGrid pods() {
        return pods.table();
    }

    TextField filter() {
        return pods.filter();
    }

    RolloutTimelineView timeline() {
        return timeline;
    }

    TrafficView traffic() {
        return trafficView;
    }

    TabPane tabs() {
        return below;
    }
}
