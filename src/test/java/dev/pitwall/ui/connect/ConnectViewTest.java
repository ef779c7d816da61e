package dev.pitwall.ui.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import dev.pitwall.kube.config.ContextEntry;
import dev.pitwall.kube.config.KubeconfigLoader;
import dev.pitwall.kube.config.Testdata;
import dev.pitwall.ui.MainWindow;
import dev.pitwall.ui.Theme;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the real Connect view inside the real main window on JavaFX's Headless platform. */
@ExtendWith(ApplicationExtension.class)
class ConnectViewTest {

    private ConnectViewModel model;

    @Start
    void start(Stage stage) {
        Theme.installUserAgent();
        model = new ConnectViewModel();
        stage.setScene(new MainWindow(model, "test").createScene());
        stage.show();
    }

    private void load(Path... files) {
        var summary = new KubeconfigLoader().load(List.of(files));
        WaitForAsyncUtils.asyncFx(() -> model.apply(summary));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void listsTheContextsWithTheCurrentOneMarked(FxRobot robot) {
        load(Testdata.file("fleet.yaml"), Testdata.file("team.yaml"));

        TableView<ContextEntry> table = robot.lookup("#context-table").queryTableView();
        assertEquals(List.of("prod-eu", "staging", "dev"), table.getItems().stream().map(ContextEntry::name).toList());
        List<String> shown = visibleTexts(robot);
        assertTrue(shown.contains("https://prod-eu.example.test:6443"), shown.toString());
        assertTrue(shown.contains("sre-alice"), shown.toString());
        assertTrue(shown.contains("models"), shown.toString());
        assertEquals(1, robot.lookup(".table-row-cell:current").queryAll().size(), "exactly one row marked current");
        Labeled currentMarker = robot.lookup(".table-row-cell:current .table-cell").queryLabeled();
        assertEquals("●", currentMarker.getText());
        assertFalse(robot.lookup("#kubeconfig-problems").query().isVisible(), "no problems, no problem box");
        assertTrue(shown.contains("3 contexts from 2 kubeconfig files"), shown.toString());
    }

    @Test
    void malformedFileIsReportedByNameWhileTheOthersStillLoad(FxRobot robot) {
        Path malformed = Testdata.file("malformed.yaml");
        load(malformed, Testdata.file("team.yaml"));

        TableView<ContextEntry> table = robot.lookup("#context-table").queryTableView();
        assertEquals(2, table.getItems().size(), "team.yaml's contexts still listed");
        Node problems = robot.lookup("#kubeconfig-problems").query();
        assertTrue(problems.isVisible());
        String problemText = robot.from(problems).lookup(".problem").queryAllAs(Label.class).stream()
                .map(Label::getText).collect(Collectors.joining("\n"));
        assertTrue(problemText.contains(malformed.toString()), problemText);
        assertTrue(problemText.contains("line 7"), problemText);
        assertTrue(visibleTexts(robot).contains("2 contexts from 1 kubeconfig file · 1 problem"), visibleTexts(robot).toString());
    }

    @Test
    void missingKubeconfigShowsHowToConnectAndThatTheSandboxIsTheDefault(FxRobot robot) {
        load(Path.of("/nonexistent/pitwall-test/config"));

        Label empty = robot.lookup("#connect-empty").queryAs(Label.class);
        assertTrue(empty.isVisible());
        assertTrue(empty.getText().startsWith("No kubeconfig found (looked for /nonexistent/pitwall-test/config)"),
                empty.getText());
        assertTrue(empty.getText().contains("set KUBECONFIG"), empty.getText());
        assertTrue(empty.getText().contains("sandbox"), empty.getText());
    }

    @Test
    void contextsCanBeBrowsedWithTheKeyboard(FxRobot robot) {
        load(Testdata.file("fleet.yaml"), Testdata.file("team.yaml"));
        TableView<ContextEntry> table = robot.lookup("#context-table").queryTableView();

        robot.clickOn(table).type(KeyCode.HOME).type(KeyCode.DOWN, 2);

        assertEquals("dev", table.getSelectionModel().getSelectedItem().name());
    }

    @Test
    void noSecretIsEverShown(FxRobot robot) {
        load(Testdata.file("fleet.yaml"));
        String everything = String.join("\n", visibleTexts(robot));
        assertFalse(everything.contains("SECRET-TOKEN"));
        assertFalse(everything.contains("U0VDUkVULUtFWS1ib2I="));
    }

    private static List<String> visibleTexts(FxRobot robot) {
        return robot.lookup((Node node) -> node instanceof Labeled && node.isVisible()).queryAllAs(Labeled.class)
                .stream().map(Labeled::getText).filter(text -> text != null && !text.isEmpty()).toList();
    }
}
