package dev.pitwall.app.ops;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import dev.pitwall.guard.Confirmation;
import dev.pitwall.guard.Decision;
import dev.pitwall.ops.Executor;
import dev.pitwall.ops.OperationKind;
import dev.pitwall.ops.Plan;
import dev.pitwall.ui.ops.OperationsPort;

/**
 * The window's way to the operations layer for one context: opened on first use (off the JavaFX
 * thread, as every call here is), then kept for the session.
 */
public final class OperationsAdapter implements OperationsPort, AutoCloseable {

    private final List<Path> kubeconfigs;
    private final String context;
    private final Path policy;
    private Operations operations;

    public OperationsAdapter(List<Path> kubeconfigs, String context, Path policy) {
        this.kubeconfigs = List.copyOf(kubeconfigs);
        this.context = context;
        this.policy = policy;
    }

    private synchronized Operations operations() {
        if (operations == null) {
            try {
                operations = Operations.open(kubeconfigs, context, policy);
            } catch (dev.pitwall.app.UserError e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return operations;
    }

    @Override
    public Decision decide(OperationKind kind, String namespace, String deployment) {
        return operations().decide(kind, namespace, deployment);
    }

    @Override
    public Plan plan(OperationKind kind, String namespace, String deployment, Map<String, String> options) {
        Operations ops = operations();
        return ops.executor().dryRun(ops.planner().plan(kind, namespace, deployment, options));
    }

    @Override
    public Decision review(Plan plan) {
        return operations().decide(plan);
    }

    @Override
    public String heldBy(Plan plan) {
        return operations().executor().heldBy(plan);
    }

    @Override
    public dev.pitwall.guard.Approval requestApproval(Plan plan) {
        Operations ops = operations();
        return ops.approvals().request(plan, ops.identity().user(), java.time.Duration.ofMinutes(15));
    }

    @Override
    public String awaitApproval(dev.pitwall.guard.Approval approval, Plan plan, BooleanSupplier abort) {
        Operations ops = operations();
        var answer = ops.approvals().await(approval, abort);
        String refusal = dev.pitwall.ops.ApprovalDesk.refusal(answer, plan, ops.identity().user());
        if (refusal != null) {
            throw new dev.pitwall.ops.OperationRefused(refusal);
        }
        return answer.approver();
    }

    @Override
    public boolean automatic(OperationKind kind) {
        return operations().guard().automatic(kind, context);
    }

    @Override
    public String runAutomatically(Plan plan, Executor.Progress progress, BooleanSupplier abort) {
        Operations ops = operations();
        if (!ops.guard().automatic(plan.kind(), context)) {
            return Operations.REFUSED + "the policy does not let " + plan.kind().id() + " run without a human in "
                    + ops.guard().environmentOf(context);
        }
        return runChecked(plan, "automatic (policy, " + ops.guard().environmentOf(context) + ")", "", progress, abort);
    }

    @Override
    public String run(Plan plan, Confirmation confirmation, String approver, Executor.Progress progress, BooleanSupplier abort) {
        return runChecked(plan, confirmation.id(), approver, progress, abort);
    }

    private String runChecked(Plan plan, String confirmation, String approver, Executor.Progress progress, BooleanSupplier abort) {
        Operations ops = operations();
        // the guard again, at the moment of running: the role or RBAC may have changed since the plan was shown
        Decision decision = ops.decide(plan);
        if (!decision.allowed()) {
            return Operations.REFUSED + decision.reason();
        }
        try {
            return ops.executor().run(plan, confirmation, approver, progress, abort);
        } catch (dev.pitwall.ops.OperationRefused e) {
            return Operations.REFUSED + e.getMessage();
        }
    }

    @Override
    public String resume(String operation, Executor.Progress progress, BooleanSupplier abort) {
        return Operations.findInterrupted(operation).map(recorded -> operations().resume(recorded, progress, abort))
                .orElse(Operations.REFUSED + "operation " + operation + " is not interrupted any more");
    }

    @Override
    public void abandon(String operation) {
        Operations.findInterrupted(operation).ifPresent(operations().executor()::abandon);
    }

    /** A drill's way to this context: the same operations, and the context's Prometheus (given ones first). */
    public dev.pitwall.drill.DrillPort drillPort(java.util.List<dev.pitwall.metrics.PrometheusSettings.Entry> prometheus) {
        Operations ops = operations();
        return new OperationsDrillPort(ops, () -> ops.prometheus(prometheus));
    }

    @Override
    public synchronized void close() {
        if (operations != null) {
            operations.close();
        }
    }
}
