package dev.pitwall.app;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** {@code pitwall}: with no subcommand, opens the main window. */
@Command(name = "pitwall",
        mixinStandardHelpOptions = true,
        versionProvider = PitwallVersion.class,
        description = {"Pitwall: a desktop operations console for ML model-serving fleets on Kubernetes.",
                "With no command it opens the main window; commands run headless."},
        subcommands = {UiCommand.class, SandboxCommand.class})
public final class PitwallCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return new UiCommand().call();
    }
}
