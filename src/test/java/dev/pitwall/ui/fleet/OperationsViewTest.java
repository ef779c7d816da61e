package dev.pitwall.ui.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import dev.pitwall.app.ops.OperationsAdapter;
import dev.pitwall.kube.KubeClients;
import dev.pitwall.kube.watch.ClusterWatch;
import dev.pitwall.sandbox.SandboxIdentity;
import dev.pitwall.sandbox.TestSandboxes;
import dev.pitwall.sandbox.apiserver.RequestRecord;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;

/**
 * Operations from the model-service view, against the sandbox and its identities: what the guard
 * and Kubernetes RBAC refuse is shown disabled with the reason, and each confirmation tier of the
 * policy behaves as it says before anything is sent.
 */
class OperationsViewTest extends LiveFleetTest {

    private final List<RequestRecord> mutating = new CopyOnWriteArrayList<>();
    private ClusterWatch operatorWatch;
    private KubernetesClient lead;

    private void open(SandboxIdentity identity, String policyFile) throws Exception {
        System.setProperty("pitwall.home", dir.resolve("home").toString());
        sandbox = TestSandboxes.start("two-active-standby", dir);
        sandbox.apiServer().addObserver(request -> {
            if (request.mutating() && !request.user().equals(SandboxIdentity.CONTROLLERS.userName())) {
                mutating.add(request);
            }
        });
        lead = TestSandboxes.client(sandbox, SandboxIdentity.LEAD);
        TestSandboxes.awaitSteady(sandbox, lead);
        String context = sandbox.context(identity);
        Path policy = policyFile == null ? null : Path.of(getClass().getResource("testdata/" + policyFile).toURI());
        onFx(() -> {
            view.actions().setPorts(name -> name.equals(context) ? new OperationsAdapter(List.of(sandbox.kubeconfig()), name, policy) : null);
            return null;
        });
        operatorWatch = ClusterWatch.start(context, KubeClients.forContext(sandbox.kubeconfig(), context), new dev.pitwall.ui.fleet.FleetFeed(model));
    }

    @AfterEach
    void closeWatch() {
        if (operatorWatch != null) {
            operatorWatch.close();
        }
        if (lead != null) {
            lead.close();
        }
        System.clearProperty("pitwall.home");
    }

    /**
     * A restart that dies once its template patch is done (as Pitwall killed mid-way would), then
     * the window started again: its id.
     */
    private String interruptedRestart(String deployment) throws Exception {
        String id;
        try (var operations = dev.pitwall.app.ops.Operations.open(List.of(sandbox.kubeconfig()),
                sandbox.context(SandboxIdentity.OPERATOR), null)) {
            var plan = operations.planner().restart("models", deployment);
            id = plan.id();
            try {
                operations.executor().run(plan, "click", "", (step, status) -> {
                    if (step == 1) {
                        throw new IllegalStateException("killed");
                    }
                }, () -> false);
            } catch (IllegalStateException expected) {
                // the process "died" here
            }
        }
        onFx(() -> {
            view.interrupted().load(dev.pitwall.app.ops.Operations::interrupted, view.actions()::portFor);
            return null;
        });
        return id;
    }

    private void showService(FxRobot robot, String service) {
        within(Duration.ofSeconds(30), "the fleet shown", () -> !model.entries().isEmpty());
        clickNavigator(robot, service);
        within(Duration.ofSeconds(15), "the guard's decisions", () -> view.actions()
                .decision(dev.pitwall.ops.OperationKind.RESTART).get() != null);
    }

    private String text(FxRobot robot, String id) {
        return onFx(() -> robot.lookup("#" + id).queryAs(Label.class).getText());
    }

    private boolean disabled(FxRobot robot, String id) {
        return onFx(() -> robot.lookup("#" + id).query().isDisabled());
    }

    private void screenshot(FxRobot robot, String name) throws Exception {
        var image = onFx(() -> view.getScene().snapshot(null));
        Path file = Path.of("target", "screenshots", name);
        Files.createDirectories(file.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    }

    @Test
    void theViewerSeesEveryOperationDisabledWithTheReasonAndSendsNothing(FxRobot robot) throws Exception {
        open(SandboxIdentity.VIEWER, null);
        showService(robot, "fraud-detector");
        for (var kind : dev.pitwall.ops.OperationKind.values()) {
            assertTrue(disabled(robot, "action-" + kind.id()), kind + " is disabled for the viewer");
        }
        assertTrue(text(robot, "action-status").contains("viewer is a viewer; restart in development needs the role operator"),
                text(robot, "action-status"));
        robot.clickOn("#action-restart");
        robot.type(javafx.scene.input.KeyCode.ENTER);
        assertFalse(onFx(() -> robot.lookup("#plan-sheet").query().isVisible()), "no plan is offered");
        assertEquals(List.of(), mutating.stream().filter(r -> r.user().equals("viewer")).toList());
    }

    @Test
    void anIdentityRbacDeniesSeesRestartDisabledWithThatReason(FxRobot robot) throws Exception {
        open(SandboxIdentity.VIEWER, "viewers-as-operators-policy.yaml");
        showService(robot, "fraud-detector");
        assertTrue(disabled(robot, "action-restart"));
        String status = text(robot, "action-status");
        assertTrue(status.contains("Kubernetes RBAC does not allow viewer to patch deployments in models"), status);
        // the policy calls every sandbox context production: the red banner says so
        assertTrue(onFx(() -> robot.lookup("#production-banner").query().isVisible()));
        screenshot(robot, "operations-rbac-denied.png");
        assertEquals(List.of(), mutating.stream().filter(r -> r.user().equals("viewer")).toList());
    }

    @Test
    void eachConfirmationTierBehavesAsThePolicySays(FxRobot robot) throws Exception {
        open(SandboxIdentity.OPERATOR, "tiers-policy.yaml");
        showService(robot, "recommender");
        within(Duration.ofSeconds(15), "restart offered", () -> !disabled(robot, "action-restart"));

        // click: the plan first, nothing sent until Run
        int before = mutating.size();
        robot.clickOn("#action-restart");
        within(Duration.ofSeconds(15), "the restart plan", () -> robot.lookup("#plan-run").tryQuery().isPresent());
        assertTrue(onFx(() -> robot.lookup("#plan-title").queryAs(Label.class).getText()).startsWith("Restart every pod of recommender-primary"));
        screenshot(robot, "operations-plan.png");
        assertTrue(mutating.subList(before, mutating.size()).stream().allMatch(r -> r.path().contains("/deployments/")
                && r.method().equals("PATCH")), "only the dry run was sent before Run");
        robot.clickOn("#plan-run");
        within(Duration.ofSeconds(60), "the restart done", () -> text(robot, "plan-outcome").startsWith("Done"));
        Deployment restarted = lead.apps().deployments().inNamespace("models").withName("recommender-primary").get();
        assertTrue(restarted.getSpec().getTemplate().getMetadata().getAnnotations().containsKey("kubectl.kubernetes.io/restartedAt"));
        robot.clickOn("#plan-close");

        // type the name: Run stays disabled until the target's name is typed exactly
        onFx(() -> {
            robot.lookup("#action-replicas").queryAs(javafx.scene.control.Spinner.class).getValueFactory().setValue(3);
            return null;
        });
        robot.clickOn("#action-scale");
        within(Duration.ofSeconds(15), "the scale plan", () -> robot.lookup("#plan-confirm-name").tryQuery().isPresent());
        assertTrue(disabled(robot, "plan-run"));
        robot.clickOn("#plan-confirm-name").write("recommender");
        assertTrue(disabled(robot, "plan-run"), "a partial name does not confirm");
        robot.write("-primary");
        assertFalse(disabled(robot, "plan-run"));
        robot.clickOn("#plan-run");
        within(Duration.ofSeconds(60), "the scale done", () -> text(robot, "plan-outcome").startsWith("Done"));
        assertEquals(3, lead.apps().deployments().inNamespace("models").withName("recommender-primary").get().getSpec().getReplicas());
        robot.clickOn("#plan-close");

        // a second person: not runnable until another identity with the policy's role approves
        int podsBefore = lead.pods().inNamespace("models").withLabel("app.kubernetes.io/name", "recommender").list().getItems().size();
        robot.clickOn("#action-kill-pods");
        within(Duration.ofSeconds(15), "the kill plan", () -> robot.lookup("#plan-request-approval").tryQuery().isPresent());
        assertTrue(disabled(robot, "plan-run"));
        robot.clickOn("#plan-request-approval");
        within(Duration.ofSeconds(15), "the approval requested", () -> text(robot, "plan-approval").startsWith("Waiting for approval"));
        String id = text(robot, "plan-approval").substring("Waiting for approval ".length(), "Waiting for approval ".length() + 8);
        screenshot(robot, "operations-awaiting-approval.png");
        assertTrue(disabled(robot, "plan-run"));
        Path policy = Path.of(getClass().getResource("testdata/tiers-policy.yaml").toURI());
        int self = dev.pitwall.app.Main.commandLine().execute("approvals", "approve", id, "--context", sandbox.context(SandboxIdentity.OPERATOR),
                "--kubeconfig", sandbox.kubeconfig().toString(), "--policy", policy.toString());
        assertEquals(4, self, "the requester cannot approve their own request");
        assertTrue(disabled(robot, "plan-run"));
        int approved = dev.pitwall.app.Main.commandLine().execute("approvals", "approve", id, "--context", sandbox.context(SandboxIdentity.LEAD),
                "--kubeconfig", sandbox.kubeconfig().toString(), "--policy", policy.toString());
        assertEquals(0, approved);
        within(Duration.ofSeconds(15), "the approval shown", () -> text(robot, "plan-approval").startsWith("Approved by lead"));
        assertFalse(disabled(robot, "plan-run"));
        robot.clickOn("#plan-run");
        within(Duration.ofSeconds(30), "the pod killed", () -> text(robot, "plan-outcome").startsWith("Done"));
        TestSandboxes.await(Duration.ofSeconds(30), "the killed pod replaced", () -> lead.pods().inNamespace("models")
                .withLabel("app.kubernetes.io/name", "recommender").list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).count() == podsBefore);
    }

    @Test
    void anOperationInterruptedMidWayIsShownAtStartAndResumesFromTheWindow(FxRobot robot) throws Exception {
        open(SandboxIdentity.OPERATOR, null);
        String id = interruptedRestart("sentiment-primary");
        within(Duration.ofSeconds(10), "the interrupted restart shown", () -> robot.lookup("#resume-" + id).tryQuery().isPresent());
        assertTrue(onFx(() -> robot.lookup(".interrupted-text").queryAs(Label.class).getText())
                .contains("Interrupted: Restart every pod of sentiment-primary"));
        screenshot(robot, "operations-interrupted.png");
        robot.clickOn("#resume-" + id);
        within(Duration.ofSeconds(60), "resumed to the end", () -> !robot.lookup("#interrupted-bar").query().isVisible());
        Deployment restarted = lead.apps().deployments().inNamespace("models").withName("sentiment-primary").get();
        assertEquals(restarted.getSpec().getReplicas(), restarted.getStatus().getUpdatedReplicas());
        assertEquals(restarted.getSpec().getReplicas(), restarted.getStatus().getAvailableReplicas());
        assertTrue(dev.pitwall.app.ops.Operations.localJournal().operations().stream()
                .anyMatch(op -> op.plan().id().equals(id) && op.outcome().equals("done")));
    }

    @Test
    void anInterruptedOperationCanBeRolledBackInsteadThroughItsPlan(FxRobot robot) throws Exception {
        open(SandboxIdentity.OPERATOR, null);
        String id = interruptedRestart("fraud-detector-primary");
        within(Duration.ofSeconds(10), "the interrupted restart shown", () -> robot.lookup("#rollback-" + id).tryQuery().isPresent());
        robot.clickOn("#rollback-" + id);
        within(Duration.ofSeconds(15), "the rollback's plan", () -> robot.lookup("#plan-run").tryQuery().isPresent());
        assertTrue(onFx(() -> robot.lookup("#plan-title").queryAs(Label.class).getText()).startsWith("Roll fraud-detector-primary back to revision 1"));
        robot.clickOn("#plan-run");
        within(Duration.ofSeconds(60), "rolled back", () -> text(robot, "plan-outcome").startsWith("Done"));
        Deployment back = lead.apps().deployments().inNamespace("models").withName("fraud-detector-primary").get();
        var annotations = back.getSpec().getTemplate().getMetadata().getAnnotations();
        assertTrue(annotations == null || !annotations.containsKey("kubectl.kubernetes.io/restartedAt"), "the restart is undone");
        assertTrue(dev.pitwall.app.ops.Operations.localJournal().operations().stream()
                .anyMatch(op -> op.plan().id().equals(id) && op.outcome().startsWith("aborted")));
    }
}
