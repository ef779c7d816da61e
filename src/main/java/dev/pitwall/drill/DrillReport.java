package dev.pitwall.drill;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * A drill's report in a folder: {@code report.md} and {@code report.html} (the verdict, the
 * hypothesis before, during and after, the recovery times, the timeline of steps and events),
 * {@code probes.png} (each probe's readings over time against its threshold, the steps marked),
 * and {@code junit.xml} for CI pipelines. The chart is drawn with Java2D, headless.
 */
public final class DrillReport {

    /** The report's stylesheet: embedded in the HTML, and the chart's colours and font read from its custom properties. */
    static final String STYLESHEET = "/ui/report.css";

    private DrillReport() {
    }

    /** Writes the report's files into {@code folder} (created when missing); the Markdown file's path. */
    public static Path write(DrillRun run, Path folder) {
        try {
            Files.createDirectories(folder);
            chart(run, folder.resolve("probes.png"));
            Files.writeString(folder.resolve("report.md"), markdown(run), StandardCharsets.UTF_8);
            Files.writeString(folder.resolve("report.html"), html(run), StandardCharsets.UTF_8);
            Files.writeString(folder.resolve("junit.xml"), junit(run), StandardCharsets.UTF_8);
            return folder.resolve("report.md");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the drill's report into " + folder + ": " + e.getMessage(), e);
        }
    }

    static String markdown(DrillRun run) {
        StringBuilder md = new StringBuilder();
        md.append("# Drill ").append(run.scenario().name()).append(": ").append(run.verdict().name().toLowerCase(Locale.ROOT))
                .append("\n\n");
        md.append(run.scenario().description()).append("\n\n");
        md.append("- Context: ").append(run.context()).append(", namespace ").append(run.scenario().target().namespace()).append('\n');
        md.append("- Started ").append(run.started()).append(", ran ").append(seconds(run.duration().toMillis())).append('\n');
        md.append("- Verdict: **").append(run.verdict().name()).append("** (exit code ").append(run.verdict().exitCode).append(")")
                .append(run.why().isEmpty() ? "" : ": " + run.why()).append("\n\n");
        md.append("## Steady-state hypothesis\n\n| probe | threshold |\n| --- | --- |\n");
        run.scenario().hypothesis().forEach(p -> md.append("| ").append(p.name()).append(" | `").append(p.describe()).append("` |\n"));
        md.append("\n| phase | held | detail |\n| --- | --- | --- |\n");
        run.phasesOrEmpty().forEach(p -> md.append("| ").append(p.name()).append(" | ").append(p.held() ? "yes" : "**no**").append(" | ")
                .append(p.detail().replace("|", "\\|")).append(" |\n"));
        md.append("\n![Probes over time](probes.png)\n\n## Traffic over the drill\n\n"
                + "| model service | requests | failed | availability | p99 |\n| --- | --- | --- | --- | --- |\n");
        run.figures().forEach(f -> md.append("| ").append(f.model()).append(" | ").append(f.problem().isEmpty() ? count(f.requests())
                + " | " + count(f.failed()) + " | " + percent(f.availability()) + " | " + DrillRunner.format(Math.round(f.p99Millis())) + " ms"
                : "unknown: " + f.problem().replace("|", "\\|") + " | | |").append(" |\n"));
        md.append("\n## Recovery times\n\n");
        if (run.recoveries().isEmpty()) {
            md.append("None measured.\n");
        } else {
            md.append("| what | took |\n| --- | --- |\n");
            run.recoveries().forEach(r -> md.append("| ").append(r.what()).append(" | ").append(r.took().toMillis()).append(" ms |\n"));
        }
        md.append("\n## Timeline\n\n| at | what | detail |\n| --- | --- | --- |\n");
        run.events().forEach(e -> md.append("| ").append(seconds(e.at().toMillis())).append(" | ").append(e.kind()).append(" | ")
                .append(e.text().replace("|", "\\|")).append(" |\n"));
        return md.toString();
    }

    static String html(DrillRun run) {
        StringBuilder html = new StringBuilder("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Drill ")
                .append(escape(run.scenario().name())).append("</title>\n<style>\n").append(stylesheet())
                .append("</style></head><body>\n");
        html.append("<h1>Drill ").append(escape(run.scenario().name())).append(": ").append(run.verdict().name().toLowerCase(Locale.ROOT))
                .append("</h1>\n<p>").append(escape(run.scenario().description())).append("</p>\n<p>Context ").append(escape(run.context()))
                .append(", started ").append(run.started()).append(", ran ").append(seconds(run.duration().toMillis())).append(". Verdict <b>")
                .append(run.verdict().name()).append("</b> (exit code ").append(run.verdict().exitCode).append(")")
                .append(run.why().isEmpty() ? "" : ": " + escape(run.why())).append("</p>\n");
        html.append("<h2>Steady-state hypothesis</h2>\n<table><tr><th>phase</th><th>held</th><th>detail</th></tr>\n");
        run.phasesOrEmpty().forEach(p -> html.append("<tr><td>").append(p.name()).append("</td><td").append(p.held() ? ">yes" : " class=\"no\">no")
                .append("</td><td>").append(escape(p.detail())).append("</td></tr>\n"));
        html.append("</table>\n<p><img src=\"probes.png\" alt=\"Probes over time\"></p>\n<h2>Traffic over the drill</h2>\n<table>"
                + "<tr><th>model service</th><th>requests</th><th>failed</th><th>availability</th><th>p99</th></tr>\n");
        run.figures().forEach(f -> html.append("<tr><td>").append(escape(f.model())).append("</td>").append(f.problem().isEmpty()
                ? "<td>" + count(f.requests()) + "</td><td>" + count(f.failed()) + "</td><td>" + percent(f.availability()) + "</td><td>"
                + Math.round(f.p99Millis()) + " ms</td>" : "<td colspan=\"4\">unknown: " + escape(f.problem()) + "</td>").append("</tr>\n"));
        html.append("</table>\n<h2>Recovery times</h2>\n<table><tr><th>what</th><th>took</th></tr>\n");
        run.recoveries().forEach(r -> html.append("<tr><td>").append(escape(r.what())).append("</td><td>").append(r.took().toMillis())
                .append(" ms</td></tr>\n"));
        html.append("</table>\n<h2>Timeline</h2>\n<table><tr><th>at</th><th>what</th><th>detail</th></tr>\n");
        run.events().forEach(e -> html.append("<tr><td>").append(seconds(e.at().toMillis())).append("</td><td>").append(escape(e.kind()))
                .append("</td><td>").append(escape(e.text())).append("</td></tr>\n"));
        return html.append("</table>\n</body></html>\n").toString();
    }

    /** One test case per phase of the hypothesis and per step outcome; a phase that did not hold is a failure. */
    static String junit(DrillRun run) {
        List<DrillRun.Phase> phases = run.phasesOrEmpty();
        long failures = phases.stream().filter(p -> !p.held()).count() + (run.verdict() == DrillRun.Verdict.HELD ? 0 : 1);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"drill ").append(escape(run.scenario().name())).append("\" tests=\"").append(phases.size() + 1)
                .append("\" failures=\"").append(failures).append("\" time=\"").append(run.duration().toMillis() / 1000.0).append("\">\n");
        for (DrillRun.Phase phase : phases) {
            xml.append("  <testcase classname=\"drill.").append(escape(run.scenario().name())).append("\" name=\"hypothesis ")
                    .append(phase.name()).append("\">");
            if (!phase.held()) {
                xml.append("<failure message=\"").append(escape(phase.detail())).append("\"/>");
            }
            xml.append("</testcase>\n");
        }
        xml.append("  <testcase classname=\"drill.").append(escape(run.scenario().name())).append("\" name=\"verdict\">");
        if (run.verdict() != DrillRun.Verdict.HELD) {
            xml.append("<failure message=\"").append(escape(run.verdict().name() + ": " + run.why())).append("\"/>");
        }
        return xml.append("</testcase>\n</testsuite>\n").toString();
    }

    /** Each probe in its own band: readings as dots (green held, red broke), steps as blue lines. */
    static void chart(DrillRun run, Path file) throws IOException {
        List<Scenario.Probe> probes = run.scenario().hypothesis();
        int width = 1000;
        int band = 140;
        int left = 70;
        int right = 20;
        int height = 40 + band * Math.max(1, probes.size());
        java.util.Map<String, String> css = properties();
        Color ink = Color.decode(css.get("ink"));
        Color grid = Color.decode(css.get("grid"));
        Color held = Color.decode(css.get("held"));
        Color broken = Color.decode(css.get("broken"));
        Color stepColour = Color.decode(css.get("step"));
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.decode(css.get("paper")));
        g.fillRect(0, 0, width, height);
        g.setFont(new Font(css.get("font").equals("sans-serif") ? Font.SANS_SERIF : css.get("font"), Font.PLAIN, 12));
        double total = Math.max(1, run.duration().toMillis());
        for (int p = 0; p < probes.size(); p++) {
            Scenario.Probe probe = probes.get(p);
            int top = 30 + p * band;
            int bottom = top + band - 40;
            List<DrillRun.Sample> mine = run.samples().stream().filter(s -> s.probe().equals(probe.name()) && !Double.isNaN(s.value())).toList();
            double min = mine.stream().mapToDouble(DrillRun.Sample::value).min().orElse(0);
            double max = mine.stream().mapToDouble(DrillRun.Sample::value).max().orElse(1);
            double threshold = probe.kubernetes() ? probe.readyAtLeast() : !Double.isNaN(probe.above()) ? probe.above() : probe.below();
            min = Math.min(min, threshold);
            max = Math.max(max, threshold);
            if (max - min < 1e-9) {
                max = min + 1;
            }
            g.setColor(ink);
            String title = probe.name() + "  (" + probe.describe() + ")";
            while (g.getFontMetrics().stringWidth(title) > width - left - right && title.length() > 10) {
                title = title.substring(0, title.length() - 12) + "…)";
            }
            g.drawString(title, left, top - 8);
            g.setColor(grid);
            g.drawRect(left, top, width - left - right, bottom - top);
            final double lo = min;
            final double hi = max;
            java.util.function.DoubleUnaryOperator y = v -> bottom - (v - lo) / (hi - lo) * (bottom - top);
            g.setColor(ink);
            g.drawString(DrillRunner.format(hi), 4, top + 10);
            g.drawString(DrillRunner.format(lo), 4, bottom);
            g.setColor(broken);
            g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[]{4, 4}, 0));
            g.drawLine(left, (int) y.applyAsDouble(threshold), width - right, (int) y.applyAsDouble(threshold));
            g.setStroke(new BasicStroke(1));
            g.setColor(stepColour);
            int number = 0;
            for (DrillRun.Event event : run.events()) {
                boolean step = event.kind().equals("step");
                if (step || event.kind().equals("rollback step") || event.kind().equals("halt")) {
                    int x = left + (int) (event.at().toMillis() / total * (width - left - right));
                    g.drawLine(x, top, x, bottom);
                    // the method's steps by number, as the timeline lists them; R for a rollback, H for HALT
                    g.drawString(step ? String.valueOf(++number) : event.kind().equals("halt") ? "H" : "R", x + 3, top + 12);
                }
            }
            for (DrillRun.Sample sample : mine) {
                int x = left + (int) (sample.at().toMillis() / total * (width - left - right));
                g.setColor(sample.holds() ? held : broken);
                g.fillOval(x - 3, (int) y.applyAsDouble(sample.value()) - 3, 6, 6);
            }
            g.setColor(ink);
            g.drawString("0 s", left, bottom + 14);
            g.drawString(seconds(run.duration().toMillis()), width - right - 50, bottom + 14);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static String stylesheet() {
        try (var in = DrillReport.class.getResourceAsStream(STYLESHEET)) {
            if (in == null) {
                throw new IllegalStateException(STYLESHEET + " is missing from Pitwall's jar; rebuild Pitwall");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stylesheet's custom properties ({@code --ink: #24292f;}) by name. */
    static java.util.Map<String, String> properties() {
        java.util.Map<String, String> properties = new java.util.HashMap<>();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("--([a-z-]+):\\s*([^;]+);").matcher(stylesheet());
        while (matcher.find()) {
            properties.put(matcher.group(1), matcher.group(2).trim());
        }
        return properties;
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

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
