package dev.pitwall.ui.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import dev.pitwall.fleet.FleetPod;
import dev.pitwall.fleet.PodState;
import dev.pitwall.sandbox.Kubectl;
import dev.pitwall.ui.canvas.Palette;
import dev.pitwall.ui.map.MapLayout;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;

/** The fleet map on the sandbox: every pod in its node's tile, hover and click, keys, and a kill seen live. */
class FleetMapViewTest extends LiveFleetTest {

    @Test
    void everyPodIsACellOnItsNodeAndAKilledPodTurnsTerminatingWithinASecond(FxRobot robot) {
        open();
        within(Duration.ofSeconds(30), "nine ready pods", () -> model.focusedProperty().get() != null
                && model.focusedProperty().get().pods().size() == 9
                && model.focusedProperty().get().pods().stream().allMatch(p -> p.state() == PodState.READY));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT5).release(KeyCode.DIGIT5, KeyCode.CONTROL);
        Canvas canvas = robot.lookup("#fleet-map-canvas").queryAs(Canvas.class);
        assertTrue(onFx(canvas::isFocused), "Ctrl+5 goes to the fleet map");

        MapLayout layout = onFx(() -> view.map().mapLayout());
        assertEquals(List.of("sandbox-node-1", "sandbox-node-2", "sandbox-node-3", "sandbox-node-4"),
                layout.tiles().stream().map(MapLayout.Tile::name).toList());
        assertEquals(9, layout.podCount());
        layout.tiles().forEach(tile -> tile.pods().forEach(pod -> assertEquals(tile.name(), pod.node(), "a pod sits on its node")));

        MapLayout.Tile tile = layout.tiles().getFirst();
        FleetPod first = tile.pods().getFirst();
        robot.moveTo(onFx(() -> canvas.localToScreen(tile.cellX(0) + 4, tile.cellY(0) + 4)));
        within(Duration.ofSeconds(1), "the hovered pod's details", () -> view.map().detailsText().contains(first.name()));
        robot.clickOn(onFx(() -> canvas.localToScreen(tile.cellX(0) + 4, tile.cellY(0) + 4)));
        assertEquals(first.name(), onFx(() -> view.map().selected().orElseThrow().name()));
        robot.type(KeyCode.RIGHT);
        FleetPod second = layout.inOrder().get(1);
        assertEquals(second.name(), onFx(() -> view.map().selected().orElseThrow().name()), "Right selects the next pod");

        new Kubectl(sandbox.kubeconfig()).run("delete", "pod", first.name(), "--wait=false").assertOk();
        Palette palette = robot.lookup(".fleet-map-palette").queryAs(Palette.class);
        Color terminating = (Color) onFx(() -> palette.paint("terminating"));
        within(Duration.ofSeconds(1), "the killed pod's cell drawn as terminating", () -> {
            MapLayout now = view.map().mapLayout();
            var found = now.find(first.namespace(), first.name());
            if (found.isEmpty() || found.get().getKey().pods().get(found.get().getValue()).state() != PodState.TERMINATING) {
                return false;
            }
            MapLayout.Tile where = found.get().getKey();
            int index = found.get().getValue();
            WritableImage image = canvas.snapshot(null, null);
            Point2D cell = new Point2D(where.cellX(index) + 4, where.cellY(index) + 4);
            return image.getPixelReader().getColor((int) cell.getX(), (int) cell.getY()).equals(terminating);
        });

        // the map redraws only the tiles that changed: once the killed pod is gone and its
        // replacement ready, every cell shows its pod's state and no cell is left where a pod was
        Color ready = (Color) onFx(() -> palette.paint("ready"));
        Color tileColour = (Color) onFx(() -> palette.paint("tile"));
        within(Duration.ofSeconds(30), "every cell drawn as its pod, nothing stale", () -> {
            MapLayout now = view.map().mapLayout();
            if (now.podCount() != 9 || now.find(first.namespace(), first.name()).isPresent()
                    || !now.inOrder().stream().allMatch(p -> p.state() == PodState.READY)) {
                return false;
            }
            var pixels = canvas.snapshot(null, null).getPixelReader();
            for (MapLayout.Tile each : now.tiles()) {
                for (int i = 0; i < each.pods().size(); i++) {
                    if (!pixels.getColor((int) each.cellX(i) + 4, (int) each.cellY(i) + 4).equals(ready)) {
                        return false;
                    }
                }
                int after = each.pods().size();
                if (after % MapLayout.COLUMNS != 0
                        && !pixels.getColor((int) each.cellX(after) + 4, (int) each.cellY(after) + 4).equals(tileColour)) {
                    return false;
                }
            }
            return true;
        });
    }
}
