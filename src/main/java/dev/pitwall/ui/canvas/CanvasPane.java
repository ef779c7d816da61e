package dev.pitwall.ui.canvas;

import java.util.List;

import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Pane;

/**
 * A focusable Canvas that fills its pane, with the {@link Palette} it draws with: the common part
 * of Pitwall's drawn views (the fleet map, the rollout timeline).
 */
public final class CanvasPane extends Pane {

    private final Canvas canvas = new Canvas();
    private final Palette palette;

    /** {@code paletteClass} names the stylesheet rule that sets the paints {@code paints}. */
    public CanvasPane(String canvasId, String paletteClass, List<String> paints) {
        palette = new Palette(paletteClass, paints);
        canvas.setId(canvasId);
        canvas.setFocusTraversable(true);
        getChildren().addAll(canvas, palette);
        setMinSize(0, 0);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
    }

    public Canvas canvas() {
        return canvas;
    }

    public Palette palette() {
        return palette;
    }
}
