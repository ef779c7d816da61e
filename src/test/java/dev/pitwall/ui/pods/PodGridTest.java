package dev.pitwall.ui.pods;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import dev.pitwall.fleet.FleetPod;
import dev.pitwall.fleet.PodState;
import dev.pitwall.ui.Theme;
import dev.pitwall.ui.canvas.Palette;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;

/**
 * The pod grid skips drawing when nothing in view changed (most of 200 changes a second are to
 * pods out of view), and must still show every change to a pod in view, in the next frame.
 */
@ExtendWith(ApplicationExtension.class)
class PodGridTest {

    private final ObservableList<FleetPod> pods = FXCollections.observableArrayList();
    private PodGrid grid;

    private static FleetPod pod(int i, PodState state) {
        return new FleetPod("models", String.format(Locale.ROOT, "fraud-detector-%04d", i), "fraud-detector", "primary", "v1",
                "node-1", state, 0, "10.0.0.1", Instant.EPOCH);
    }

    @Start
    void start(Stage stage) {
        Theme.installUserAgent();
        for (int i = 0; i < 500; i++) {
            pods.add(pod(i, PodState.READY));
        }
        grid = new PodGrid("grid", pods, List.of(
                new PodGrid.Column("Pod", 250, FleetPod::name, Comparator.comparing(FleetPod::name)),
                new PodGrid.Column("State", 95, p -> p.state().name().toLowerCase(Locale.ROOT), Comparator.comparing(FleetPod::state))));
        Scene scene = new Scene(grid, 600, 400);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void aChangeInViewIsDrawnWhileChangesOutOfViewLeaveTheDrawingAlone(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        Canvas canvas = robot.lookup("#grid-canvas").queryAs(Canvas.class);
        Palette palette = robot.lookup(".pod-grid-palette").queryAs(Palette.class);
        Color ready = (Color) onFx(() -> palette.paint("ready"));
        Color failed = (Color) onFx(() -> palette.paint("failed"));
        // the State column's swatch of the first row: 250 px of Pod column, then the padding
        double swatchX = 250 + PodGrid.PAD + 4;
        double firstRowY = PodGrid.HEADER + PodGrid.ROW / 2;
        assertEquals(ready, pixel(canvas, swatchX, firstRowY), "the first pod is drawn ready");

        onFx(() -> {
            for (int i = 300; i < 400; i++) {
                pods.set(i, pod(i, PodState.FAILED)); // far out of view
            }
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ready, pixel(canvas, swatchX, firstRowY), "changes out of view do not touch the rows in view");

        onFx(() -> pods.set(0, pod(0, PodState.FAILED)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(failed, pixel(canvas, swatchX, firstRowY), "a change to a pod in view is drawn at once");

        onFx(() -> pods.remove(0));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ready, pixel(canvas, swatchX, firstRowY), "a pod gone from the top moves every row up");
    }

    private static Color pixel(Canvas canvas, double x, double y) {
        return onFx(() -> {
            WritableImage image = canvas.snapshot(null, null);
            return image.getPixelReader().getColor((int) x, (int) y);
        });
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> call) {
        try {
            return WaitForAsyncUtils.asyncFx(call).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
