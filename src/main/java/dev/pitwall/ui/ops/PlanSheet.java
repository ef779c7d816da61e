package dev.pitwall.ui.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.pitwall.guard.Confirmation;
import dev.pitwall.guard.Decision;
import dev.pitwall.ops.Executor;
import dev.pitwall.ops.OperationKind;
import dev.pitwall.ops.Plan;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * An operation's plan shown over the fleet view before anything is sent: what it does, where, to
 * what, at what risk, what the server's dry run said, and the confirmation the policy asks for
 * (a click, or the target's name typed). Once confirmed it shows each step's progress live, with
 * Abort, and the outcome. The network is only touched off the JavaFX thread.
 */
public final class PlanSheet extends StackPane {

    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass DONE = PseudoClass.getPseudoClass("done");

    private final VBox card = new VBox();
    private final Label title = new Label();
    private final VBox body = new VBox();
    private final HBox buttons = new HBox();
    private final AtomicBoolean abort = new AtomicBoolean();
    private boolean running;

    public PlanSheet() {
        getStyleClass().add("plan-scrim");
        setId("plan-sheet");
        card.getStyleClass().add("plan-sheet");
        title.getStyleClass().add("plan-title");
        title.setId("plan-title");
        title.setWrapText(true);
        body.getStyleClass().add("plan-body");
        buttons.getStyleClass().add("plan-buttons");
        buttons.setAlignment(Pos.CENTER_RIGHT);
        card.getChildren().addAll(title, body, buttons);
        card.setMaxWidth(640);
        card.setMaxHeight(Region.USE_PREF_SIZE);
        getChildren().add(card);
        setVisible(false);
        setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ESCAPE && !running) {
                close();
                event.consume();
            }
        });
    }

    /**
     * The option that asks for a recommended plan to run without a human, where the policy allows
     * it; elsewhere the plan is shown and waits for its confirmation as any other.
     */
    public static final String AUTOMATIC = "automatic";

    /** Plans {@code kind} on the Deployment in view and shows the plan. */
    public void open(ActionsViewModel model, OperationKind kind, Map<String, String> options) {
        if (running || (options.containsKey(AUTOMATIC) && isVisible())) {
            return; // never over a running operation, nor over a plan the operator is reading
        }
        ActionsViewModel.Subject subject = model.subjectProperty().get();
        OperationsPort port = model.port();
        Decision decision = model.decision(kind).get();
        if (subject == null || port == null || (decision != null && !decision.allowed())) {
            return; // a decision still being asked is asked again by the plan itself
        }
        if (!options.containsKey(AUTOMATIC)) {
            open(port, subject.namespace(), subject.targetOf(kind), kind, options, decision);
            return;
        }
        // a recommendation: shown and run only where the policy lets it run without a human; elsewhere nothing opens
        Thread.ofVirtual().name("automatic-" + kind.id()).start(() -> {
            boolean allowed;
            try {
                allowed = port.automatic(kind);
            } catch (RuntimeException e) {
                allowed = false;
            }
            if (allowed) {
                Platform.runLater(() -> {
                    if (!running && !isVisible()) {
                        open(port, subject.namespace(), subject.targetOf(kind), kind, options, decision);
                    }
                });
            }
        });
    }

    /**
     * Plans {@code kind} on a Deployment and shows the plan; {@code decision} is the guard's word
     * already asked, or null to ask it now (off the JavaFX thread).
     */
    public void open(OperationsPort port, String namespace, String deployment, OperationKind kind, Map<String, String> options,
                     Decision known) {
        abort.set(false);
        running = false;
        title.setText("Planning " + kind.id() + " of " + deployment + "…");
        body.getChildren().setAll(line("plan-status", "Reading " + deployment + (kind.movesTraffic() ? " and its tracks' traffic" : "")
                + " and asking the server for a dry run…"));
        buttons.getChildren().setAll(button("plan-cancel", "Cancel", this::close));
        setVisible(true);
        requestFocus();
        Thread.ofVirtual().name("plan-" + kind.id()).start(() -> {
            try {
                Decision decision = known != null ? known : port.decide(kind, namespace, deployment);
                if (!decision.allowed()) {
                    Platform.runLater(() -> fail(kind.id() + " is not allowed: " + decision.reason()));
                    return;
                }
                boolean automatic = options.containsKey(AUTOMATIC) && port.automatic(kind); // asked again: the policy may have changed
                Map<String, String> planned = new java.util.HashMap<>(options);
                planned.remove(AUTOMATIC);
                Plan plan = port.plan(kind, namespace, deployment, planned);
                Decision reviewed = port.review(plan);
                String held = reviewed.allowed() ? port.heldBy(plan) : "Not allowed: " + reviewed.reason();
                Platform.runLater(() -> showPlan(port, plan, decision, held, automatic));
            } catch (RuntimeException e) {
                Platform.runLater(() -> fail("Cannot plan " + kind.id() + ": " + e.getMessage()));
            }
        });
    }

    private void showPlan(OperationsPort port, Plan plan, Decision decision, String held, boolean automatic) {
        title.setText(plan.summary());
        List<javafx.scene.Node> lines = new ArrayList<>();
        lines.add(field("Target", plan.target().describe()));
        lines.add(field("Environment", decision.environment()));
        lines.add(field("You are", decision.role().id()));
        lines.add(field("Risk", plan.risk().name().toLowerCase(Locale.ROOT)));
        lines.add(field("Touches", String.join(", ", plan.touches())));
        if (!plan.checks().isEmpty()) {
            Label checksTitle = new Label("Pre-flight");
            checksTitle.getStyleClass().add("plan-section");
            lines.add(checksTitle);
            for (int i = 0; i < plan.checks().size(); i++) {
                lines.add(line("plan-check-" + i, plan.checks().get(i)));
            }
        }
        Label stepsTitle = new Label("Steps");
        stepsTitle.getStyleClass().add("plan-section");
        lines.add(stepsTitle);
        for (int i = 0; i < plan.steps().size(); i++) {
            Label step = line("plan-step-" + i, (i + 1) + ". " + plan.steps().get(i).description());
            step.getStyleClass().add("plan-step");
            lines.add(step);
        }
        Label dryTitle = new Label("Server dry run");
        dryTitle.getStyleClass().add("plan-section");
        lines.add(dryTitle);
        plan.dryRun().forEach(answer -> lines.add(line(null, answer)));
        if (held != null) {
            Label refusal = line("plan-held", held);
            refusal.pseudoClassStateChanged(FAILED, true);
            lines.add(refusal);
        }
        body.getChildren().setAll(lines);
        String[] approver = {""};
        Button run = button("plan-run", "Run", () -> run(port, plan, decision.confirmation(), approver[0], false));
        run.setDefaultButton(true);
        List<javafx.scene.Node> controls = new ArrayList<>();
        if (held != null || plan.dryRun().stream().anyMatch(answer -> answer.contains(": refused"))) {
            run.setDisable(true);
        } else if (decision.confirmation() == Confirmation.TYPE_NAME) {
            TextField name = new TextField();
            name.setId("plan-confirm-name");
            name.setPromptText("type " + plan.confirmName() + " to confirm");
            run.disableProperty().bind(name.textProperty().isNotEqualTo(plan.confirmName()));
            HBox.setHgrow(name, Priority.ALWAYS);
            controls.add(name);
            Platform.runLater(name::requestFocus);
        } else if (decision.confirmation() == Confirmation.TWO_PERSON) {
            run.setDisable(true);
            Label approval = line("plan-approval", "The policy asks a second person's approval here.");
            body.getChildren().add(approval);
            Button ask = button("plan-request-approval", "Request approval", () -> { });
            ask.setOnAction(event -> {
                ask.setDisable(true);
                approval.setText("Asking for approval…");
                Thread.ofVirtual().name("approval-" + plan.id()).start(() -> {
                    try {
                        var request = port.requestApproval(plan);
                        Platform.runLater(() -> approval.setText("Waiting for approval " + request.id().substring(0, 8) + " (until "
                                + request.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "). A second person approves"
                                + " it from their Pitwall or with: pitwall approvals approve " + request.id().substring(0, 8)
                                + " --context <their context>"));
                        String by = port.awaitApproval(request, plan, abort::get);
                        Platform.runLater(() -> {
                            approver[0] = by;
                            approval.setText("Approved by " + by + ". Run it when ready.");
                            approval.pseudoClassStateChanged(DONE, true);
                            run.setDisable(false);
                        });
                    } catch (RuntimeException e) {
                        Platform.runLater(() -> {
                            approval.setText("Not approved: " + e.getMessage());
                            approval.pseudoClassStateChanged(FAILED, true);
                        });
                    }
                });
            });
            controls.add(ask);
        }
        controls.add(button("plan-cancel", "Cancel", this::close));
        controls.add(run);
        buttons.getChildren().setAll(controls);
        boolean runnable = held == null && plan.dryRun().stream().noneMatch(answer -> answer.contains(": refused"));
        if (automatic && runnable) {
            run(port, plan, decision.confirmation(), "", true);
        }
    }

    private void run(OperationsPort port, Plan plan, Confirmation confirmation, String approver, boolean automatic) {
        running = true;
        title.setText(plan.summary() + (automatic ? ": running without a human, as the policy allows" : ": running"));
        Label outcome = line("plan-outcome", "Running…");
        body.getChildren().add(outcome);
        buttons.getChildren().setAll(button("plan-abort", "Abort", () -> {
            abort.set(true);
            outcome.setText("Aborting after the current request…");
        }));
        String[] recovery = {""};
        Thread.ofVirtual().name("run-" + plan.id()).start(() -> {
            String result;
            try {
                Executor.Progress progress = (step, status) -> {
                    int at = status.lastIndexOf("recovery time ");
                    if (at >= 0) {
                        recovery[0] = " Recovery time: " + status.substring(at + "recovery time ".length()) + ", from Run to verified.";
                    }
                    Platform.runLater(() -> body.getChildren().stream()
                            .filter(node -> ("plan-step-" + step).equals(node.getId())).findFirst()
                            .ifPresent(node -> ((Label) node).setText((step + 1) + ". " + plan.steps().get(step).description() + "  —  "
                                    + status)));
                };
                result = automatic ? port.runAutomatically(plan, progress, abort::get)
                        : port.run(plan, confirmation, approver, progress, abort::get);
            } catch (RuntimeException e) {
                result = "failed: " + e.getMessage();
            }
            String finished = result;
            Platform.runLater(() -> {
                running = false;
                boolean done = finished.equals("done");
                title.setText(plan.summary() + (done ? ": done" : ": not done"));
                outcome.setText((done ? "Done (operation " + plan.id() + ")." : "Not done: " + finished + " (operation " + plan.id() + ").")
                        + recovery[0]);
                outcome.pseudoClassStateChanged(done ? DONE : FAILED, true);
                buttons.getChildren().setAll(button("plan-close", "Close", this::close));
            });
        });
    }

    private void fail(String message) {
        Label problem = line("plan-outcome", message);
        problem.pseudoClassStateChanged(FAILED, true);
        body.getChildren().setAll(problem);
        buttons.getChildren().setAll(button("plan-close", "Close", this::close));
    }

    public void close() {
        if (!running) {
            abort.set(true); // stops waiting for an approval
            setVisible(false);
        }
    }

    public boolean running() {
        return running;
    }

    private static HBox field(String name, String value) {
        Label key = new Label(name);
        key.getStyleClass().add("plan-key");
        key.setMinWidth(110);
        Label text = new Label(value);
        text.setWrapText(true);
        HBox row = new HBox(key, text);
        row.getStyleClass().add("plan-field");
        return row;
    }

    private static Label line(String id, String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.getStyleClass().add("plan-line");
        if (id != null) {
            label.setId(id);
        }
        return label;
    }

    private static Button button(String id, String text, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(event -> action.run());
        return button;
    }
}
