package dev.pitwall.drill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A drill's report in a folder: {@code report.md}, {@code report.html} and the same laid out on
 * {@code report-page-N.png} (the verdict, the hypothesis before, during and after, traffic, load
 * and capacity, recovery times, the timeline), {@code probes.png} (each probe over time against
 * its threshold, the steps marked), and {@code junit.xml} for CI pipelines. A drill run on several
 * sandboxes gets a comparison above one such folder per sandbox.
 */
public final class DrillReport {

    private DrillReport() {
    }

    /** Writes the report's files into {@code folder} (created when missing); the Markdown file's path. */
    public static Path write(DrillRun run, Path folder) {
        try {
            Files.createDirectories(folder);
            ProbeChart.write(run, folder.resolve("probes.png"));
            return write(document(run), junit(run.scenario().name(), List.of(new Case("verdict", run))), folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the drill's report into " + folder + ": " + e.getMessage(), e);
        }
    }

    /** One sandbox's run of a drill on several, and the folder of its own report (relative to the comparison's). */
    public record OnSandbox(String preset, DrillRun run, String folder) {
    }

    /**
     * The comparison of one drill run on several sandboxes (the topology comparison): per preset,
     * the rate at first failure each rising load found and the verdict, with a link to each run's
     * own report; its JUnit XML holds one case per sandbox.
     */
    public static Path writeComparison(List<OnSandbox> runs, Path folder) {
        Scenario scenario = runs.getFirst().run().scenario();
        DrillRun.Verdict worst = DrillRun.Verdict.of(runs.stream().map(OnSandbox::run).toList());
        ReportDocument.Builder doc = new ReportDocument.Builder("Drill " + scenario.name() + " on " + runs.size() + " sandboxes: "
                + worst.name().toLowerCase(Locale.ROOT))
                .paragraph(scenario.description())
                .paragraph("Each sandbox preset was started fresh, in turn, and the drill run on it. Verdict: **" + worst.name()
                        + "** (exit code " + worst.exitCode + ").")
                .heading("Requests per second at first failure")
                .table("sandbox preset", "model service", "requests/s at first failure", "p99 of the last good rate", "the failing rate",
                        "verdict", "report");
        String criterion = "";
        for (OnSandbox each : runs) {
            String verdict = each.run().verdict() == DrillRun.Verdict.HELD ? "held" : ReportDocument.alarm(each.run().verdict().name()
                    .toLowerCase(Locale.ROOT));
            if (each.run().capacities().isEmpty()) {
                doc.row(each.preset(), "", "not measured", "", each.run().why(), verdict, each.folder() + "/");
            }
            for (DrillRun.Capacity capacity : each.run().capacities()) {
                criterion = capacity.criterion();
                doc.row(each.preset(), capacity.model(), Double.isNaN(capacity.firstFailureRps()) ? "none up to the limit"
                                : DrillRun.format(capacity.firstFailureRps()),
                        capacity.lastGood() == null ? "" : Math.round(capacity.lastGood().p99Millis()) + " ms",
                        capacity.failing() == null ? "" : capacity.failing().describe(), verdict, each.folder() + "/");
            }
        }
        if (!criterion.isEmpty()) {
            doc.paragraph("A rate fails when " + criterion + ". The load is open-loop: requests are sent at random (Poisson) times"
                    + " whether or not earlier ones were answered, as real clients do.");
        }
        List<Case> cases = runs.stream().map(each -> new Case("verdict on " + each.preset(), each.run())).toList();
        try {
            Files.createDirectories(folder);
            return write(doc.build(), junit(scenario.name(), cases), folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the drill's report into " + folder + ": " + e.getMessage(), e);
        }
    }

    private static Path write(ReportDocument document, String junit, Path folder) throws IOException {
        Files.writeString(folder.resolve("report.md"), ReportText.markdown(document), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("report.html"), ReportText.html(document), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("junit.xml"), junit, StandardCharsets.UTF_8);
        try (var old = Files.newDirectoryStream(folder, "report-page-*.png")) {
            for (Path page : old) {
                Files.delete(page); // a shorter report over a longer one leaves no stale page
            }
        }
        ReportPages.write(document, folder);
        return folder.resolve("report.md");
    }

    static ReportDocument document(DrillRun run) {
        Scenario scenario = run.scenario();
        ReportDocument.Builder doc = new ReportDocument.Builder("Drill " + scenario.name() + ": " + run.verdict().name().toLowerCase(Locale.ROOT))
                .paragraph(scenario.description())
                .paragraph("Context " + run.context() + ", namespace " + scenario.target().namespace() + ". Started " + run.started()
                        + ", ran " + seconds(run.duration().toMillis()) + ". Verdict: **" + run.verdict().name() + "** (exit code "
                        + run.verdict().exitCode + ")" + (run.why().isEmpty() ? "" : ": " + run.why()))
                .heading("Steady-state hypothesis")
                .table("probe", "threshold");
        scenario.hypothesis().forEach(p -> doc.row(p.name(), "`" + p.describe() + "`"));
        doc.table("phase", "held", "detail");
        run.phasesOrEmpty().forEach(p -> doc.row(p.name(), p.held() ? "yes" : ReportDocument.alarm("no"), p.detail()));
        doc.image("probes.png", "Probes over time").heading("Traffic over the drill")
                .table("model service", "requests", "failed", "availability", "p99");
        run.figures().forEach(f -> {
            if (f.problem().isEmpty()) {
                doc.row(f.model(), count(f.requests()), count(f.failed()), percent(f.availability()),
                        DrillRun.format(Math.round(f.p99Millis())) + " ms");
            } else {
                doc.row(f.model(), "unknown: " + f.problem(), "", "", "");
            }
        });
        if (!run.loads().isEmpty()) {
            doc.heading("Load sent by the drill").table("model service", "rate", "seconds", "sent", "ok", "failed", "p99");
            run.loads().forEach(l -> doc.row(l.model(), DrillRun.format(l.rps()) + "/s", String.format(Locale.ROOT, "%.1f", l.seconds()),
                    String.valueOf(l.sent()), String.valueOf(l.ok()), l.failed() == 0 ? "0" : ReportDocument.alarm(String.valueOf(l.failed())),
                    Math.round(l.p99Millis()) + " ms"));
        }
        if (!run.capacities().isEmpty()) {
            doc.heading("Requests per second at first failure")
                    .table("model service", "requests/s at first failure", "p99 of the last good rate", "the failing rate");
            run.capacities().forEach(c -> doc.row(c.model(), Double.isNaN(c.firstFailureRps()) ? "none up to the limit"
                    : DrillRun.format(c.firstFailureRps()), c.lastGood() == null ? "" : Math.round(c.lastGood().p99Millis()) + " ms",
                    c.failing() == null ? "" : c.failing().describe()));
            doc.paragraph("A rate fails when " + run.capacities().getFirst().criterion() + ".");
        }
        doc.heading("Recovery times");
        if (run.recoveries().isEmpty()) {
            doc.paragraph("None measured.");
        } else {
            doc.table("what", "took");
            run.recoveries().forEach(r -> doc.row(r.what(), r.took().toMillis() + " ms"));
        }
        doc.heading("Timeline").table("at", "what", "detail");
        run.events().forEach(e -> doc.row(seconds(e.at().toMillis()), e.kind(), e.text()));
        return doc.build();
    }

    /** A JUnit test case: a drill run's verdict. */
    private record Case(String name, DrillRun run) {
    }

    /** Per run: one test case per phase of the hypothesis that did not hold, and one for the verdict; a verdict but HELD fails. */
    static String junit(String drill, List<Case> cases) {
        StringBuilder body = new StringBuilder();
        int tests = 0;
        int failures = 0;
        double seconds = 0;
        for (Case each : cases) {
            String prefix = cases.size() == 1 ? "" : each.name().replace("verdict on ", "") + ": ";
            for (DrillRun.Phase phase : each.run().phasesOrEmpty()) {
                tests++;
                body.append("  <testcase classname=\"drill.").append(ReportText.escape(drill)).append("\" name=\"")
                        .append(ReportText.escape(prefix)).append("hypothesis ").append(phase.name()).append("\">");
                if (!phase.held()) {
                    failures++;
                    body.append("<failure message=\"").append(ReportText.escape(phase.detail())).append("\"/>");
                }
                body.append("</testcase>\n");
            }
            tests++;
            body.append("  <testcase classname=\"drill.").append(ReportText.escape(drill)).append("\" name=\"")
                    .append(ReportText.escape(each.name())).append("\">");
            if (each.run().verdict() != DrillRun.Verdict.HELD) {
                failures++;
                body.append("<failure message=\"").append(ReportText.escape(each.run().verdict().name() + ": " + each.run().why()))
                        .append("\"/>");
            }
            body.append("</testcase>\n");
            seconds += each.run().duration().toMillis() / 1000.0;
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"drill " + ReportText.escape(drill) + "\" tests=\"" + tests
                + "\" failures=\"" + failures + "\" time=\"" + seconds + "\">\n" + body + "</testsuite>\n";
    }

    private static String count(double value) {
        return Double.isNaN(value) ? "unknown" : String.valueOf(Math.round(value));
    }

    private static String percent(double ratio) {
        return Double.isNaN(ratio) ? "unknown" : String.format(Locale.ROOT, "%.3f %%", ratio * 100);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
