package dev.pitwall.ui.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import dev.pitwall.fleet.FleetPod;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;

/** Every pod of the context in one virtualised table: reached by keyboard, filtered by typing /, sorted by a header. */
class AllPodsTest extends LiveFleetTest {

    @Test
    void everyPodIsListedFilteredAndSorted(FxRobot robot) {
        open();
        within(Duration.ofSeconds(30), "the fleet", () -> model.entries().size() == 3);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT6).release(KeyCode.DIGIT6, KeyCode.CONTROL);
        TableView<FleetPod> table = robot.lookup("#all-pods-table").queryTableView();
        assertTrue(onFx(table::isFocused), "Ctrl+6 goes to all pods");
        within(Duration.ofSeconds(2), "nine pods", () -> table.getItems().size() == 9);

        robot.type(KeyCode.SLASH).write("sentiment");
        TextField filter = robot.lookup("#all-pods-filter").queryAs(TextField.class);
        assertEquals("sentiment", onFx(filter::getText));
        within(Duration.ofSeconds(1), "sentiment's three pods", () -> table.getItems().size() == 3
                && table.getItems().stream().allMatch(pod -> pod.model().equals("sentiment")));

        // Sorting as a header click asks for it (TestFX's headless clicks on column headers do not sort).
        TableColumn<FleetPod, ?> track = onFx(() -> table.getColumns().stream().filter(c -> c.getText().equals("Track"))
                .findFirst().orElseThrow());
        onFx(() -> {
            track.setSortType(TableColumn.SortType.ASCENDING);
            table.getSortOrder().setAll(List.of(track));
            return null;
        });
        within(Duration.ofSeconds(1), "sorted by track", () -> table.getItems().getFirst().track().equals("primary")
                && table.getItems().getLast().track().equals("standby"));
        onFx(() -> {
            track.setSortType(TableColumn.SortType.DESCENDING);
            return null;
        });
        within(Duration.ofSeconds(1), "sorted by track, descending", () -> table.getItems().getFirst().track().equals("standby"));
    }
}
