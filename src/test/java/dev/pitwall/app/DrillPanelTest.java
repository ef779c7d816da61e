package dev.pitwall.app;

import static dev.pitwall.ui.FxWait.onFx;
import static dev.pitwall.ui.FxWait.within;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import dev.pitwall.sandbox.Sandbox;
import dev.pitwall.sandbox.SandboxIdentity;
import dev.pitwall.sandbox.TestSandboxes;
import dev.pitwall.ui.drill.DrillsPort;
import dev.pitwall.ui.fleet.FleetView;
import dev.pitwall.ui.fleet.FleetViewModel;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;

/**
 * The drill panel through the production wiring, against the sandbox: the shipped drills and the
 * data directory's are offered, a drill is confirmed by typing its name, its timeline shows live,
 * HALT stops its pod-kill schedule and its rollback runs, and the report is written.
 */
@ExtendWith(ApplicationExtension.class)
class DrillPanelTest {

    @TempDir
    Path dir;

    private FleetSession session;
    private FleetViewModel fleet;
    private FleetView view;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
        System.clearProperty("pitwall.home");
    }

    @Test
    void aDrillIsConfirmedByNameRunsLiveAndHaltStartsItsRollbacks(FxRobot robot) throws Exception {
        Path home = dir.resolve("home");
        System.setProperty("pitwall.home", home.toString());
        Files.createDirectories(home.resolve("drills"));
        Files.copy(Path.of(getClass().getResource("ops/testdata/pod-kill-schedule.yaml").toURI()),
                home.resolve("drills").resolve("pod-kill-schedule.yaml"));
        TestWindow.Wired window = TestWindow.wire(stage, null);
        fleet = window.fleet();
        session = window.session();
        view = window.view();
        try (Sandbox sandbox = TestSandboxes.start("two-active-standby", dir);
             var lead = TestSandboxes.client(sandbox, SandboxIdentity.LEAD)) {
            TestSandboxes.awaitSteady(sandbox, lead);
            session.open(List.of(sandbox.kubeconfig()), sandbox.context(SandboxIdentity.OPERATOR)).get();
            within(Duration.ofSeconds(20), "the fleet shown", () -> !fleet.entries().isEmpty());
            onFx(() -> {
                view.show(FleetView.View.DRILLS);
                return null;
            });
            @SuppressWarnings("unchecked")
            ListView<DrillsPort.Offered> list = (ListView<DrillsPort.Offered>) onFx(() -> view.lookup("#drill-scenarios"));
            within(Duration.ofSeconds(10), "the drills offered", () -> list.getItems().size() == 5);
            assertTrue(onFx(() -> list.getItems().stream().allMatch(offered -> offered.scenario() != null)), "all valid");
            onFx(() -> {
                list.getSelectionModel().select(list.getItems().stream().filter(o -> o.scenario().name().equals("pod-kill-schedule"))
                        .findFirst().orElseThrow());
                return null;
            });
            String plan = onFx(() -> ((Label) view.lookup("#drill-plan")).getText());
            assertTrue(plan.contains("1. killPods recommender-primary (count 1)") && plan.contains("On abort:"), plan);
            assertTrue(onFx(() -> view.lookup("#drill-run").isDisabled()), "not before the name is typed");
            robot.clickOn("#drill-confirm").write("pod-kill-schedule");
            robot.clickOn("#drill-run");
            within(Duration.ofSeconds(30), "the first kill in the timeline", () -> timeline().stream()
                    .anyMatch(line -> line.contains("done") && line.contains("killPods")));
            within(Duration.ofSeconds(10), "the probes' readings drawn live as held", () -> drawn("held"));
            screenshot("drill-panel.png");
            robot.clickOn("#drill-halt");
            within(Duration.ofSeconds(60), "the verdict", () -> ((Label) view.lookup("#drill-verdict")).getText().startsWith("ABORTED"));
            assertTrue(timeline().stream().anyMatch(line -> line.contains("rollback step") && line.contains("scale recommender-primary")),
                    String.join("\n", timeline()));
            String report = onFx(() -> ((Label) view.lookup("#drill-report")).getText());
            assertTrue(report.startsWith("Report: " + home.resolve("drill-reports")), report);
            Path md = Path.of(report.substring("Report: ".length(), report.indexOf(" (")));
            assertTrue(Files.readString(md).startsWith("# Drill pod-kill-schedule: aborted"));
            screenshot("drill-panel-halted.png");
        }
    }

    /** Whether the live probe chart shows a dot in its palette's {@code paint}. */
    private boolean drawn(String paint) {
        return onFx(() -> {
            var palette = (dev.pitwall.ui.canvas.Palette) view.lookup(".drill-probes-palette");
            javafx.scene.paint.Color wanted = (javafx.scene.paint.Color) palette.paint(paint);
            var canvas = (javafx.scene.canvas.Canvas) view.lookup("#drill-probes");
            var image = canvas.snapshot(null, null);
            var pixels = image.getPixelReader();
            for (int x = 0; x < (int) image.getWidth(); x++) {
                for (int y = 0; y < (int) image.getHeight(); y++) {
                    javafx.scene.paint.Color seen = pixels.getColor(x, y);
                    if (Math.abs(seen.getRed() - wanted.getRed()) + Math.abs(seen.getGreen() - wanted.getGreen())
                            + Math.abs(seen.getBlue() - wanted.getBlue()) < 0.02) {
                        return true;
                    }
                }
            }
            return false;
        });
    }

    @SuppressWarnings("unchecked")
    private List<String> timeline() {
        return onFx(() -> List.copyOf(((ListView<String>) view.lookup("#drill-timeline")).getItems()));
    }

    private void screenshot(String name) throws Exception {
        var image = onFx(() -> view.getScene().snapshot(null));
        Path file = Path.of("target", "screenshots", name);
        Files.createDirectories(file.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    }
}
