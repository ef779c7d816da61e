package dev.pitwall.ui.ops;

import java.util.Map;
import java.util.function.BooleanSupplier;

import dev.pitwall.guard.Approval;
import dev.pitwall.guard.Confirmation;
import dev.pitwall.guard.Decision;
import dev.pitwall.ops.Executor;
import dev.pitwall.ops.OperationKind;
import dev.pitwall.ops.Plan;

/**
 * What the views may ask of the operations layer for one context; the wiring in {@code app}
 * provides it. Every method may block on the network: the views call them off the JavaFX thread.
 */
public interface OperationsPort {

    /** The guard's word on {@code kind} for this operator on a Deployment: allowed, or why not; and the confirmation. */
    Decision decide(OperationKind kind, String namespace, String deployment);

    /** A plan, with the server's dry run of each request. */
    Plan plan(OperationKind kind, String namespace, String deployment, Map<String, String> options);

    /** The guard's word on a finished plan (its requests, and the pods it kills against the blast radius). */
    Decision review(Plan plan);

    /** Who else holds the plan's model service, or null when it is free. */
    String heldBy(Plan plan);

    /** Asks a second person's approval of the plan (stored in the cluster). */
    Approval requestApproval(Plan plan);

    /**
     * Waits for the answer to an approval request; returns the approver's name when it lets the
     * plan run, else throws with why not (denied, expired, another plan).
     */
    String awaitApproval(Approval approval, Plan plan, BooleanSupplier abort);

    /** Goes on with an interrupted operation (by id) from where it stopped; "done" or what failed. */
    String resume(String operation, Executor.Progress progress, BooleanSupplier abort);

    /** Records an interrupted operation as abandoned (the operator chose to roll back instead of resuming). */
    void abandon(String operation);

    /** Whether the policy lets a recommended {@code kind} run without a human in this context (off unless it says so). */
    boolean automatic(OperationKind kind);

    /** Runs a recommended plan without a human, as the policy allows (journaled as such); "done" or what failed. */
    String runAutomatically(Plan plan, Executor.Progress progress, BooleanSupplier abort);

    /** Runs a confirmed plan; returns "done" or what failed. */
    String run(Plan plan, Confirmation confirmation, String approver, Executor.Progress progress, BooleanSupplier abort);
}
