package dev.pitwall.ui.pods;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.pitwall.fleet.FleetPod;
import dev.pitwall.fleet.PodState;
import dev.pitwall.ui.canvas.CanvasPane;
import dev.pitwall.ui.canvas.Palette;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * A pod table drawn on a Canvas: a header (click a column to sort it, again to reverse, a third
 * time to go back to namespace/name order) and only the rows in view, each coloured by its pod's
 * state. A TableView rebuilds every visible row's cells (their CSS, text layout and layout) when
 * pods come and go above them, which at 20,000 pods and hundreds of changes a second took most of
 * each frame; drawing the ~30 rows in view costs a fraction of a millisecond. Keyboard: Up, Down,
 * Page Up, Page Down, Home and End move the selection; the wheel and the scroll bar scroll.
 * Colours and font come from ui/pitwall.css ({@code .pod-grid-palette}).
 */
public final class PodGrid extends Region {

    /** A column: its title, width, text per pod, and the order its header sorts by. */
    public record Column(String title, double width, Function<FleetPod, String> text, Comparator<FleetPod> order) {
    }

    static final double ROW = 24;
    static final double HEADER = 26;
    static final double PAD = 8;
    private static final List<String> PAINTS = List.of("background", "header", "header-text", "grid", "text", "text-degraded",
            "text-muted", "text-down", "selection", "focus", "pending", "starting", "ready", "terminating", "failed");
    private static final Map<PodState, String> TEXT = Map.of(PodState.READY, "text", PodState.STARTING, "text-degraded",
            PodState.PENDING, "text-degraded", PodState.TERMINATING, "text-muted", PodState.FAILED, "text-down");

    private final CanvasPane pane;
    private final ScrollBar scroll = new ScrollBar();
    private final SortedPods sorted;
    private List<FleetPod> rows;
    private final List<Column> columns;
    private int sortColumn = -1;
    private boolean ascending = true;
    private FleetPod selected;
    private Font measuredFont;
    private double charWidth = 7;
    /**
     * What the canvas shows: a drawing that would show the same is skipped. With 20,000 pods and
     * 200 changes a second, nearly every change is to a pod out of view, and a drawing of the 30
     * rows in view costs the renderer some 270 texts.
     */
    private Shown shown;

    private record Shown(int first, List<FleetPod> inView, double width, double height, FleetPod selected,
                         int sortColumn, boolean ascending, boolean focused, Font font, Paint background, Paint text) {
    }

    /** {@code pods}: the pods to show (sorted here by a column, else in their own order), changing as they do. */
    public PodGrid(String id, ObservableList<FleetPod> pods, List<Column> columns) {
        this.sorted = new SortedPods(pods);
        this.rows = sorted.rows();
        this.columns = List.copyOf(columns);
        setId(id);
        getStyleClass().add("pod-grid");
        setFocusTraversable(true);
        pane = new CanvasPane(id + "-canvas", "pod-grid-palette", PAINTS);
        pane.canvas().setFocusTraversable(false);
        scroll.setOrientation(Orientation.VERTICAL);
        scroll.setFocusTraversable(false);
        scroll.setMin(0);
        getChildren().addAll(pane, scroll);
        pods.addListener((ListChangeListener<FleetPod>) change -> {
            sorted.apply(change);
            draw();
        });
        scroll.valueProperty().addListener((observable, old, value) -> draw());
        focusedProperty().addListener((observable, old, focused) -> draw());
        addEventHandler(KeyEvent.KEY_PRESSED, this::key);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::press);
        addEventHandler(ScrollEvent.SCROLL, event -> {
            scroll.setValue(clamp(scroll.getValue() - Math.signum(event.getDeltaY()) * 3, 0, scroll.getMax()));
            event.consume();
        });
        setMinSize(0, 0);
    }

    /** The pods shown, in their order (read-only). */
    public List<FleetPod> rows() {
        return rows;
    }

    public List<Column> columns() {
        return columns;
    }

    /** Sorts by the column titled {@code title}, as clicking its header does; null goes back to namespace/name order. */
    public void sortBy(String title, boolean ascendingOrder) {
        sortColumn = -1;
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).title().equals(title)) {
                sortColumn = i;
            }
        }
        ascending = ascendingOrder;
        sorted.sortBy(sortColumn < 0 ? null : ascending ? columns.get(sortColumn).order() : columns.get(sortColumn).order().reversed());
        rows = sorted.rows();
        draw();
    }

    /** The selected pod, or null. */
    public FleetPod selected() {
        return selected;
    }

    /** The first row in view. */
    public int firstVisible() {
        return (int) Math.round(scroll.getValue());
    }

    @Override
    protected void layoutChildren() {
        double bar = scroll.prefWidth(-1);
        pane.resizeRelocate(0, 0, Math.max(0, getWidth() - bar), getHeight());
        scroll.resizeRelocate(getWidth() - bar, HEADER, bar, Math.max(0, getHeight() - HEADER));
        draw();
    }

    private int visibleRows() {
        return Math.max(1, (int) ((getHeight() - HEADER) / ROW));
    }

    private void draw() {
        int visible = visibleRows();
        double max = Math.max(0, rows.size() - visible);
        scroll.setMax(max);
        scroll.setVisible(max > 0);
        scroll.setVisibleAmount(Math.min(visible, Math.max(1, rows.size())));
        scroll.setBlockIncrement(visible);
        if (scroll.getValue() > max) {
            scroll.setValue(max);
        }
        Palette palette = pane.palette();
        GraphicsContext g = pane.canvas().getGraphicsContext2D();
        double width = pane.getWidth();
        double height = pane.getHeight();
        if (width <= 0 || height <= 0) {
            return;
        }
        Font font = palette.font();
        int first = firstVisible();
        Shown now = new Shown(first, List.copyOf(rows.subList(Math.min(first, rows.size()), Math.min(rows.size(), first + visible + 1))),
                width, height, selected, sortColumn, ascending, isFocused(), font, palette.paint("background"),
                palette.paint("text"));
        if (now.equals(shown)) {
            return;
        }
        shown = now;
        if (font != measuredFont) {
            Text sample = new Text("fraud-detector-primary-7d9c8b6f5-x2k4q 127.10.0.3 sandbox-node-12"); // what pod rows hold
            sample.setFont(font);
            charWidth = sample.getLayoutBounds().getWidth() / sample.getText().length();
            measuredFont = font;
        }
        g.setFont(font);
        g.setTextBaseline(VPos.CENTER);
        g.setFill(palette.paint("background"));
        g.fillRect(0, 0, width, height);
        g.setFill(palette.paint("header"));
        g.fillRect(0, 0, width, HEADER);
        double[] widths = widths(width);
        double x = 0;
        for (int c = 0; c < columns.size(); c++) {
            String arrow = c == sortColumn ? (ascending ? " ▲" : " ▼") : "";
            g.setFill(palette.paint("header-text"));
            g.fillText(fit(columns.get(c).title(), widths[c] - 2 * PAD - (arrow.isEmpty() ? 0 : 2 * charWidth)) + arrow, x + PAD, HEADER / 2);
            x += widths[c];
            g.setFill(palette.paint("grid"));
            g.fillRect(x - 1, 4, 1, HEADER - 8);
        }
        g.fillRect(0, HEADER - 1, width, 1);
        for (int i = first; i < Math.min(rows.size(), first + visible + 1); i++) {
            FleetPod pod = rows.get(i);
            double y = HEADER + (i - first) * ROW;
            if (pod == selected || (selected != null && PodRows.compare(pod, selected) == 0)) {
                g.setFill(palette.paint("selection"));
                g.fillRect(0, y, width, ROW);
            }
            g.setFill(palette.paint("grid"));
            g.fillRect(0, y + ROW - 1, width, 1);
            double cx = 0;
            for (int c = 0; c < columns.size(); c++) {
                Column column = columns.get(c);
                double textX = cx + PAD;
                if (column.title().equals("State")) {
                    g.setFill(palette.paint(pod.state().name().toLowerCase(java.util.Locale.ROOT)));
                    g.fillRect(textX, y + ROW / 2 - 4, 8, 8);
                    textX += 14;
                }
                g.setFill(palette.paint(TEXT.getOrDefault(pod.state(), "text")));
                g.fillText(fit(column.text().apply(pod), cx + widths[c] - PAD - textX), textX, y + ROW / 2);
                cx += widths[c];
            }
        }
        if (rows.isEmpty()) {
            g.setFill(palette.paint("text-muted"));
            g.fillText("No pods", PAD, HEADER + ROW / 2);
        }
        if (isFocused()) {
            g.setStroke(palette.paint("focus"));
            g.setLineWidth(2);
            g.strokeRect(1, 1, width - 2, height - 2);
        }
    }

    /** The columns' widths: as asked, the last one taking what is left. */
    private double[] widths(double width) {
        double[] widths = new double[columns.size()];
        double used = 0;
        for (int c = 0; c < columns.size() - 1; c++) {
            widths[c] = columns.get(c).width();
            used += widths[c];
        }
        widths[columns.size() - 1] = Math.max(columns.getLast().width(), width - used);
        return widths;
    }

    /** The text cut with an ellipsis to about {@code room} pixels (by the font's average character width). */
    private String fit(String text, double room) {
        if (text == null) {
            return "";
        }
        int chars = (int) (room / charWidth);
        if (text.length() <= chars) {
            return text;
        }
        return chars <= 1 ? "" : text.substring(0, chars - 1) + "…";
    }

    private void key(KeyEvent event) {
        if (rows.isEmpty()) {
            return;
        }
        int index = selectedIndex();
        int target = switch (event.getCode()) {
            case DOWN -> index + 1;
            case UP -> index - 1;
            case PAGE_DOWN -> index + visibleRows();
            case PAGE_UP -> index - visibleRows();
            case HOME -> 0;
            case END -> rows.size() - 1;
            default -> Integer.MIN_VALUE;
        };
        if (target == Integer.MIN_VALUE) {
            return;
        }
        select((int) clamp(target, 0, rows.size() - 1));
        event.consume();
    }

    private void press(MouseEvent event) {
        requestFocus();
        if (event.getY() < HEADER) {
            double[] widths = widths(pane.getWidth());
            double x = 0;
            for (int c = 0; c < widths.length; c++) {
                if (event.getX() >= x && event.getX() < x + widths[c]) {
                    // a header click: ascending, then descending, then back to namespace/name
                    if (c != sortColumn) {
                        sortBy(columns.get(c).title(), true);
                    } else if (ascending) {
                        sortBy(columns.get(c).title(), false);
                    } else {
                        sortBy(null, true);
                    }
                    break;
                }
                x += widths[c];
            }
        } else {
            int index = firstVisible() + (int) ((event.getY() - HEADER) / ROW);
            if (index < rows.size()) {
                select(index);
            }
        }
        event.consume();
    }

    private int selectedIndex() {
        if (selected == null) {
            return -1;
        }
        int at = rows.indexOf(selected);
        return at >= 0 ? at : firstVisible();
    }

    private void select(int index) {
        selected = rows.get(index);
        int first = firstVisible();
        int visible = visibleRows();
        if (index < first) {
            scroll.setValue(index);
        } else if (index >= first + visible) {
            scroll.setValue(index - visible + 1);
        }
        draw();
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
