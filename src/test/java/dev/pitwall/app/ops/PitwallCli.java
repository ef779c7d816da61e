package dev.pitwall.app.ops;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import dev.pitwall.app.Main;
import dev.pitwall.sandbox.Sandbox;
import dev.pitwall.sandbox.SandboxIdentity;

/** Runs pitwall commands in-process, as a terminal would, and keeps what they printed. */
final class PitwallCli {

    record Run(int exit, String output) {
    }

    private PitwallCli() {
    }

    static Run run(String... args) {
        StringWriter text = new StringWriter();
        var commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(text, true));
        commandLine.setErr(new PrintWriter(text, true));
        int exit = commandLine.execute(args);
        return new Run(exit, text.toString());
    }

    /** A command against the sandbox as one of its identities. */
    static Run as(Sandbox sandbox, SandboxIdentity identity, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--context", sandbox.context(identity), "--kubeconfig", sandbox.kubeconfig().toString()));
        return run(all.toArray(String[]::new));
    }
}
