package dev.pitwall.app.ops;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.pitwall.app.ExitCodes;
import dev.pitwall.drill.DrillReport;
import dev.pitwall.drill.DrillRun;
import dev.pitwall.drill.DrillRunner;
import dev.pitwall.drill.Scenario;
import dev.pitwall.drill.ScenarioException;
import dev.pitwall.drill.ScenarioReader;
import dev.pitwall.metrics.PrometheusSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pitwall drill validate|run}: game-day drills headless, for a terminal or a CI pipeline.
 * Exit codes: 0 the hypothesis held, 5 it deviated, 6 aborted (HALT, maximum duration, a failed
 * step), 4 refused (guard, blast radius, confirmation), 2 an invalid scenario.
 */
@Command(name = "drill", mixinStandardHelpOptions = true, description = "Game-day drills: validate a scenario, or run it and write its report.",
        subcommands = {DrillCommand.Validate.class, DrillCommand.Run.class})
public final class DrillCommand {

    static Scenario read(Path file, PrintWriter out) {
        try {
            return ScenarioReader.read(file);
        } catch (ScenarioException e) {
            out.println("Invalid scenario: " + e.getMessage());
            out.flush();
            return null;
        }
    }

    /** What validate and run share: the scenario file, read with its errors printed. */
    abstract static class ScenarioCommand {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "The scenario (YAML; docs/drills.md).")
        Path file;
    }

    @Command(name = "validate", mixinStandardHelpOptions = true, description = "Check a scenario file; nothing runs. Exit 0 when valid, 2 when not.")
    static final class Validate extends ScenarioCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Scenario scenario = read(file, out);
            if (scenario == null) {
                return ExitCodes.USAGE;
            }
            out.println("Valid: " + scenario.name() + ": " + scenario.hypothesis().size() + " probe(s), " + scenario.method().size()
                    + " step(s), " + scenario.rollbacks().size() + " rollback(s); may run " + String.join(", ",
                    new java.util.TreeSet<>(scenario.blastRadius().operations())) + ", kill at most " + scenario.blastRadius().podsKilled()
                    + " pod(s).");
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run a drill against a context and write its report (Markdown, HTML, PNG, JUnit XML).",
                    "HALT: Ctrl+C (SIGINT) stops every running step and starts the rollbacks.",
                    "Exit codes: 0 held, 5 deviated, 6 aborted, 4 refused, 2 invalid scenario."})
    static final class Run extends ScenarioCommand implements Callable<Integer> {
        @Mixin
        ContextOptions where;

        @Option(names = "--report", paramLabel = "DIR", required = true, description = "Where the report goes.")
        Path report;

        @Option(names = "--confirm", paramLabel = "NAME", description = "Confirm the whole drill by its name (its steps run without"
                + " asking one by one).")
        String confirm;

        @Option(names = "--prometheus", paramLabel = "URL", description = "The context's Prometheus for PromQL probes (default: as"
                + " the window finds it).")
        String prometheus;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Scenario scenario = read(file, out);
            if (scenario == null) {
                return ExitCodes.USAGE;
            }
            if (!scenario.target().context().isEmpty() && !scenario.target().context().equals(where.context)) {
                out.println("Refused: " + file + " targets the context " + scenario.target().context() + ", not " + where.context + ".");
                out.flush();
                return ExitCodes.REFUSED;
            }
            out.println("Drill " + scenario.name() + " in " + where.context + ": " + scenario.description());
            out.println("  blast radius: " + String.join(", ", new java.util.TreeSet<>(scenario.blastRadius().operations()))
                    + "; at most " + scenario.blastRadius().podsKilled() + " pod(s) killed");
            scenario.hypothesis().forEach(probe -> out.println("  hypothesis: " + probe.name() + ": " + probe.describe()));
            for (int i = 0; i < scenario.method().size(); i++) {
                out.println("  " + (i + 1) + ". " + scenario.method().get(i).describe());
            }
            scenario.rollbacks().forEach(step -> out.println("  on abort: " + step.describe()));
            if (!scenario.name().equals(confirm)) {
                out.println("Not confirmed: run it again with --confirm " + scenario.name() + " (one confirmation stands for every step).");
                out.flush();
                return ExitCodes.REFUSED;
            }
            out.flush();
            List<PrometheusSettings.Entry> given = prometheus == null ? List.of()
                    : List.of(new PrometheusSettings.Entry(List.of(where.context), prometheus, null, null, null, null));
            try (Operations operations = where.open()) {
                DrillRunner runner = new DrillRunner(scenario, new OperationsDrillPort(operations, () -> operations.prometheus(given)),
                        where.context, Clock.systemUTC()).onEvent(event -> {
                            out.printf(Locale.ROOT, "  %7.1f s  %-16s %s%n", event.at().toMillis() / 1000.0, event.kind(), event.text());
                            out.flush();
                        });
                Object previous = Halt.onInterrupt(() -> runner.halt("Ctrl+C pressed"));
                DrillRun run;
                try {
                    run = runner.run("confirmed by " + operations.identity().user() + " for drill " + scenario.name());
                } finally {
                    Halt.restore(previous);
                }
                Path written = DrillReport.write(run, report);
                out.println("Verdict: " + run.verdict().name() + (run.why().isEmpty() ? "" : " (" + run.why() + ")") + ". Report: "
                        + written + " (and report.html, probes.png, junit.xml).");
                out.flush();
                return run.verdict().exitCode;
            }
        }
    }

    /** HALT from the terminal: Ctrl+C (SIGINT) halts the drill instead of killing Pitwall, so that its rollbacks run. */
    static final class Halt {
        private Halt() {
        }

        @SuppressWarnings("restriction")
        static Object onInterrupt(Runnable halt) {
            try {
                return sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> halt.run());
            } catch (IllegalArgumentException e) {
                return null; // no SIGINT here (not a terminal's process): HALT comes from the window or a test
            }
        }

        @SuppressWarnings("restriction")
        static void restore(Object previous) {
            if (previous instanceof sun.misc.SignalHandler handler) {
                sun.misc.Signal.handle(new sun.misc.Signal("INT"), handler);
            }
        }
    }
}
