package dev.pitwall.ui.ops;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The operations the journal shows as interrupted (Pitwall died or was killed mid-way), at the top
 * of the window when it starts: what each did and how far it got, with Resume (from the first step
 * not done) for the contexts that are open.
 */
public final class InterruptedBar extends VBox {

    /** An interrupted operation as the journal tells it. */
    /**
     * @param undo       what undoes it: a rollback of its Deployment, or for failover and failback
     *                   the opposite move of its model service's traffic
     * @param undoTarget what that acts on: the Deployment, or the model service
     */
    public record Interrupted(String id, String context, String namespace, String deployment, String description,
                              dev.pitwall.ops.OperationKind undo, String undoTarget) {
    }

    private java.util.function.BiConsumer<Interrupted, OperationsPort> onRollBack = (operation, port) -> { };

    /** What Roll back does (the window opens the rollback's plan for confirmation). */
    public void setOnRollBack(java.util.function.BiConsumer<Interrupted, OperationsPort> onRollBack) {
        this.onRollBack = onRollBack;
    }

    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    public InterruptedBar() {
        getStyleClass().add("interrupted-bar");
        setId("interrupted-bar");
        managedProperty().bind(visibleProperty());
        setVisible(false);
    }

    /** Reads the journal off the JavaFX thread and shows what it finds; {@code ports} gives each context's operations. */
    public void load(Supplier<List<Interrupted>> journal, Function<String, OperationsPort> ports) {
        Thread.ofVirtual().name("journal-reader").start(() -> {
            List<Interrupted> found;
            try {
                found = journal.get();
            } catch (RuntimeException e) {
                found = List.of(new Interrupted("", "", "", "", "Cannot read the journal: " + e.getMessage(),
                        dev.pitwall.ops.OperationKind.ROLLBACK, ""));
            }
            List<Interrupted> shown = found;
            Platform.runLater(() -> show(shown, ports));
        });
    }

    private void show(List<Interrupted> operations, Function<String, OperationsPort> ports) {
        getChildren().clear();
        for (Interrupted operation : operations) {
            Label text = new Label(operation.description());
            text.getStyleClass().add("interrupted-text");
            text.setWrapText(true);
            text.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(text, Priority.ALWAYS);
            Button resume = new Button("Resume");
            resume.setId("resume-" + operation.id());
            resume.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            OperationsPort port = operation.id().isEmpty() ? null : ports.apply(operation.context());
            resume.setDisable(port == null);
            if (port == null && !operation.id().isEmpty()) {
                text.setText(operation.description() + " (open " + operation.context() + " to resume it)");
            }
            Button rollBack = new Button(operation.undo() == dev.pitwall.ops.OperationKind.ROLLBACK ? "Roll back"
                    : "Undo: " + operation.undo().id());
            rollBack.setId("rollback-" + operation.id());
            rollBack.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            rollBack.setDisable(port == null);
            HBox row = new HBox(text, resume, rollBack);
            rollBack.setOnAction(event -> {
                rollBack.setDisable(true);
                resume.setDisable(true);
                Thread.ofVirtual().name("abandon-" + operation.id()).start(() -> {
                    port.abandon(operation.id());
                    Platform.runLater(() -> {
                        getChildren().remove(row);
                        setVisible(!getChildren().isEmpty());
                        onRollBack.accept(operation, port);
                    });
                });
            });
            row.getStyleClass().add("interrupted-row");
            resume.setOnAction(event -> {
                resume.setDisable(true);
                Thread.ofVirtual().name("resume-" + operation.id()).start(() -> {
                    String outcome = port.resume(operation.id(), (step, status) -> Platform.runLater(() ->
                            text.setText("Resuming " + operation.description() + ": step " + (step + 1) + ": " + status)), () -> false);
                    Platform.runLater(() -> {
                        if (outcome.equals("done")) {
                            getChildren().remove(row);
                            setVisible(!getChildren().isEmpty());
                        } else {
                            text.setText("Resume failed: " + outcome);
                            text.pseudoClassStateChanged(FAILED, true);
                            resume.setDisable(false);
                        }
                    });
                });
            });
            getChildren().add(row);
        }
        setVisible(!getChildren().isEmpty());
    }
}
