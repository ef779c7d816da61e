package dev.pitwall.app.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.pitwall.sandbox.dataplane.PrometheusServer;

/**
 * The shipped topology comparison, headless as a CI pipeline runs it: a fresh sandbox per preset,
 * rising open-loop load on fraud-detector until it first fails. Each topology fails around its
 * serving capacity (1, 2 and 3 pods of 200 requests/s, each with a queue), in that order; each
 * sandbox's report counts, from Prometheus (which scrapes the gateway), the requests the load sent;
 * the comparison is written as Markdown, HTML, PNG pages and JUnit XML.
 */
class TopologyDrillTest {

    @Test
    void theTopologyComparisonReproducesTheHadrGuidesTable() throws Exception {
        assertTrue(PrometheusServer.binary().isPresent(), "Prometheus must be installed for this test: apt-get install prometheus");
        Path report = Files.createTempDirectory("pitwall-topology");
        System.setProperty("pitwall.home", report.resolve("home").toString());
        PitwallCli.Run run = PitwallCli.run("drill", "run", "app/drills/topology-comparison.yaml", "--report", report.toString(),
                "--confirm", "topology-comparison");
        System.clearProperty("pitwall.home");
        assertEquals(0, run.exit(), run.output());

        String md = Files.readString(report.resolve("report.md"));
        double single = firstFailure(md, "single-active");
        double two = firstFailure(md, "two-active-standby");
        double three = firstFailure(md, "three-active");
        // each fails around its serving capacity (1, 2 and 3 pods of 200 requests/s): at a full load a
        // queue grows without bound, so a rate equal to the capacity, or a step below it on a Poisson
        // burst, may fail; the queue of 50 per pod absorbs a few steps above it
        assertTrue(single >= 150 && single <= 300, "single-active first failed at " + single + "\n" + md);
        assertTrue(two >= 350 && two <= 550, "two-active-standby first failed at " + two + "\n" + md);
        assertTrue(three >= 550 && three <= 800, "three-active first failed at " + three + "\n" + md);
        assertTrue(single < two && two < three, "more active pods serve more: " + single + ", " + two + ", " + three);

        for (String preset : new String[]{"single-active", "two-active-standby", "three-active"}) {
            String own = Files.readString(report.resolve(preset).resolve("report.md"));
            long sent = 0;
            Matcher rates = Pattern.compile("\\| fraud-detector \\| [0-9]+/s \\| [0-9.]+ \\| ([0-9]+) \\| [0-9]+ \\|").matcher(own);
            while (rates.find()) {
                sent += Long.parseLong(rates.group(1));
            }
            Matcher figures = Pattern.compile("\\| fraud-detector \\| ([0-9]+) \\| ([0-9]+) \\| [0-9.]+ %").matcher(own);
            assertTrue(sent > 0 && figures.find(), own);
            double counted = Double.parseDouble(figures.group(1));
            assertTrue(Math.abs(counted - sent) / sent < 0.05, preset + ": Prometheus counted " + counted + ", the load sent " + sent);
        }
        assertTrue(Files.readString(report.resolve("junit.xml")).contains("tests=\"12\" failures=\"0\""));
        assertTrue(Files.readString(report.resolve("report.html")).contains("<td>two-active-standby</td>"));
        assertEquals(1240, ImageIO.read(report.resolve("report-page-1.png").toFile()).getWidth(), "the comparison as a PNG page");
        assertTrue(Files.exists(report.resolve("two-active-standby").resolve("report-page-2.png")), "a run's report continues on page 2");
    }

    @Test
    void aDrillOnItsOwnSandboxesRefusesAContextAndADrillOnAContextNeedsOne() {
        PitwallCli.Run onSandboxes = PitwallCli.run("drill", "run", "app/drills/topology-comparison.yaml", "--report", "/tmp/unused",
                "--confirm", "topology-comparison", "--context", "production");
        assertEquals(4, onSandboxes.exit(), onSandboxes.output());
        assertTrue(onSandboxes.output().contains("runs on fresh sandboxes of its own (single-active, two-active-standby, three-active);"
                + " run it without --context."), onSandboxes.output());
        PitwallCli.Run onContext = PitwallCli.run("drill", "run", "app/drills/failover-and-failback.yaml", "--report", "/tmp/unused",
                "--confirm", "failover-and-failback");
        assertEquals(2, onContext.exit(), onContext.output());
        assertTrue(onContext.output().contains("Missing required option: '--context=<context>'"), onContext.output());
    }

    private static double firstFailure(String md, String preset) {
        Matcher row = Pattern.compile("\\| " + preset + " \\| fraud-detector \\| ([0-9]+) \\|").matcher(md);
        assertTrue(row.find(), preset + " has no rate at first failure:\n" + md);
        return Double.parseDouble(row.group(1));
    }
}
