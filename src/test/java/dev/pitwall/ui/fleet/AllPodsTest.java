package dev.pitwall.ui.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import dev.pitwall.ui.pods.PodGrid;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;

/** Every pod of the context in one virtualised table: reached by keyboard, filtered by typing /, sorted by a header. */
class AllPodsTest extends LiveFleetTest {

    @Test
    void everyPodIsListedFilteredAndSorted(FxRobot robot) {
        open();
        within(Duration.ofSeconds(30), "the fleet", () -> model.entries().size() == 3);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT6).release(KeyCode.DIGIT6, KeyCode.CONTROL);
        PodGrid table = robot.lookup("#all-pods-table").queryAs(PodGrid.class);
        assertTrue(onFx(table::isFocused), "Ctrl+6 goes to all pods");
        within(Duration.ofSeconds(2), "nine pods", () -> table.rows().size() == 9);

        robot.type(KeyCode.SLASH).write("sentiment");
        TextField filter = robot.lookup("#all-pods-filter").queryAs(TextField.class);
        assertEquals("sentiment", onFx(filter::getText));
        within(Duration.ofSeconds(1), "sentiment's three pods", () -> table.rows().size() == 3
                && table.rows().stream().allMatch(pod -> pod.model().equals("sentiment")));

        // a click on the Track header sorts by it; a second click reverses it; the keyboard moves the selection
        robot.moveTo(table, javafx.geometry.Pos.TOP_LEFT, new javafx.geometry.Point2D(columnX(table, "Track") + 10, 10),
                org.testfx.robot.Motion.DIRECT).clickOn(javafx.scene.input.MouseButton.PRIMARY);
        within(Duration.ofSeconds(1), "sorted by track", () -> table.rows().getFirst().track().equals("primary")
                && table.rows().getLast().track().equals("standby"));
        robot.moveTo(table, javafx.geometry.Pos.TOP_LEFT, new javafx.geometry.Point2D(columnX(table, "Track") + 10, 10),
                org.testfx.robot.Motion.DIRECT).clickOn(javafx.scene.input.MouseButton.PRIMARY);
        within(Duration.ofSeconds(1), "sorted by track, descending", () -> table.rows().getFirst().track().equals("standby"));
        robot.press(KeyCode.END).release(KeyCode.END);
        assertEquals(onFx(() -> table.rows().getLast()), onFx(table::selected), "End selects the last row");
    }

    private static double columnX(PodGrid table, String title) {
        double x = 0;
        for (PodGrid.Column column : table.columns()) {
            if (column.title().equals(title)) {
                return x;
            }
            x += column.width();
        }
        throw new AssertionError("no column " + title);
    }
}
