package dev.pitwall.app.ops;

import java.io.Console;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

import dev.pitwall.app.ExitCodes;
import dev.pitwall.app.UserError;
import dev.pitwall.guard.Confirmation;
import dev.pitwall.guard.Decision;
import dev.pitwall.ops.OperationRefused;
import dev.pitwall.ops.Plan;
import dev.pitwall.ops.Planner;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What every operation command does: plan from the cluster, ask the guard (role, policy, RBAC),
 * show the plan with the server's dry run, take the confirmation the policy asks for, run it with
 * live progress, and exit with a documented code.
 */
abstract class OperationCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The Deployment (a model service's track); for failover and"
            + " failback the model service. As NAME or NAMESPACE/NAME.")
    String deployment;

    @Option(names = {"-n", "--namespace"}, description = "Its namespace (default: the context's, else 'default').")
    String namespace;

    @Mixin
    ContextOptions where;

    @Option(names = "--dry-run", description = "Show the plan and the server's dry run; change nothing.")
    boolean dryRun;

    @Option(names = "--confirm", paramLabel = "NAME",
            description = "Confirm without a prompt (scripts): the Deployment's name where the policy asks for it typed.")
    String confirm;

    @Option(names = "--approval-expiry", paramLabel = "SECONDS",
            description = "Where a second person must approve: how long the request stays open (default: ${DEFAULT-VALUE}).")
    long approvalExpirySeconds = 900;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "How long to wait for a rollout (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds = 600;

    abstract Plan plan(Planner planner, String namespace, String name);

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String name = deployment;
        String ns = namespace;
        if (deployment.contains("/")) {
            ns = deployment.substring(0, deployment.indexOf('/'));
            name = deployment.substring(deployment.indexOf('/') + 1);
        }
        try (Operations operations = where.open()) {
            if (ns == null) {
                ns = operations.defaultNamespace();
            }
            Plan plan;
            try {
                plan = plan(operations.planner(), ns, name);
            } catch (OperationRefused e) {
                throw new UserError(e.getMessage());
            }
            Decision decision = operations.decide(plan);
            printPlan(out, plan, decision, operations);
            if (!decision.allowed()) {
                out.println("Refused: " + decision.reason() + ".");
                out.flush();
                return ExitCodes.REFUSED;
            }
            String held = operations.executor().heldBy(plan);
            if (held != null) {
                out.println("Refused: " + held);
                out.flush();
                return ExitCodes.REFUSED;
            }
            plan = operations.executor().dryRun(plan);
            out.println("Server dry run:");
            plan.dryRun().forEach(answer -> out.println("  " + answer));
            if (dryRun) {
                out.println("Dry run only: nothing was changed.");
                out.flush();
                return ExitCodes.OK;
            }
            String refusal = confirm(out, decision.confirmation() == Confirmation.TWO_PERSON ? Confirmation.TYPE_NAME
                    : decision.confirmation(), plan.confirmName());
            if (refusal != null) {
                out.println("Not confirmed: " + refusal);
                out.flush();
                return ExitCodes.REFUSED;
            }
            String approver = "";
            if (decision.confirmation() == Confirmation.TWO_PERSON) {
                try {
                    approver = approved(out, operations, plan);
                } catch (OperationRefused e) {
                    out.println("Not approved: " + e.getMessage());
                    out.flush();
                    return ExitCodes.REFUSED;
                }
            }
            return run(out, operations, plan, decision.confirmation(), approver);
        }
    }

    /** Asks a second person's approval and waits for it; the approver's name, or OperationRefused. */
    private String approved(PrintWriter out, Operations operations, Plan plan) {
        var desk = operations.approvals();
        var approval = desk.request(plan, operations.identity().user(), Duration.ofSeconds(approvalExpirySeconds));
        out.println("Approval requested: " + approval.id() + " (expires " + approval.expiresAt() + "). A second person approves it"
                + " with: pitwall approvals approve " + approval.id().substring(0, 8) + " --context <their context>");
        out.flush();
        var answer = desk.await(approval, () -> false);
        String refusal = dev.pitwall.ops.ApprovalDesk.refusal(answer, plan, operations.identity().user());
        if (refusal != null) {
            throw new OperationRefused(refusal);
        }
        out.println("Approved by " + answer.approver() + ".");
        return answer.approver();
    }

    int run(PrintWriter out, Operations operations, Plan plan, Confirmation confirmation, String approver) {
        String outcome;
        try {
            outcome = operations.executor().rolloutTimeout(Duration.ofSeconds(timeoutSeconds)).run(plan, confirmation.id(), approver,
                    printer(out, plan), () -> false);
        } catch (OperationRefused e) {
            out.println("Refused: " + e.getMessage());
            out.flush();
            return ExitCodes.REFUSED;
        }
        long recovery = operations.journal().operations().stream().filter(op -> op.plan().id().equals(plan.id()))
                .mapToLong(dev.pitwall.ops.OperationJournal.Recorded::recoveryMillis).max().orElse(-1);
        if (recovery >= 0) {
            out.println("Recovery time: " + recovery + " ms, from the run's start to the traffic verified where it was moved.");
        }
        out.println(outcome.equals("done") ? "Done: " + plan.summary() + " (operation " + plan.id() + ")."
                : "Not done: " + outcome + " (operation " + plan.id() + "; `pitwall ops resume " + plan.id() + "` goes on).");
        out.flush();
        return outcome.equals("done") ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** Progress as lines: "  [2/3] status". */
    static dev.pitwall.ops.Executor.Progress printer(PrintWriter out, Plan plan) {
        return (step, status) -> {
            out.println("  [" + (step + 1) + "/" + plan.steps().size() + "] " + status);
            out.flush();
        };
    }

    static void printPlan(PrintWriter out, Plan plan, Decision decision, Operations operations) {
        out.println("Plan: " + plan.summary());
        out.println("  target:       " + plan.target().describe() + " (" + decision.environment() + ")");
        out.println("  operator:     " + operations.identity().user() + " as " + decision.role().id());
        out.println("  risk:         " + plan.risk().name().toLowerCase());
        out.println("  touches:      " + String.join(", ", plan.touches()));
        out.println("  confirmation: " + decision.confirmation().id());
        if (!plan.checks().isEmpty()) {
            out.println("  pre-flight:");
            plan.checks().forEach(check -> out.println("    - " + check));
        }
        for (int i = 0; i < plan.steps().size(); i++) {
            var step = plan.steps().get(i);
            out.println("  " + (i + 1) + ". " + step.description() + (step.sends() ? "  [" + step.request().describe() + "]" : ""));
        }
        out.flush();
    }

    /** Null when confirmed; else why not. */
    private String confirm(PrintWriter out, Confirmation needed, String target) {
        switch (needed) {
            case NONE:
                return null;
            case TWO_PERSON:
                return "the policy asks a second person's approval for this operation here; approvals are not available"
                        + " yet in this version, so a lead must run it";
            case CLICK:
                if (confirm != null) {
                    return null;
                }
                Console console = System.console();
                if (console == null) {
                    return "run it again with --confirm " + target;
                }
                String answer = console.readLine("Run it? [y/N] ");
                return answer != null && answer.trim().equalsIgnoreCase("y") ? null : "answered no";
            case TYPE_NAME:
            default:
                String typed = confirm;
                if (typed == null) {
                    Console terminal = System.console();
                    if (terminal == null) {
                        return "the policy asks for the target's name: run it again with --confirm " + target;
                    }
                    typed = terminal.readLine("Type the target's name (" + target + ") to confirm: ");
                }
                return target.equals(typed == null ? "" : typed.trim()) ? null
                        : "'" + typed + "' is not the target's name (" + target + ")";
        }
    }
}
