package dev.pitwall.app.ops;

import java.io.PrintWriter;
import java.util.List;

import dev.pitwall.app.ExitCodes;
import dev.pitwall.app.UserError;
import dev.pitwall.ops.OperationJournal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pitwall ops list|resume|abort}: operations as the journal tells them, interrupted ones first. */
@Command(name = "ops", mixinStandardHelpOptions = true, description = "List operations; resume or abort an interrupted one.",
        subcommands = {OpsCommand.ListOps.class, OpsCommand.ResumeOp.class, OpsCommand.AbortOp.class})
public final class OpsCommand {

    /** The interrupted operation whose id starts with {@code id}; a UserError when none is. */
    static OperationJournal.Recorded findInterrupted(String id) {
        return Operations.findInterrupted(id).orElseThrow(() -> new UserError("no interrupted operation " + id
                + " in the journal; `pitwall ops list` shows them"));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every operation in the journal, newest last.")
    static final class ListOps implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            List<OperationJournal.Recorded> operations = Operations.localJournal().operations();
            if (operations.isEmpty()) {
                out.println("No operations in the journal yet.");
            }
            for (OperationJournal.Recorded op : operations) {
                out.printf("%s  %-10s %-40s %-8s %s%n", op.plan().id(), op.plan().kind().id(), op.plan().target().describe(),
                        op.who(), op.interrupted() ? "INTERRUPTED after step " + op.stepsDone() + " of " + op.plan().steps().size()
                                + " (last record " + op.lastTime() + "): `pitwall ops resume " + op.plan().id().substring(0, 8)
                                + " --context " + op.plan().target().context() + "`" : op.outcome());
            }
            out.flush();
        }
    }

    /** What resume and abort share: the interrupted operation named, which must be of the context given. */
    abstract static class InterruptedOpCommand {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID", description = "The operation's id (or its first characters).")
        String id;

        @Mixin
        ContextOptions where;

        OperationJournal.Recorded recorded() {
            OperationJournal.Recorded recorded = findInterrupted(id);
            if (!recorded.plan().target().context().equals(where.context())) {
                throw new UserError("operation " + recorded.plan().id() + " ran in " + recorded.plan().target().context()
                        + ", not " + where.context());
            }
            return recorded;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Go on with an interrupted operation from where it stopped.")
    static final class ResumeOp extends InterruptedOpCommand implements java.util.concurrent.Callable<Integer> {
        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            OperationJournal.Recorded recorded = recorded();
            try (Operations operations = where.open()) {
                out.println("Resuming " + recorded.plan().summary() + " from step " + (recorded.stepsDone() + 1) + " of "
                        + recorded.plan().steps().size());
                String outcome = operations.resume(recorded, OperationCommand.printer(out, recorded.plan()), () -> false);
                if (outcome.startsWith(Operations.REFUSED)) {
                    out.println("Refused: " + outcome.substring(Operations.REFUSED.length()) + ".");
                    out.flush();
                    return ExitCodes.REFUSED;
                }
                out.println(outcome.equals("done") ? "Done: " + recorded.plan().summary() + "." : "Not done: " + outcome);
                out.flush();
                return outcome.equals("done") ? ExitCodes.OK : ExitCodes.FAILED;
            }
        }
    }

    @Command(name = "abort", mixinStandardHelpOptions = true,
            description = "Record an interrupted operation as abandoned and release its hold on the service; the cluster keeps"
                    + " its state (roll back with `pitwall rollback`, or move traffic back with failover or failback).")
    static final class AbortOp extends InterruptedOpCommand implements Runnable {
        @Override
        public void run() {
            OperationJournal.Recorded recorded = recorded();
            try (Operations operations = where.open()) {
                operations.executor().abandon(recorded);
            }
            var target = recorded.plan().target();
            String undo = "pitwall " + Operations.undoOf(recorded.plan().kind()).id() + " " + target.namespace() + "/"
                    + (recorded.plan().kind().movesTraffic() ? target.model() : target.deployment());
            PrintWriter out = spec.commandLine().getOut();
            out.println("Operation " + recorded.plan().id() + " recorded as aborted after step " + recorded.stepsDone() + ". To undo"
                    + " what it did: " + undo + " --context " + target.context());
            out.flush();
        }
    }
}
