package dev.pitwall.ui.ops;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import dev.pitwall.guard.Decision;
import dev.pitwall.ops.OperationKind;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What the operator may do to the Deployment in view: for each operation the guard's decision
 * (role, policy, Kubernetes RBAC), asked off the JavaFX thread whenever the Deployment in view
 * changes, null while it is being asked. An operation is never offered before its decision says so.
 */
public final class ActionsViewModel {

    /** The Deployment in view, and the model service it belongs to (what failover and failback act on). */
    public record Subject(String context, String namespace, String deployment, int desired, String model) {

        /** What {@code kind} acts on: the model service for failover and failback, else the Deployment. */
        public String targetOf(OperationKind kind) {
            return kind.movesTraffic() ? model : deployment;
        }
    }

    private final Map<OperationKind, ReadOnlyObjectWrapper<Decision>> decisions = new EnumMap<>(OperationKind.class);
    private final ReadOnlyObjectWrapper<Subject> subject = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper environment = new ReadOnlyStringWrapper("");
    private Function<String, OperationsPort> ports = context -> null;

    public ActionsViewModel() {
        for (OperationKind kind : OperationKind.values()) {
            decisions.put(kind, new ReadOnlyObjectWrapper<>());
        }
    }

    /** How to reach the operations layer per context; without it nothing is offered. */
    public void setPorts(Function<String, OperationsPort> ports) {
        this.ports = Objects.requireNonNull(ports);
        Subject current = subject.get();
        subject.set(null);
        show(current);
    }

    /** The operations of a context, or null when it is not open here. */
    public OperationsPort portFor(String context) {
        return ports.apply(context);
    }

    public OperationsPort port() {
        Subject current = subject.get();
        return current == null ? null : ports.apply(current.context());
    }

    /** Shows the Deployment in view (null for none) and asks the guard about it, off the JavaFX thread. */
    public void show(Subject next) {
        if (Objects.equals(next, subject.get())) {
            return;
        }
        boolean sameDeployment = sameTarget(next, subject.get());
        subject.set(next);
        if (sameDeployment) {
            return; // only its counts changed: the decisions stand
        }
        decisions.values().forEach(decision -> decision.set(null));
        OperationsPort port = next == null ? null : ports.apply(next.context());
        if (port == null) {
            return;
        }
        Thread.ofVirtual().name("guard-" + next.deployment()).start(() -> {
            Map<OperationKind, Decision> answers = new EnumMap<>(OperationKind.class);
            for (OperationKind kind : OperationKind.values()) {
                try {
                    answers.put(kind, port.decide(kind, next.namespace(), next.targetOf(kind)));
                } catch (RuntimeException e) {
                    answers.put(kind, new Decision(false, "cannot ask the cluster whether this is allowed: " + e.getMessage(),
                            dev.pitwall.guard.Role.VIEWER, "", dev.pitwall.guard.Confirmation.TWO_PERSON));
                }
            }
            Platform.runLater(() -> {
                if (sameTarget(next, subject.get())) {
                    answers.forEach((kind, decision) -> decisions.get(kind).set(decision));
                    environment.set(answers.get(OperationKind.RESTART).environment());
                }
            });
        });
    }

    private static boolean sameTarget(Subject a, Subject b) {
        return a != null && b != null && a.context().equals(b.context()) && a.namespace().equals(b.namespace())
                && a.deployment().equals(b.deployment());
    }

    public ReadOnlyObjectProperty<Decision> decision(OperationKind kind) {
        return decisions.get(kind).getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Subject> subjectProperty() {
        return subject.getReadOnlyProperty();
    }

    /** The environment of the context in view (production, staging, development), "" until known. */
    public ReadOnlyStringProperty environmentProperty() {
        return environment.getReadOnlyProperty();
    }
}
