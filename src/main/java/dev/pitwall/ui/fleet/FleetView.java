package dev.pitwall.ui.fleet;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.pitwall.fleet.Connection;
import dev.pitwall.fleet.ModelService;
import dev.pitwall.ui.map.FleetMapView;
import dev.pitwall.ui.ops.ActionsViewModel;
import dev.pitwall.ui.ops.InterruptedBar;
import dev.pitwall.ui.ops.PlanSheet;
import dev.pitwall.ui.pods.PodTable;
import dev.pitwall.ui.traffic.TopView;
import dev.pitwall.ui.traffic.TrafficViewModel;

import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The live fleet: a connection bar per context, a stale banner when what is shown may be out of
 * date, the navigator (contexts, namespaces, model services with their health) and the selected
 * model service, the fleet map, or every pod of the context. Keyboard: Ctrl+1 navigator, Ctrl+2
 * tracks, Ctrl+3 the service's pods, Ctrl+4 its rollout timeline, Ctrl+5 the fleet map, Ctrl+6 all
 * pods, Ctrl+7 the service's traffic, Ctrl+8 the top table, Ctrl+K adds a context; {@code /}
 * filters the pods in view.
 */
public final class FleetView extends BorderPane {

    private final TreeView<Object> navigator = new TreeView<>(new TreeItem<>("fleet"));
    private final ModelServiceView service;
    private final FleetMapView map;
    private final PodTable allPods;
    private final TabPane views = new TabPane();
    private final Button addContext = new Button("Add context…");
    private Runnable onAddContext = () -> { };
    private final HBox connectionBar = new HBox();
    private final Map<String, TreeItem<Object>> items = new HashMap<>();
    private final Map<String, List<dev.pitwall.metrics.TrafficReader.RouteRef>> shownRoutes = new HashMap<>();
    private final ActionsViewModel actions = new ActionsViewModel();
    private final PlanSheet planSheet = new PlanSheet();
    private final InterruptedBar interrupted = new InterruptedBar();
    private final TrafficViewModel traffic = new TrafficViewModel();
    private final TopView top;
    private final dev.pitwall.ui.drill.DrillViewModel drills = new dev.pitwall.ui.drill.DrillViewModel();
    private final dev.pitwall.ui.drill.DrillPanel drillPanel;

    public FleetView(FleetViewModel model) {
        getStyleClass().add("fleet-view");
        setId("fleet-view");
        connectionBar.setId("connection-bar");
        connectionBar.getStyleClass().add("connection-bar");
        addContext.setId("add-context");
        addContext.getStyleClass().add("add-context");
        addContext.setOnAction(event -> onAddContext.run());
        Label staleBanner = new Label();
        staleBanner.setId("stale-banner");
        staleBanner.getStyleClass().add("stale-banner");
        staleBanner.setWrapText(true);
        staleBanner.textProperty().bind(model.staleTextProperty());
        staleBanner.visibleProperty().bind(model.staleProperty());
        staleBanner.managedProperty().bind(model.staleProperty());
        Label productionBanner = new Label("PRODUCTION: operations here change what real users are served");
        productionBanner.setId("production-banner");
        productionBanner.getStyleClass().add("production-banner");
        productionBanner.visibleProperty().bind(actions.environmentProperty().isEqualTo("production"));
        productionBanner.managedProperty().bind(productionBanner.visibleProperty());
        setTop(new VBox(connectionBar, productionBanner, interrupted, staleBanner));

        navigator.setId("navigator");
        navigator.setShowRoot(false);
        navigator.getRoot().setExpanded(true);
        navigator.setCellFactory(tree -> new NavigatorCell());
        navigator.getSelectionModel().selectedItemProperty().addListener((observable, old, item) -> {
            if (item != null && item.getValue() instanceof Leaf leaf) {
                model.select(leaf.entry.get().key());
            }
        });
        service = new ModelServiceView(model, actions, traffic, (kind, options) -> planSheet.open(actions, kind, options));
        top = new TopView(traffic);
        map = new FleetMapView(model.focusedProperty());
        allPods = new PodTable("all-pods", model.allPods(), true);
        Tab serviceTab = new Tab("Model service", service);
        Tab mapTab = new Tab("Fleet map", map);
        Tab podsTab = new Tab("All pods", allPods);
        Tab topTab = new Tab("Top", top);
        // a drill runs in the context in view, else in the first one open
        drillPanel = new dev.pitwall.ui.drill.DrillPanel(drills, () -> model.selectedProperty().get() != null
                ? model.selectedProperty().get().context() : model.entries().isEmpty() ? null : model.entries().getFirst().context());
        Tab drillsTab = new Tab("Drills", drillPanel);
        views.getTabs().addAll(serviceTab, mapTab, podsTab, topTab, drillsTab);
        views.getTabs().forEach(tab -> tab.setClosable(false));
        views.setId("fleet-tabs");
        map.setActive(false);
        views.getSelectionModel().selectedItemProperty().addListener((observable, old, tab) -> {
            map.setActive(tab == mapTab);
            model.showAllPods(tab == podsTab);
            traffic.watchTop(tab == topTab);
        });
        SplitPane body = new SplitPane(navigator, views);
        body.setDividerPositions(0.2);
        setCenter(new StackPane(body, planSheet));
        interrupted.setOnRollBack((operation, port) -> planSheet.open(port, operation.namespace(), operation.undoTarget(),
                operation.undo(), java.util.Map.of(), null));

        model.entries().addListener((ListChangeListener<FleetViewModel.Entry>) change -> {
            boolean structural = false;
            boolean routes = false;
            while (change.next()) {
                if (change.wasReplaced() && change.getAddedSize() == change.getRemovedSize()) {
                    change.getAddedSubList().forEach(this::showEntry);
                    for (int i = 0; i < change.getAddedSize() && !routes; i++) {
                        routes = !TrafficViewModel.routeOf(change.getAddedSubList().get(i).service())
                                .equals(TrafficViewModel.routeOf(change.getRemoved().get(i).service()));
                    }
                } else {
                    structural = true;
                }
            }
            if (structural) {
                showEntries(model);
            }
            if (structural || routes) {
                showRoutes(model); // not when only pods changed, as they do many times a second
            }
        });
        model.connections().addListener((ListChangeListener<Connection>) change -> showConnections(model));
        model.staleProperty().addListener((observable, old, isStale) -> List.of(service, map, allPods).forEach(view -> {
            if (isStale) {
                view.getStyleClass().add("stale");
            } else {
                view.getStyleClass().remove("stale");
            }
        }));
        showEntries(model);
        showConnections(model);

        setOnKeyPressed(event -> {
            if (shortcut(KeyCode.DIGIT1).match(event)) {
                navigator.requestFocus();
            } else if (shortcut(KeyCode.DIGIT2).match(event)) {
                show(View.SERVICE);
                service.tracks().requestFocus();
            } else if (shortcut(KeyCode.DIGIT3).match(event)) {
                show(View.SERVICE);
                service.pods().requestFocus();
            } else if (shortcut(KeyCode.DIGIT4).match(event)) {
                show(View.TIMELINE);
                service.timeline().canvas().requestFocus();
            } else if (shortcut(KeyCode.DIGIT5).match(event)) {
                show(View.MAP);
                map.canvas().requestFocus();
            } else if (shortcut(KeyCode.DIGIT6).match(event)) {
                show(View.PODS);
                allPods.table().requestFocus();
            } else if (shortcut(KeyCode.DIGIT7).match(event)) {
                show(View.TRAFFIC);
                service.traffic().charts().canvas().requestFocus();
            } else if (shortcut(KeyCode.DIGIT8).match(event)) {
                show(View.TOP);
                top.table().requestFocus();
            } else if (shortcut(KeyCode.DIGIT9).match(event)) {
                show(View.DRILLS);
                drillPanel.scenarioList().requestFocus();
            } else if (shortcut(KeyCode.K).match(event)) {
                onAddContext.run();
            } else {
                return;
            }
            event.consume();
        });
        // "/" filters the pods in view: the service's pods, or (from the map or the pod list) every pod
        addEventFilter(KeyEvent.KEY_TYPED, event -> {
            if ("/".equals(event.getCharacter()) && !(event.getTarget() instanceof TextField)) {
                boolean fleetWide = views.getSelectionModel().getSelectedIndex() > 0;
                show(fleetWide ? View.PODS : View.SERVICE);
                (fleetWide ? allPods.filter() : service.filter()).requestFocus();
                event.consume();
            }
        });
    }

    private static KeyCodeCombination shortcut(KeyCode key) {
        return new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN);
    }

    /** Updates the navigator in place (keeping selection and expansion) from the entries. */
    /** The operations the journal shows interrupted, with Resume; the wiring gives it the journal and each context's operations. */
    public InterruptedBar interrupted() {
        return interrupted;
    }

    /** The traffic in view; the wiring gives it each context's monitor. */
    public TrafficViewModel traffic() {
        return traffic;
    }

    /** The model services of each context, for the top table; passed on only when they changed (not when pods did). */
    private void showRoutes(FleetViewModel model) {
        Map<String, List<dev.pitwall.metrics.TrafficReader.RouteRef>> byContext = new HashMap<>();
        for (FleetViewModel.Entry entry : model.entries()) {
            byContext.computeIfAbsent(entry.context(), context -> new java.util.ArrayList<>()).add(TrafficViewModel.routeOf(entry.service()));
        }
        byContext.forEach((context, routes) -> {
            if (!routes.equals(shownRoutes.put(context, routes))) {
                traffic.setRoutes(context, routes);
            }
        });
    }

    /** What the operator may do to the Deployment in view; the wiring gives it its operations per context. */
    public ActionsViewModel actions() {
        return actions;
    }

    private void showEntries(FleetViewModel model) {
        Map<String, TreeItem<Object>> seen = new HashMap<>();
        for (FleetViewModel.Entry entry : model.entries()) {
            TreeItem<Object> context = child(navigator.getRoot(), "ctx|" + entry.context(), entry::context, seen);
            TreeItem<Object> namespace = child(context, "ns|" + entry.context() + "|" + entry.service().namespace(),
                    () -> entry.service().namespace(), seen);
            child(namespace, entry.key(), () -> new Leaf(entry), seen);
            showEntry(entry);
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

    /**
     * A service that changed but stayed where it was: its leaf's entry is replaced in place, and
     * only when what it shows (name and health) changed, so only its own cell redraws. (A TreeView
     * rebuilds every visible cell when a TreeItem's value changes, and at scale some service's
     * health changes many times a second.) Selection goes by key; the model's entries are the truth.
     */
    private void showEntry(FleetViewModel.Entry entry) {
        TreeItem<Object> item = items.get(entry.key());
        if (item != null && item.getValue() instanceof Leaf leaf && shownDifferently(leaf.entry.get(), entry)) {
            leaf.entry.set(entry);
        }
    }

    private static boolean shownDifferently(FleetViewModel.Entry shown, FleetViewModel.Entry entry) {
        return shown.service().health() != entry.service().health() || !shown.service().name().equals(entry.service().name());
    }

    /** A model service's leaf in the navigator: the same object for the session, its entry changing in place. */
    private static final class Leaf {
        final javafx.beans.property.ObjectProperty<FleetViewModel.Entry> entry;

        Leaf(FleetViewModel.Entry entry) {
            this.entry = new javafx.beans.property.SimpleObjectProperty<>(entry);
        }

        @Override
        public String toString() {
            return entry.get().service().name();
        }
    }

    /** The item under {@code key}, made (with {@code value}'s value) under {@code parent} the first time. */
    private TreeItem<Object> child(TreeItem<Object> parent, String key, java.util.function.Supplier<Object> value,
                                   Map<String, TreeItem<Object>> seen) {
        TreeItem<Object> item = items.computeIfAbsent(key, k -> {
            TreeItem<Object> created = new TreeItem<>(value.get());
            created.setExpanded(true);
            parent.getChildren().add(created);
            return created;
        });
        seen.put(key, item);
        return item;
    }

    private void showConnections(FleetViewModel model) {
        connectionBar.getChildren().setAll(model.connections().stream().<Node>map(connection -> {
            Label label = new Label(connection.context() + " · " + connection.status().name().toLowerCase(Locale.ROOT));
            label.getStyleClass().addAll("connection", "connection-" + connection.status().name().toLowerCase(Locale.ROOT));
            label.setId("connection-" + connection.context());
            label.setTooltip(new Tooltip(connection.detail()));
            return label;
        }).toList());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        connectionBar.getChildren().addAll(spacer, addContext);
    }

    private static final class NavigatorCell extends TreeCell<Object> {
        private static final Map<ModelService.Health, PseudoClass> HEALTH = Map.of(
                ModelService.Health.HEALTHY, PseudoClass.getPseudoClass("healthy"),
                ModelService.Health.DEGRADED, PseudoClass.getPseudoClass("degraded"),
                ModelService.Health.DOWN, PseudoClass.getPseudoClass("down"));

        private final javafx.beans.InvalidationListener changed = observable -> show(getItem(), isEmpty());
        private Leaf watched;

        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            Leaf leaf = !empty && item instanceof Leaf each ? each : null;
            if (leaf != watched) {
                if (watched != null) {
                    watched.entry.removeListener(changed);
                }
                watched = leaf;
                if (leaf != null) {
                    leaf.entry.addListener(changed); // its service's health, redrawn in this cell alone
                }
            }
            show(item, empty);
        }

        private void show(Object item, boolean empty) {
            FleetViewModel.Entry entry = !empty && item instanceof Leaf leaf ? leaf.entry.get() : null;
            ModelService.Health health = entry == null ? null : entry.service().health();
            // pseudo-classes, not style classes: a health change restyles the cell without rebuilding its CSS
            HEALTH.forEach((state, pseudoClass) -> pseudoClassStateChanged(pseudoClass, state == health));
            if (empty || item == null) {
                setText(null);
            } else if (entry != null) {
                setText(entry.service().name() + "  ·  " + health.name().toLowerCase(Locale.ROOT));
            } else {
                setText(item.toString());
            }
        }
    }

    /** The views of the right-hand side, as {@link #show(View)} selects them. */
    public enum View { SERVICE, TIMELINE, MAP, PODS, TRAFFIC, TOP, DRILLS }

    /** Brings a view to the front (the screenshot command uses it). */
    public void show(View view) {
        switch (view) {
            case SERVICE -> {
                views.getSelectionModel().select(0);
                service.tabs().getSelectionModel().select(0);
            }
            case TIMELINE -> {
                views.getSelectionModel().select(0);
                service.tabs().getSelectionModel().select(1);
            }
            case TRAFFIC -> {
                views.getSelectionModel().select(0);
                service.tabs().getSelectionModel().select(2);
            }
            case MAP -> views.getSelectionModel().select(1);
            case PODS -> views.getSelectionModel().select(2);
            case TOP -> views.getSelectionModel().select(3);
            case DRILLS -> views.getSelectionModel().select(4);
        }
    }

    /** The view in front, brought there by {@link #show(View)} or by the operator. */
    public View shown() {
        return switch (views.getSelectionModel().getSelectedIndex()) {
            case 0 -> switch (service.tabs().getSelectionModel().getSelectedIndex()) {
                case 1 -> View.TIMELINE;
                case 2 -> View.TRAFFIC;
                default -> View.SERVICE;
            };
            case 1 -> View.MAP;
            case 2 -> View.PODS;
            case 3 -> View.TOP;
            default -> View.DRILLS;
        };
    }

    /** What "Add context…" (Ctrl+K) does: the application shows the Connect view. */
    public void setOnAddContext(Runnable action) {
        onAddContext = action;
    }

    /** The drill panel's state (the wiring in app gives it its scenarios and contexts). */
    public dev.pitwall.ui.drill.DrillViewModel drills() {
        return drills;
    }

    public FleetMapView map() {
        return map;
    }
}
