package dev.pitwall.app;

import static dev.pitwall.ui.FxWait.onFx;
import static dev.pitwall.ui.FxWait.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import dev.pitwall.fleet.Track;
import dev.pitwall.ops.OperationKind;
import dev.pitwall.sandbox.Kubectl;
import dev.pitwall.sandbox.Sandbox;
import dev.pitwall.sandbox.SandboxIdentity;
import dev.pitwall.sandbox.TestSandboxes;
import dev.pitwall.sandbox.dataplane.LoadGenerator;
import dev.pitwall.ui.fleet.FleetView;
import dev.pitwall.ui.fleet.FleetViewModel;
import io.vertx.core.Vertx;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

/**
 * The whole failover flow from the model-service view, through the production wiring, against the
 * sandbox under load: the primary turns bad, Pitwall recommends failing over, one keystroke opens
 * the plan with its pre-flight checks, the operator confirms, the run shows its recovery time, and
 * the weights Pitwall then shows are the ones {@code kubectl get httproute -o yaml} shows.
 */
@ExtendWith(ApplicationExtension.class)
class FailoverViewTest {

    @TempDir
    Path dir;

    private FleetSession session;
    private FleetViewModel fleet;
    private FleetView view;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private Stage stage;

    /** The window, wired as the application wires it, with a policy file (null: the shipped one). */
    private void window(Path policy) {
        TestWindow.Wired window = TestWindow.wire(stage, policy);
        fleet = window.fleet();
        session = window.session();
        view = window.view();
        view.traffic().setAdviseAfter(Duration.ofSeconds(3));
    }

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
        System.clearProperty("pitwall.home");
    }

    /** A sandbox under load with fraud-detector in view; the primary then starts failing 30 % of its requests. */
    private void breachingPrimary(Sandbox sandbox, io.fabric8.kubernetes.client.KubernetesClient lead) throws Exception {
        TestSandboxes.awaitSteady(sandbox, lead);
        session.open(List.of(sandbox.kubeconfig()), sandbox.context(SandboxIdentity.OPERATOR)).get();
        within(Duration.ofSeconds(20), "the fleet shows fraud-detector", () -> fleet.entries().stream()
                .anyMatch(entry -> entry.service().name().equals("fraud-detector")));
        onFx(() -> {
            fleet.select(fleet.entries().stream().filter(e -> e.service().name().equals("fraud-detector")).findFirst()
                    .orElseThrow().key());
            view.show(FleetView.View.SERVICE);
            return null;
        });
        within(Duration.ofSeconds(15), "failover offered", () -> view.actions().decision(OperationKind.FAILOVER).get() != null
                && view.actions().decision(OperationKind.FAILOVER).get().allowed());
        assertTrue(onFx(() -> !view.lookup("#failover-advice").isVisible()), "no advice while the primary is healthy");
        lead.apps().deployments().inNamespace("models").withName("fraud-detector-primary").edit(d -> {
            d.getSpec().getTemplate().getMetadata().getAnnotations().put("sandbox.pitwall.dev/error-rate", "0.3");
            return d;
        });
        within(Duration.ofSeconds(60), "the failover recommendation", () -> view.lookup("#failover-advice").isVisible());
        String advice = onFx(() -> ((Label) view.lookup("#failover-advice-text")).getText());
        assertTrue(advice.startsWith("Recommended: fail fraud-detector over to its standby. fraud-detector-primary has been"
                + " out of its objective"), advice);
    }

    @Test
    void aBreachingPrimaryIsFailedOverFromTheRecommendationWithThePlanShownAndConfirmed(FxRobot robot) throws Exception {
        withBreachingPrimary(null, sandbox -> {
            Thread.sleep(2000);
            assertTrue(onFx(() -> !view.lookup("#plan-sheet").isVisible()), "the shipped policy runs nothing without a human");

            // one keystroke: the plan, with its pre-flight checks, nothing sent yet
            robot.clickOn("#track-table");
            robot.type(KeyCode.F);
            within(Duration.ofSeconds(20), "the failover plan", () -> view.lookup("#plan-run") != null
                    && view.lookup("#plan-run").isVisible());
            String checks = onFx(() -> view.lookupAll(".plan-line").stream().map(node -> ((Label) node).getText())
                    .filter(text -> text != null).collect(Collectors.joining("\n")));
            assertTrue(checks.contains("Standby fraud-detector-standby: 1 of 1 replicas ready"), checks);
            assertTrue(checks.contains("Capacity of the standby: 1 ready × 200 req/s per pod"), checks);
            assertTrue(checks.contains("No other operation holds fraud-detector"), checks);
            assertTrue(onFx(() -> ((Label) view.lookup("#plan-title")).getText()).startsWith("Fail fraud-detector over to its standby"));
            assertEquals("100 0", weights(sandbox), "nothing moved before Run");
            screenshot("failover-plan.png");

            robot.clickOn("#plan-run"); // development: a click confirms it
            within(Duration.ofSeconds(60), "the failover done", () -> ((Label) view.lookup("#plan-outcome")).getText()
                    .startsWith("Done"));
            String outcome = onFx(() -> ((Label) view.lookup("#plan-outcome")).getText());
            assertTrue(outcome.matches(".*Recovery time: [0-9]+ ms, from Run to verified\\."), outcome);
            screenshot("failover-done.png");
            robot.clickOn("#plan-close");
            assertShownAsTheClusterHoldsIt(sandbox);
            assertEquals("click", confirmation());
        });
    }

    @Test
    void wherethePolicyAllowsItARecommendedFailoverRunsWithoutAHumanAndSaysSo() throws Exception {
        withBreachingPrimary(Path.of(getClass().getResource("testdata/automatic-failover-policy.yaml").toURI()), sandbox -> {
            within(Duration.ofSeconds(30), "the failover run by itself", () -> view.lookup("#plan-outcome") != null
                    && ((Label) view.lookup("#plan-outcome")).getText().startsWith("Done"));
            String title = onFx(() -> ((Label) view.lookup("#plan-title")).getText());
            assertTrue(title.startsWith("Fail fraud-detector over to its standby"), title);
            assertShownAsTheClusterHoldsIt(sandbox);
            assertEquals("automatic (policy, development)", confirmation());
        });
    }

    /** What a test does once the primary breaches. */
    private interface WhileBreaching {
        void run(Sandbox sandbox) throws Exception;
    }

    /** The window with {@code policy}, the sandbox under load, fraud-detector in view and its primary breaching; then {@code then}. */
    private void withBreachingPrimary(Path policy, WhileBreaching then) throws Exception {
        System.setProperty("pitwall.home", dir.resolve("home").toString());
        window(policy);
        Vertx vertx = Vertx.vertx();
        try (Sandbox sandbox = TestSandboxes.start("two-active-standby", dir);
             var lead = TestSandboxes.client(sandbox, SandboxIdentity.LEAD);
             LoadGenerator load = LoadGenerator.start(vertx, sandbox.dataPlane().gatewayUrls().get("fraud-detector"), "fraud-detector",
                     150)) {
            breachingPrimary(sandbox, lead);
            then.run(sandbox);
        } finally {
            vertx.close();
        }
    }

    /** What Pitwall shows is what the cluster holds: all on the standby, and no advice any more. */
    private void assertShownAsTheClusterHoldsIt(Sandbox sandbox) {
        assertEquals("0 100", weights(sandbox));
        within(Duration.ofSeconds(5), "the tracks' weights shown", () -> fleet.tracks().stream()
                .map(Track::weight).toList().equals(List.of(0, 100)));
        within(Duration.ofSeconds(5), "the advice gone", () -> !view.lookup("#failover-advice").isVisible());
    }

    /** How the last operation was confirmed, as its journal record says. */
    private String confirmation() {
        return dev.pitwall.app.ops.Operations.localJournal().audit().read().stream()
                .filter(record -> record.path("event").asString("").equals("planned")).reduce((a, b) -> b).orElseThrow()
                .path("confirmation").asString("");
    }

    private static String weights(Sandbox sandbox) {
        String yaml = new Kubectl(sandbox.kubeconfig()).run("--context", sandbox.context(SandboxIdentity.VIEWER), "get", "httproute",
                "fraud-detector", "-n", "models", "-o", "yaml").assertOk().out();
        return yaml.lines().filter(line -> line.trim().startsWith("weight:")).map(line -> line.trim().substring("weight:".length()).trim())
                .collect(Collectors.joining(" "));
    }

    private void screenshot(String name) throws Exception {
        var image = onFx(() -> view.getScene().snapshot(null));
        Path file = Path.of("target", "screenshots", name);
        Files.createDirectories(file.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    }
}
