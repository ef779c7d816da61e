package dev.pitwall.app.ops;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import dev.pitwall.app.ExitCodes;
import dev.pitwall.audit.AuditJournal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pitwall audit verify}: checks the journal's hash chain and names each broken record. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Check the tamper-evident journal.",
        subcommands = AuditCommand.Verify.class)
public final class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check every record's hash and its link to the one before; exit 1 and name the line when one was changed,"
                    + " inserted or deleted.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            AuditJournal journal = Operations.localJournal().audit();
            AuditJournal.Verification verification = journal.verify();
            if (verification.intact()) {
                out.println("Journal " + journal.file() + ": " + verification.records() + " records, chain intact.");
            } else {
                out.println("Journal " + journal.file() + ": " + verification.problems().size() + " broken record(s) of "
                        + verification.records() + ":");
                verification.problems().forEach(problem -> out.println("  " + problem));
            }
            out.flush();
            return verification.intact() ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }
}
