package dev.pitwall.ui.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import dev.pitwall.kube.KubeClients;
import dev.pitwall.kube.watch.ClusterWatch;
import dev.pitwall.sandbox.Sandbox;
import dev.pitwall.sandbox.SandboxIdentity;
import dev.pitwall.sandbox.TestSandboxes;
import dev.pitwall.ui.FxWait;
import dev.pitwall.ui.Theme;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The real fleet view in a window, fed by a real watch of a sandbox through the production path
 * (kubeconfig, fabric8 informers, snapshots, feed), for TestFX tests on the Headless platform.
 */
@ExtendWith(ApplicationExtension.class)
abstract class LiveFleetTest {

    @TempDir
    Path dir;

    protected FleetViewModel model;
    protected FleetView view;
    protected Sandbox sandbox;
    private ClusterWatch watch;

    /** Puts a fresh fleet view on the primary stage (a @Start in a superclass is not seen by TestFX). */
    @BeforeEach
    void showView() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(this::start);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void start(Stage stage) {
        Theme.installUserAgent();
        model = new FleetViewModel();
        view = new FleetView(model);
        Scene scene = new Scene(view, 1000, 720); // fits the Headless platform's 1000x1000 screen
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    protected void open() {
        sandbox = TestSandboxes.start("two-active-standby", dir);
        watch = ClusterWatch.start("sandbox-viewer", KubeClients.forContext(sandbox.kubeconfig(),
                sandbox.context(SandboxIdentity.VIEWER)), new FleetFeed(model));
    }

    @AfterEach
    void close() {
        if (watch != null) {
            watch.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    protected static void within(Duration limit, String what, Callable<Boolean> condition) {
        FxWait.within(limit, what, condition);
    }

    protected static <T> T onFx(Callable<T> read) {
        return FxWait.onFx(read);
    }

    /**
     * Clicks the navigator's visible cell of a model service until the service is the one shown
     * (a TreeView keeps invisible cells holding old items, and the fleet may still be settling).
     */
    protected void clickNavigator(FxRobot robot, String service) {
        for (int attempt = 0; attempt < 10; attempt++) {
            robot.lookup(".tree-cell").match(org.testfx.util.NodeQueryUtils.isVisible())
                    .match((javafx.scene.control.TreeCell<?> c) -> c.getText() != null && c.getText().startsWith(service + "  ·"))
                    .tryQuery().ifPresent(robot::clickOn);
            try {
                within(Duration.ofSeconds(1), service + " selected", () -> model.selectedProperty().get() != null
                        && model.selectedProperty().get().service().name().equals(service));
                return;
            } catch (AssertionError notYet) {
                // the cell moved or was not drawn yet: look it up again
            }
        }
        throw new AssertionError("could not select " + service + " in the navigator");
    }
}
