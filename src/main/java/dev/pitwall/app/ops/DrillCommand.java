package dev.pitwall.app.ops;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.pitwall.app.DrillSandbox;
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

    /** What validate and run share: the scenario file, read with its errors printed (exit 2 when invalid). */
    abstract static class ScenarioCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "The scenario (YAML; docs/drills.md).")
        Path file;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Scenario scenario = read(file, out);
            return scenario == null ? ExitCodes.USAGE : call(scenario, out);
        }

        /** The command, on a valid scenario. */
        abstract int call(Scenario scenario, PrintWriter out);
    }

    @Command(name = "validate", mixinStandardHelpOptions = true, description = "Check a scenario file; nothing runs. Exit 0 when valid, 2 when not.")
    static final class Validate extends ScenarioCommand {
        @Override
        int call(Scenario scenario, PrintWriter out) {
            out.println("Valid: " + scenario.name() + ": " + scenario.hypothesis().size() + " probe(s), " + scenario.method().size()
                    + " step(s), " + scenario.rollbacks().size() + " rollback(s); blast radius: " + scenario.blastRadius().describe()
                    + (scenario.target().sandboxes().isEmpty() ? "" : "; runs on fresh sandboxes: "
                    + String.join(", ", scenario.target().sandboxes())) + ".");
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run a drill against a context and write its report (Markdown, HTML, PNG, JUnit XML).",
                    "HALT: Ctrl+C (SIGINT) stops every running step and starts the rollbacks.",
                    "Exit codes: 0 held, 5 deviated, 6 aborted, 4 refused, 2 invalid scenario."})
    static final class Run extends ScenarioCommand {
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
        int call(Scenario scenario, PrintWriter out) {
            List<String> sandboxes = scenario.target().sandboxes();
            if (!sandboxes.isEmpty() && where.named()) {
                out.println("Refused: " + file + " runs on fresh sandboxes of its own (" + String.join(", ", sandboxes)
                        + "); run it without --context.");
                out.flush();
                return ExitCodes.REFUSED;
            }
            String context = sandboxes.isEmpty() ? where.context() : "sandboxes " + String.join(", ", sandboxes);
            if (!scenario.target().context().isEmpty() && !scenario.target().context().equals(context)) {
                out.println("Refused: " + file + " targets the context " + scenario.target().context() + ", not " + context + ".");
                out.flush();
                return ExitCodes.REFUSED;
            }
            describe(scenario, context, out);
            if (!scenario.name().equals(confirm)) {
                out.println("Not confirmed: run it again with --confirm " + scenario.name() + " (one confirmation stands for every step).");
                out.flush();
                return ExitCodes.REFUSED;
            }
            out.flush();
            if (!sandboxes.isEmpty()) {
                return onSandboxes(scenario, out);
            }
            List<PrometheusSettings.Entry> given = prometheus == null ? List.of()
                    : List.of(new PrometheusSettings.Entry(List.of(context), prometheus, null, null, null, null));
            try (Operations operations = where.open()) {
                DrillRun run = run(scenario, operations, given, out);
                Path written = DrillReport.write(run, report);
                out.println("Verdict: " + run.verdict().name() + (run.why().isEmpty() ? "" : " (" + run.why() + ")") + ". Report: "
                        + written + " (and report.html, report-page-*.png, probes.png, junit.xml).");
                out.flush();
                return run.verdict().exitCode;
            }
        }

        /** The topology comparison: each preset's sandbox started fresh in-process, the drill run on it, then the comparison. */
        private int onSandboxes(Scenario scenario, PrintWriter out) {
            List<DrillReport.OnSandbox> runs = new java.util.ArrayList<>();
            for (String preset : scenario.target().sandboxes()) {
                out.println("Sandbox " + preset + ": starting it (every Deployment available, Prometheus when installed)");
                out.flush();
                Path home = temporaryFolder(preset);
                try (DrillSandbox sandbox = DrillSandbox.start(preset, home);
                     Operations operations = where.open(sandbox.kubeconfig(), sandbox.context())) {
                    DrillRun run = run(scenario, operations, List.of(), out);
                    DrillReport.write(run, report.resolve(preset));
                    runs.add(new DrillReport.OnSandbox(preset, run, preset));
                    out.println("Sandbox " + preset + ": " + run.verdict().name() + capacities(run));
                    out.flush();
                    if (run.why().startsWith("HALT")) {
                        break; // HALT stops the comparison, not only this sandbox's run
                    }
                } finally {
                    deleteQuietly(home); // the sandbox's kubeconfig holds its tokens
                }
            }
            Path written = DrillReport.writeComparison(runs, report);
            DrillRun.Verdict worst = DrillRun.Verdict.of(runs.stream().map(DrillReport.OnSandbox::run).toList());
            out.println("Verdict: " + worst.name() + ". Report: " + written + " (and report.html, report-page-*.png, junit.xml;"
                    + " each sandbox's own report in its folder).");
            out.flush();
            return worst.exitCode;
        }

        private static String capacities(DrillRun run) {
            StringBuilder text = new StringBuilder();
            run.capacities().forEach(c -> text.append("; ").append(c.model()).append(Double.isNaN(c.firstFailureRps())
                    ? " did not fail" : " first failed at " + Math.round(c.firstFailureRps()) + " requests/s"));
            return text.toString();
        }

        private DrillRun run(Scenario scenario, Operations operations, List<PrometheusSettings.Entry> given, PrintWriter out) {
            DrillRunner runner = new DrillRunner(scenario, new OperationsDrillPort(operations, () -> operations.prometheus(given)),
                    operations.context(), Clock.systemUTC()).onEvent(event -> {
                        out.printf(Locale.ROOT, "  %7.1f s  %-16s %s%n", event.at().toMillis() / 1000.0, event.kind(), event.text());
                        out.flush();
                    });
            Object previous = Halt.onInterrupt(() -> runner.halt("Ctrl+C pressed"));
            try {
                return runner.run("confirmed by " + operations.identity().user() + " for drill " + scenario.name());
            } finally {
                Halt.restore(previous);
            }
        }

        private static void describe(Scenario scenario, String context, PrintWriter out) {
            out.println("Drill " + scenario.name() + " in " + context + ": " + scenario.description());
            out.println("  blast radius: " + scenario.blastRadius().describe());
            scenario.hypothesis().forEach(probe -> out.println("  hypothesis: " + probe.name() + ": " + probe.describe()));
            for (int i = 0; i < scenario.method().size(); i++) {
                out.println("  " + (i + 1) + ". " + scenario.method().get(i).describe());
            }
            scenario.rollbacks().forEach(step -> out.println("  on abort: " + step.describe()));
        }

        private static Path temporaryFolder(String preset) {
            try {
                return java.nio.file.Files.createTempDirectory("pitwall-drill-" + preset);
            } catch (java.io.IOException e) {
                throw new dev.pitwall.app.UserError("cannot create a temporary folder for the " + preset + " sandbox: " + e.getMessage()
                        + "; check the space and permissions of " + System.getProperty("java.io.tmpdir"), ExitCodes.UNAVAILABLE);
            }
        }

        private static void deleteQuietly(Path folder) {
            try (var walk = java.nio.file.Files.walk(folder)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (java.io.IOException | RuntimeException e) {
                // a temporary folder left behind is only disk space
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
