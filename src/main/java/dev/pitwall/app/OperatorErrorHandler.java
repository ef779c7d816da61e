package dev.pitwall.app;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into a sentence for the operator, never a stack trace. A {@link UserError}
 * already says what is wrong and what to do; anything else is reported with its message and the
 * hint to rerun with {@code PITWALL_DEBUG=1} for details.
 */
final class OperatorErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        if (e instanceof UserError error) {
            commandLine.getErr().println("pitwall: " + error.getMessage());
            return error.exitCode();
        }
        commandLine.getErr().println("pitwall: " + e.getClass().getSimpleName() + ": " + e.getMessage()
                + (System.getenv("PITWALL_DEBUG") == null ? " (set PITWALL_DEBUG=1 for details)" : ""));
        if (System.getenv("PITWALL_DEBUG") != null) {
            e.printStackTrace(commandLine.getErr());
        }
        return ExitCodes.SOFTWARE;
    }
}
