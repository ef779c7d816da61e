package dev.pitwall.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import dev.pitwall.kube.config.ContextEntry;
import dev.pitwall.kube.config.KubeconfigLoader;
import dev.pitwall.sandbox.Sandbox;
import dev.pitwall.sandbox.SandboxIdentity;
import dev.pitwall.sandbox.preset.PresetReader;
import dev.pitwall.ui.FxWait;
import dev.pitwall.ui.MainWindow;
import dev.pitwall.ui.Theme;
import dev.pitwall.ui.connect.ConnectViewModel;
import dev.pitwall.ui.fleet.FleetFeed;
import dev.pitwall.ui.fleet.FleetViewModel;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/**
 * Two clusters in one window: two sandboxes, two kubeconfig files merged as KUBECONFIG merges
 * them, each context opened from the Connect view the way an operator does, watched side by
 * side; losing one marks only that one stale.
 */
@ExtendWith(ApplicationExtension.class)
class TwoContextsTest {

    @TempDir
    Path dir;

    private Sandbox alpha;
    private Sandbox bravo;
    private FleetSession session;
    private ConnectViewModel connect;
    private FleetViewModel fleet;

    @Start
    void start(Stage stage) {
        alpha = Sandbox.start(Sandbox.Options.of("alpha", PresetReader.shipped("two-active-standby"), dir.resolve("alpha")));
        bravo = Sandbox.start(Sandbox.Options.of("bravo", PresetReader.shipped("single-active"), dir.resolve("bravo")));
        Theme.installUserAgent();
        connect = new ConnectViewModel();
        connect.apply(new KubeconfigLoader().load(List.of(alpha.kubeconfig(), bravo.kubeconfig())));
        MainWindow window = new MainWindow(connect, "test");
        fleet = new FleetViewModel();
        session = new FleetSession(new FleetFeed(fleet));
        DesktopApp.wire(connect, window, fleet, session);
        Scene scene = new Scene(window.root(), 1000, 720);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        session.close();
        alpha.close();
        bravo.close();
    }

    private void openContext(FxRobot robot, String context) {
        TableView<ContextEntry> table = robot.lookup("#context-table").queryTableView();
        int row = onFx(() -> {
            for (int i = 0; i < table.getItems().size(); i++) {
                if (table.getItems().get(i).name().equals(context)) {
                    return i;
                }
            }
            throw new AssertionError(context + " is not listed");
        });
        robot.clickOn(robot.from(table).lookup(".table-row-cell").nth(row).<javafx.scene.Node>query());
        robot.clickOn("#open-context");
    }

    @Test
    void twoSandboxesShowSideBySideAndOnlyTheLostOneGoesStale(FxRobot robot) {
        String alphaContext = alpha.context(SandboxIdentity.VIEWER);
        String bravoContext = bravo.context(SandboxIdentity.VIEWER);
        assertTrue(onFx(() -> connect.contexts().stream().map(ContextEntry::name).toList())
                .containsAll(List.of(alphaContext, bravoContext)), "both files' contexts are listed");

        openContext(robot, alphaContext);
        robot.clickOn("#add-context");
        openContext(robot, bravoContext);

        within(60, "both contexts live with their model services", () -> fleet.connections().size() == 2
                && robot.lookup(".connection-live").queryAll().size() == 2
                && fleet.entries().stream().filter(e -> e.context().equals(alphaContext)).count() == 3
                && fleet.entries().stream().filter(e -> e.context().equals(bravoContext)).count() == 2);
        assertEquals(List.of(alphaContext, bravoContext), onFx(() -> robot.lookup("#navigator").queryAs(javafx.scene.control.TreeView.class)
                .getRoot().getChildren().stream().map(item -> String.valueOf(((javafx.scene.control.TreeItem<?>) item).getValue())).toList()));
        assertTrue(onFx(() -> robot.lookup("#status-bar").queryAs(org.controlsfx.control.StatusBar.class).getText())
                .startsWith("2 contexts (2 live)"));

        bravo.close();
        within(2, "bravo marked stale, alpha still live", () -> robot.lookup("#connection-" + bravoContext).queryLabeled()
                .getStyleClass().contains("connection-stale")
                && robot.lookup("#connection-" + alphaContext).queryLabeled().getStyleClass().contains("connection-live"));
    }

    private static void within(long seconds, String what, java.util.concurrent.Callable<Boolean> condition) {
        FxWait.within(java.time.Duration.ofSeconds(seconds), what, condition);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) {
        return FxWait.onFx(read);
    }
}
