package dev.pitwall.app;

import java.util.concurrent.Callable;

import dev.pitwall.app.ops.ApprovalsCommand;
import dev.pitwall.app.ops.AuditCommand;
import dev.pitwall.app.ops.OperationCommands;
import dev.pitwall.app.ops.OpsCommand;
import picocli.CommandLine.Command;

/** {@code pitwall}: with no subcommand, opens the main window. */
@Command(name = "pitwall",
        mixinStandardHelpOptions = true,
        versionProvider = PitwallVersion.class,
        description = {"Pitwall: a desktop operations console for ML model-serving fleets on Kubernetes.",
                "With no command it opens the main window; commands run headless."},
        subcommands = {UiCommand.class, SandboxCommand.class, OperationCommands.Restart.class, OperationCommands.Scale.class,
                OperationCommands.Pause.class, OperationCommands.Resume.class, OperationCommands.Rollback.class,
                OperationCommands.KillPods.class, OperationCommands.Failover.class, OperationCommands.Failback.class, dev.pitwall.app.ops.DrillCommand.class, OpsCommand.class, ApprovalsCommand.class, AuditCommand.class, TopCommand.class,
                AotTrainingCommand.class})
public final class PitwallCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return new UiCommand().call();
    }
}
