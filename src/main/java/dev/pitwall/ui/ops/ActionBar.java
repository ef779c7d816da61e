package dev.pitwall.ui.ops;

import java.util.Map;
import java.util.function.BiConsumer;

import dev.pitwall.guard.Decision;
import dev.pitwall.ops.OperationKind;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/**
 * The operations on the Deployment in view, each disabled with the guard's reason until the guard
 * allows it; a click opens its plan (nothing runs before the plan is confirmed).
 */
public final class ActionBar extends javafx.scene.layout.VBox {

    private static final Map<OperationKind, String> LABELS = Map.of(OperationKind.RESTART, "Restart", OperationKind.SCALE, "Scale to",
            OperationKind.PAUSE, "Pause", OperationKind.RESUME, "Resume", OperationKind.ROLLBACK, "Roll back",
            OperationKind.KILL_PODS, "Kill a pod", OperationKind.FAILOVER, "Fail over", OperationKind.FAILBACK, "Fail back");

    private final Spinner<Integer> replicas = new Spinner<>(0, 500, 1);

    /** @param open called with the operation and its options when the operator asks for it */
    public ActionBar(ActionsViewModel model, BiConsumer<OperationKind, Map<String, String>> open) {
        getStyleClass().add("action-bar");
        setId("action-bar");
        HBox row = new HBox();
        row.getStyleClass().add("action-row");
        replicas.setId("action-replicas");
        replicas.setEditable(true);
        replicas.setPrefWidth(80);
        model.subjectProperty().addListener((observable, old, subject) -> {
            if (subject != null && (old == null || !old.deployment().equals(subject.deployment()))) {
                replicas.getValueFactory().setValue(subject.desired());
            }
        });
        for (OperationKind kind : OperationKind.values()) {
            Button button = new Button(LABELS.get(kind));
            button.setId("action-" + kind.id());
            button.getStyleClass().add("action");
            button.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            var decision = model.decision(kind);
            button.disableProperty().bind(Bindings.createBooleanBinding(() -> decision.get() == null || !decision.get().allowed(),
                    decision));
            Tooltip tooltip = new Tooltip();
            tooltip.textProperty().bind(Bindings.createStringBinding(() -> describe(decision.get()), decision));
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(420);
            button.setTooltip(tooltip);
            button.setOnAction(event -> open.accept(kind, kind == OperationKind.SCALE
                    ? Map.of("replicas", String.valueOf(replicas.getValue())) : Map.of()));
            row.getChildren().add(button);
            if (kind == OperationKind.SCALE) {
                row.getChildren().add(replicas);
            }
        }
        // a disabled button shows no tooltip: the reasons are written out beside the buttons
        status.setId("action-status");
        status.getStyleClass().add("action-status");
        status.setWrapText(true);
        status.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.beans.Observable[] all = java.util.Arrays.stream(OperationKind.values()).map(model::decision)
                .toArray(javafx.beans.Observable[]::new);
        status.textProperty().bind(Bindings.createStringBinding(() -> summarise(model), all));
        status.managedProperty().bind(status.textProperty().isNotEmpty());
        getChildren().addAll(row, status);
    }

    private final javafx.scene.control.Label status = new javafx.scene.control.Label();

    /** "Not allowed: ..." once per distinct reason, with the operations it concerns. */
    private static String summarise(ActionsViewModel model) {
        Map<String, java.util.List<String>> byReason = new java.util.LinkedHashMap<>();
        boolean asking = false;
        for (OperationKind kind : OperationKind.values()) {
            Decision decision = model.decision(kind).get();
            if (decision == null) {
                asking = true;
            } else if (!decision.allowed()) {
                byReason.computeIfAbsent(decision.reason(), reason -> new java.util.ArrayList<>()).add(kind.id());
            }
        }
        if (model.subjectProperty().get() == null) {
            return "";
        }
        if (asking && model.port() != null) {
            return "Asking the cluster what you may do…";
        }
        if (model.port() == null) {
            return "Operations are not available for this context.";
        }
        StringBuilder text = new StringBuilder();
        byReason.forEach((reason, kinds) -> text.append(text.isEmpty() ? "" : "\n").append(String.join(", ", kinds))
                .append(" not allowed: ").append(reason));
        return text.toString();
    }

    /** The tooltip: why not, or how it is confirmed. */
    static String describe(Decision decision) {
        if (decision == null) {
            return "Asking the cluster whether you may…";
        }
        return decision.allowed() ? "Confirmation: " + decision.confirmation().id() + " (" + decision.environment() + ", you are "
                + decision.role().id() + ")" : "Not allowed: " + decision.reason();
    }
}
