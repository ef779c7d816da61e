package dev.pitwall.app.ops;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import dev.pitwall.app.ExitCodes;
import dev.pitwall.guard.Approval;
import dev.pitwall.ops.OperationKind;
import dev.pitwall.ops.OperationRefused;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pitwall approvals list|approve|deny}: a second person's answer to an operation waiting for it. */
@Command(name = "approvals", mixinStandardHelpOptions = true, description = "List, approve or deny requests for a second person's approval.",
        subcommands = {ApprovalsCommand.ListApprovals.class, ApprovalsCommand.Approve.class, ApprovalsCommand.Deny.class})
public final class ApprovalsCommand {

    abstract static class InContext {
        @Spec
        CommandSpec spec;

        @Mixin
        ContextOptions where;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every approval request, oldest first.")
    static final class ListApprovals extends InContext implements Runnable {
        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (Operations operations = where.open()) {
                List<Approval> approvals = operations.approvals().list();
                if (approvals.isEmpty()) {
                    out.println("No approval requests.");
                }
                Instant now = Instant.now();
                for (Approval approval : approvals) {
                    out.printf("%s  %-9s %-32s by %-10s %s  %s%n", approval.id(), approval.kind(), approval.target(), approval.requester(),
                            approval.pending() && approval.expired(now) ? "expired" : approval.state()
                                    + (approval.approver().isEmpty() ? "" : " by " + approval.approver()),
                            approval.summary());
                }
                out.flush();
            }
        }
    }

    abstract static class Answer extends InContext implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID", description = "The request's id (or its first characters).")
        String id;

        abstract boolean approve();

        String reason() {
            return "";
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Operations operations = where.open()) {
                var desk = operations.approvals();
                try {
                    Approval approval = desk.get(id);
                    String refusal = operations.guard().approvalRefusal(OperationKind.of(approval.kind()), operations.identity(),
                            approval.requester());
                    if (refusal != null) {
                        out.println("Refused: " + refusal + ".");
                        out.flush();
                        return ExitCodes.REFUSED;
                    }
                    out.println("Plan: " + approval.summary() + " (" + approval.target() + ", requested by " + approval.requester() + ")");
                    Approval answered = desk.decide(approval, operations.identity().user(), approve(), reason());
                    out.println((approve() ? "Approved: " : "Denied: ") + answered.id() + ". The requester's Pitwall "
                            + (approve() ? "runs it now." : "will not run it."));
                    out.flush();
                    return ExitCodes.OK;
                } catch (OperationRefused e) {
                    out.println("Refused: " + e.getMessage());
                    out.flush();
                    return ExitCodes.REFUSED;
                }
            }
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a pending request (not your own).")
    static final class Approve extends Answer {
        @Override
        boolean approve() {
            return true;
        }
    }

    @Command(name = "deny", mixinStandardHelpOptions = true, description = "Deny a pending request.")
    static final class Deny extends Answer {
        @Option(names = "--reason", description = "Why, for the requester.")
        String reason = "";

        @Override
        boolean approve() {
            return false;
        }

        @Override
        String reason() {
            return reason;
        }
    }
}
