package dev.pitwall.app;

import picocli.CommandLine;

/**
 * Pitwall's entry point. With no arguments it opens the main window; with a subcommand it runs
 * headless. This class touches no JavaFX, so {@code --help} and {@code --version} work with no
 * display.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, exposed for tests that run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new PitwallCommand());
        commandLine.setExecutionExceptionHandler(new OperatorErrorHandler());
        return commandLine;
    }
}
