package dev.pitwall.ui.map;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.pitwall.fleet.FleetPod;
import dev.pitwall.fleet.FleetSnapshot;
import dev.pitwall.fleet.PodState;
import dev.pitwall.ui.canvas.CanvasPane;
import dev.pitwall.ui.canvas.Palette;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Orientation;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.paint.Paint;

/**
 * The fleet map: every node of a context as a tile, its pods as cells coloured by state (pending,
 * starting, ready, terminating, failed). Drawn on a Canvas, only the tiles in view, so it stays
 * fluid at 20,000 pods. Hover names a pod; click (or the arrow keys) selects it and shows its
 * details below the map. Redraws only while shown.
 */
public final class FleetMapView extends BorderPane {

    static final List<String> PAINTS = List.of("background", "tile", "tile-down", "tile-cordoned", "text", "text-muted",
            "pending", "starting", "ready", "terminating", "failed", "hover", "selection");

    private final CanvasPane holder = new CanvasPane("fleet-map-canvas", "fleet-map-palette", PAINTS);
    private final Canvas canvas = holder.canvas();
    private final Palette palette = holder.palette();
    private final ScrollBar scroll = new ScrollBar();
    private final Label details = new Label();
    private final ObservableValue<FleetSnapshot> source;
    private MapLayout layout = MapLayout.of(List.of(), List.of(), 0);
    private FleetSnapshot laidOut;
    private double laidOutWidth = -1;
    private FleetPod hovered;
    private FleetPod selected;
    private boolean active = true;
    /** Whether the canvas holds a full drawing of the current scroll position (changes may then be drawn alone). */
    private boolean drawnOnce;

    public FleetMapView(ObservableValue<FleetSnapshot> source) {
        this.source = source;
        getStyleClass().add("fleet-map");
        setId("fleet-map");
        holder.getStyleClass().add("fleet-map-holder");
        scroll.setOrientation(Orientation.VERTICAL);
        scroll.setId("fleet-map-scroll");
        details.setId("map-details");
        details.getStyleClass().add("map-details");
        details.setMaxWidth(Double.MAX_VALUE);
        setCenter(holder);
        setRight(scroll);
        setBottom(details);

        source.addListener((observable, old, snapshot) -> refresh());
        canvas.widthProperty().addListener((observable, old, width) -> refresh());
        canvas.heightProperty().addListener((observable, old, height) -> refresh());
        scroll.valueProperty().addListener((observable, old, value) -> draw());
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, event -> hover(layout.podAt(event.getX(), event.getY() + scroll.getValue())));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, event -> hover(Optional.empty()));
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, event -> {
            canvas.requestFocus();
            layout.podAt(event.getX(), event.getY() + scroll.getValue()).ifPresent(this::select);
        });
        canvas.addEventHandler(ScrollEvent.SCROLL, event -> scroll.setValue(clamp(scroll.getValue() - event.getDeltaY())));
        canvas.setOnKeyPressed(event -> {
            int step = switch (event.getCode()) {
                case RIGHT -> 1;
                case LEFT -> -1;
                case DOWN -> MapLayout.COLUMNS;
                case UP -> -MapLayout.COLUMNS;
                default -> 0;
            };
            if (step != 0) {
                move(step);
                event.consume();
            } else if (event.getCode() == KeyCode.ESCAPE) {
                selected = null;
                showDetails();
                draw();
            }
        });
        palette.applyCss();
        showDetails();
    }

    /** Whether the map is on screen; while it is not, snapshots are not laid out or drawn. */
    public void setActive(boolean active) {
        this.active = active;
        if (active) {
            refresh();
        }
    }

    public Optional<FleetPod> selected() {
        return Optional.ofNullable(selected);
    }

    public MapLayout mapLayout() {
        return layout;
    }

    public Canvas canvas() {
        return canvas;
    }

    /** Picks a pod as a click on it would. */
    public void select(FleetPod pod) {
        selected = pod;
        layout.find(pod.namespace(), pod.name()).ifPresent(found -> reveal(found.getKey().y(), found.getKey().height()));
        showDetails();
        draw();
    }

    private void refresh() {
        FleetSnapshot snapshot = source.getValue();
        if (!active || snapshot == null) {
            return;
        }
        if (snapshot != laidOut || canvas.getWidth() != laidOutWidth) {
            MapLayout previous = layout;
            boolean sameWidth = canvas.getWidth() == laidOutWidth;
            layout = MapLayout.of(snapshot.nodes(), snapshot.podsByNode(), canvas.getWidth(), sameWidth ? previous : null);
            laidOut = snapshot;
            laidOutWidth = canvas.getWidth();
            double top = scroll.getValue();
            scroll.setMax(Math.max(0, layout.height() - canvas.getHeight()));
            scroll.setVisibleAmount(canvas.getHeight());
            scroll.setBlockIncrement(Math.max(20, canvas.getHeight() * 0.9));
            scroll.setUnitIncrement(40);
            scroll.setValue(clamp(scroll.getValue()));
            showDetails();
            if (sameWidth && scroll.getValue() == top && drawChanges(previous)) {
                return;
            }
        }
        draw();
    }

    /**
     * Redraws only the tiles whose node or pods changed, when every tile kept its place (the usual
     * case: a pod changed state); false when the layout moved and everything must be drawn. At
     * 20,000 pods the map shows thousands of cells; a watch event changes a few tiles' worth.
     */
    private boolean drawChanges(MapLayout previous) {
        List<MapLayout.Tile> before = previous.tiles();
        List<MapLayout.Tile> after = layout.tiles();
        if (!active || !drawnOnce || before.size() != after.size()) {
            return false;
        }
        for (int i = 0; i < after.size(); i++) {
            MapLayout.Tile a = before.get(i);
            MapLayout.Tile b = after.get(i);
            if (a == b) {
                continue; // the layout kept the tile: nothing about it changed
            }
            if (!a.name().equals(b.name()) || a.x() != b.x() || a.y() != b.y() || a.height() != b.height()) {
                return false;
            }
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        double top = scroll.getValue();
        double bottom = top + canvas.getHeight();
        Map<PodState, Paint> statePaints = null;
        for (int i = 0; i < after.size(); i++) {
            MapLayout.Tile a = before.get(i);
            MapLayout.Tile b = after.get(i);
            boolean changed = a != b && (a.pods() != b.pods() || !Objects.equals(a.node(), b.node()));
            if (changed && b.y() + b.height() >= top && b.y() < bottom) {
                if (statePaints == null) {
                    // the first tile in view to draw: nothing at all is sent to the canvas (and it is
                    // not rendered again) when every change is out of view
                    statePaints = statePaints();
                    g.setFont(palette.font());
                }
                g.setFill(palette.paint("background"));
                g.fillRect(b.x() - 2, b.y() - top - 2, MapLayout.TILE_WIDTH + 4, b.height() + 4);
                drawTile(g, b, top, statePaints);
            }
        }
        return true;
    }

    private void draw() {
        if (!active) {
            return;
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        double top = scroll.getValue();
        double height = canvas.getHeight();
        g.setFill(palette.paint("background"));
        g.fillRect(0, 0, canvas.getWidth(), height);
        g.setFont(palette.font());
        Map<PodState, Paint> statePaints = statePaints();
        for (MapLayout.Tile tile : layout.visible(top, top + height)) {
            drawTile(g, tile, top, statePaints);
        }
        drawnOnce = true;
    }

    /** Each state's paint, looked up once per drawing rather than once per pod (thousands in view). */
    private Map<PodState, Paint> statePaints() {
        Map<PodState, Paint> paints = new EnumMap<>(PodState.class);
        for (PodState state : PodState.values()) {
            paints.put(state, palette.paint(state.name().toLowerCase(Locale.ROOT)));
        }
        return paints;
    }

    private void drawTile(GraphicsContext g, MapLayout.Tile tile, double top,
                          Map<PodState, Paint> statePaints) {
        double y = tile.y() - top;
        boolean down = tile.node() != null && !tile.node().ready();
        g.setFill(palette.paint(down ? "tile-down" : "tile"));
        g.fillRoundRect(tile.x(), y, MapLayout.TILE_WIDTH, tile.height(), 6, 6);
        if (tile.node() != null && !tile.node().schedulable()) {
            g.setStroke(palette.paint("tile-cordoned"));
            g.setLineWidth(1.5);
            g.strokeRoundRect(tile.x() + 0.75, y + 0.75, MapLayout.TILE_WIDTH - 1.5, tile.height() - 1.5, 6, 6);
        }
        g.setFill(palette.paint(tile.node() == null ? "text-muted" : "text"));
        g.fillText(shorten(tile.name()) + " · " + tile.pods().size(), tile.x() + MapLayout.PADDING, y + MapLayout.HEADER - 3,
                MapLayout.TILE_WIDTH - 2 * MapLayout.PADDING);
        List<FleetPod> pods = tile.pods();
        for (int i = 0; i < pods.size(); i++) {
            FleetPod pod = pods.get(i);
            g.setFill(statePaints.get(pod.state()));
            g.fillRect(tile.cellX(i), tile.cellY(i) - top, MapLayout.CELL, MapLayout.CELL);
            if (same(pod, selected) || same(pod, hovered)) {
                g.setStroke(palette.paint(same(pod, selected) ? "selection" : "hover"));
                g.setLineWidth(2);
                g.strokeRect(tile.cellX(i) - 1.5, tile.cellY(i) - top - 1.5, MapLayout.CELL + 3, MapLayout.CELL + 3);
            }
        }
    }

    private void hover(Optional<FleetPod> pod) {
        FleetPod next = pod.orElse(null);
        if (!same(next, hovered)) {
            hovered = next;
            showDetails();
            draw();
        }
    }

    private void move(int step) {
        List<FleetPod> order = layout.inOrder();
        if (order.isEmpty()) {
            return;
        }
        int index = selected == null ? -1 : indexOf(order, selected);
        int next = index < 0 ? 0 : Math.max(0, Math.min(order.size() - 1, index + step));
        select(order.get(next));
    }

    private static int indexOf(List<FleetPod> order, FleetPod pod) {
        for (int i = 0; i < order.size(); i++) {
            if (same(order.get(i), pod)) {
                return i;
            }
        }
        return -1;
    }

    private void reveal(double y, double height) {
        if (y < scroll.getValue()) {
            scroll.setValue(clamp(y - MapLayout.GAP));
        } else if (y + height > scroll.getValue() + canvas.getHeight()) {
            scroll.setValue(clamp(y + height - canvas.getHeight() + MapLayout.GAP));
        }
    }

    private void showDetails() {
        FleetSnapshot snapshot = source.getValue();
        String summary = snapshot == null ? "" : snapshot.context() + ": " + snapshot.nodes().size() + " nodes, "
                + layout.podCount() + " pods";
        FleetPod shown = hovered != null ? hovered : selected;
        if (shown == null) {
            details.setText(summary + ".  Hover or click a pod for its details; arrow keys move between pods.");
            return;
        }
        FleetPod current = layout.find(shown.namespace(), shown.name()).map(found -> found.getKey().pods().get(found.getValue()))
                .orElse(null);
        if (current == null) {
            details.setText(shown.namespace() + "/" + shown.name() + " no longer exists.");
            return;
        }
        details.setText(describe(current));
    }

    /** One line about a pod, as the details bar shows it. */
    public static String describe(FleetPod pod) {
        return pod.namespace() + "/" + pod.name() + "  ·  " + pod.state().name().toLowerCase(Locale.ROOT)
                + "  ·  node " + (pod.node().isEmpty() ? "none yet" : pod.node())
                + (pod.model().isEmpty() ? "" : "  ·  " + pod.model() + " " + pod.track() + " " + pod.version())
                + (pod.ip().isEmpty() ? "" : "  ·  " + pod.ip()) + "  ·  " + pod.restarts() + " restarts";
    }

    public String detailsText() {
        return details.getText();
    }

    private double clamp(double value) {
        return Math.max(0, Math.min(scroll.getMax(), value));
    }

    private static boolean same(FleetPod a, FleetPod b) {
        return a != null && b != null && a.name().equals(b.name()) && a.namespace().equals(b.namespace());
    }

    private static String shorten(String name) {
        return name.length() <= 16 ? name : "…" + name.substring(name.length() - 15);
    }
}
