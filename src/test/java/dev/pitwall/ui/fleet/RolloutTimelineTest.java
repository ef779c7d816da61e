package dev.pitwall.ui.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import dev.pitwall.fleet.ReplicaSetState;
import dev.pitwall.fleet.RolloutHistory;
import dev.pitwall.sandbox.Kubectl;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;

/** A rollout restart made with kubectl, followed live on the timeline in kubectl's words, and kept to scroll back. */
class RolloutTimelineTest extends LiveFleetTest {

    @Test
    void aRolloutIsFollowedLiveAndKeptForTheSession(FxRobot robot) {
        open();
        within(Duration.ofSeconds(30), "three healthy model services", () -> model.entries().size() == 3
                && robot.lookup(".tree-cell:healthy").queryAll().size() == 3);
        clickNavigator(robot, "sentiment");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        Label caption = robot.lookup("#timeline-caption").queryAs(Label.class);
        within(Duration.ofSeconds(2), "the primary's timeline (showing: " + onFx(caption::getText) + ")", () -> caption.getText()
                .equals("sentiment-primary: deployment \"sentiment-primary\" successfully rolled out"));

        Kubectl kubectl = new Kubectl(sandbox.kubeconfig());
        kubectl.run("rollout", "restart", "deployment/sentiment-primary").assertOk();
        within(Duration.ofSeconds(1), "the rollout's progress", () -> caption.getText()
                .startsWith("sentiment-primary: Waiting for deployment \"sentiment-primary\" rollout to finish"));
        kubectl.run(60, "rollout", "status", "deployment/sentiment-primary", "--timeout=50s").assertOk();
        within(Duration.ofSeconds(1), "the rollout done, as kubectl said", () -> caption.getText()
                .equals("sentiment-primary: deployment \"sentiment-primary\" successfully rolled out"));

        // The Deployment's status and its old ReplicaSet's come on two watches: the old one's last
        // pod gone may show a frame after the Deployment says done, and within a second.
        within(Duration.ofSeconds(1), "the old ReplicaSet at zero on the timeline", () -> {
            List<ReplicaSetState> last = model.history("sentiment-primary").points().getLast().replicaSets();
            return last.size() >= 2 && last.stream().filter(rs -> !rs.current()).allMatch(rs -> rs.replicas() == 0);
        });
        RolloutHistory.Series history = onFx(() -> model.history("sentiment-primary"));
        int restarted = 0;
        while (history.points().get(restarted).replicaSets().size() < 2) {
            restarted++;
        }
        List<ReplicaSetState> before = history.points().get(restarted - 1).replicaSets();
        List<ReplicaSetState> after = history.points().getLast().replicaSets();
        assertEquals(1, before.size(), "one ReplicaSet just before the restart");
        assertEquals(2, before.getFirst().ready());
        ReplicaSetState fresh = after.stream().filter(ReplicaSetState::current).findFirst().orElseThrow();
        ReplicaSetState old = after.stream().filter(rs -> rs.name().equals(before.getFirst().name())).findFirst().orElseThrow();
        assertEquals(2, fresh.ready(), "the new ReplicaSet serves");
        assertEquals(0, old.replicas(), "the old one is scaled to zero");
        assertTrue(history.points().size() >= 4, "the steps in between were recorded: " + history.points().size());
        assertTrue(history.events().stream().anyMatch(e -> e.reason().equals("ScalingReplicaSet")),
                "the Deployment's scaling events: " + history.events());

        robot.type(KeyCode.PLUS, 5); // zoom in to 5 s, shorter than the history
        robot.type(KeyCode.HOME);
        assertFalse(onFx(() -> view.lookup("#rollout-timeline") instanceof dev.pitwall.ui.timeline.RolloutTimelineView t
                && t.following()), "Home scrolls back and stops following");
        robot.type(KeyCode.END);
        assertTrue(onFx(() -> view.lookup("#rollout-timeline") instanceof dev.pitwall.ui.timeline.RolloutTimelineView t
                && t.following()), "End follows the present again");
    }
}
