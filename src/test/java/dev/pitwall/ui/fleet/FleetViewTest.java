package dev.pitwall.ui.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import dev.pitwall.fleet.Track;
import dev.pitwall.sandbox.Kubectl;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;

/** The navigator, the model-service view, the connection bar and the stale banner, live on the sandbox. */
class FleetViewTest extends LiveFleetTest {

    @Test
    void showsTheFleetAndFollowsKubectlWithinASecond(FxRobot robot) {
        open();
        within(Duration.ofSeconds(30), "three healthy model services in the navigator", () -> model.entries().size() == 3
                && robot.lookup(".tree-cell:healthy").queryAll().size() == 3);

        clickNavigator(robot, "recommender");
        TableView<Track> tracks = robot.lookup("#track-table").queryTableView();
        within(Duration.ofSeconds(2), "recommender's tracks", () -> tracks.getItems().size() == 2
                && tracks.getItems().getFirst().deployment().equals("recommender-primary"));
        assertEquals(100, tracks.getItems().get(0).weight());
        assertEquals(0, tracks.getItems().get(1).weight());
        assertEquals("primary 100 %", robot.lookup("#traffic-split .split-primary").queryLabeled().getText());

        new Kubectl(sandbox.kubeconfig()).run("scale", "deployment/recommender-standby", "--replicas=2").assertOk();
        within(Duration.ofSeconds(1), "the new scale in the tracks table", () -> tracks.getItems().get(1).desired() == 2);
    }

    @Test
    void aLostClusterIsMarkedStaleWithinTwoSeconds(FxRobot robot) {
        open();
        Label banner = robot.lookup("#stale-banner").queryAs(Label.class);
        within(Duration.ofSeconds(30), "the fleet, live and without a banner", () -> model.entries().size() == 3
                && !banner.isVisible() && robot.lookup(".connection-live").tryQuery().isPresent());

        sandbox.close();
        sandbox = null;
        within(Duration.ofSeconds(2), "the stale banner", () -> banner.isVisible() && banner.getText().startsWith("STALE"));
        assertTrue(banner.getText().startsWith("STALE: watch of "), banner.getText());
        assertEquals(1, robot.lookup(".connection-stale").queryAll().size(), "the connection bar says stale");
        assertTrue(robot.lookup(".model-service-view.stale").tryQuery().isPresent(), "the service view is dimmed");
    }

    @Test
    void podsAreFilteredByTypingSlashAndViewsReachedByKeyboard(FxRobot robot) {
        open();
        within(Duration.ofSeconds(30), "fraud-detector's pods", () -> model.pods().size() == 3);
        dev.pitwall.ui.pods.PodGrid pods = robot.lookup("#pod-table").queryAs(dev.pitwall.ui.pods.PodGrid.class);
        robot.clickOn("#track-table").type(KeyCode.SLASH).write("standby");

        TextField filter = robot.lookup("#pod-filter").queryAs(TextField.class);
        assertEquals("standby", filter.getText());
        within(Duration.ofSeconds(1), "one standby pod left", () -> pods.rows().size() == 1);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        assertTrue(robot.lookup("#navigator").query().isFocused(), "Ctrl+1 goes to the navigator");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        assertTrue(pods.isFocused(), "Ctrl+3 goes to the pods");
    }
}
