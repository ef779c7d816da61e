package dev.pitwall.app.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import dev.pitwall.drill.DrillRun;
import dev.pitwall.drill.DrillRunner;
import dev.pitwall.drill.ScenarioReader;
import dev.pitwall.sandbox.GatewayMetrics;
import dev.pitwall.sandbox.Sandbox;
import dev.pitwall.sandbox.SandboxIdentity;
import dev.pitwall.sandbox.TestSandboxes;
import dev.pitwall.sandbox.dataplane.LoadGenerator;
import dev.pitwall.sandbox.dataplane.PrometheusServer;
import dev.pitwall.sandbox.dataplane.ScrapeConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;

/**
 * Drills run headless against the sandbox under load, with a real Prometheus that Pitwall finds in
 * the cluster: the shipped drills hold and write their reports, whose figures agree with the
 * gateway's own counts; a drill whose hypothesis breaks aborts, rolls back and exits "deviated";
 * HALT stops a pod-kill schedule and starts its rollbacks within a second.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DrillRunTest {

    private Path dir;
    private Sandbox sandbox;
    private KubernetesClient lead;
    private Vertx vertx;
    private PrometheusServer prometheus;
    private ScrapeConfig scrape;
    private final List<LoadGenerator> load = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        assertTrue(PrometheusServer.binary().isPresent(), "Prometheus must be installed for this test: apt-get install prometheus");
        dir = Files.createTempDirectory("pitwall-drills");
        System.setProperty("pitwall.home", dir.resolve("home").toString());
        sandbox = TestSandboxes.start("two-active-standby", dir);
        lead = TestSandboxes.client(sandbox, SandboxIdentity.LEAD);
        TestSandboxes.awaitSteady(sandbox, lead);
        scrape = ScrapeConfig.write(dir.resolve("prometheus"), sandbox.dataPlane(), 1);
        prometheus = PrometheusServer.start(scrape.file(), dir.resolve("prometheus"));
        sandbox.announcePrometheus(prometheus.url());
        vertx = Vertx.vertx();
        sandbox.dataPlane().gatewayUrls().forEach((model, url) -> load.add(LoadGenerator.start(vertx, url, model, 60)));
        Thread.sleep(12_000); // the probes' 10 s rates need that much history
    }

    @AfterAll
    void stop() {
        load.forEach(LoadGenerator::close);
        vertx.close();
        if (prometheus != null) {
            prometheus.close();
        }
        if (scrape != null) {
            scrape.close();
        }
        lead.close();
        sandbox.close();
        System.clearProperty("pitwall.home");
    }

    private PitwallCli.Run drill(Path file, String name, Path report) {
        return PitwallCli.as(sandbox, SandboxIdentity.OPERATOR, "drill", "run", file.toString(), "--report", report.toString(),
                "--confirm", name);
    }

    private long gatewayCount(String model) {
        return GatewayMetrics.byBackend(sandbox.dataPlane().gatewayUrls().get(model), null).values().stream().mapToLong(Long::longValue)
                .sum();
    }

    @Test
    @Order(1)
    void theFailoverDrillHoldsAndItsReportAgreesWithTheGatewaysCounts() throws Exception {
        Path report = dir.resolve("report-failover");
        long before = gatewayCount("fraud-detector");
        PitwallCli.Run run = drill(Path.of("app", "drills", "failover-and-failback.yaml"), "failover-and-failback", report);
        long after = gatewayCount("fraud-detector");
        assertEquals(0, run.exit(), run.output());
        String md = Files.readString(report.resolve("report.md"));
        assertTrue(md.startsWith("# Drill failover-and-failback: held"), md);
        assertTrue(md.contains("| before | yes |") && md.contains("| during | yes |") && md.contains("| after | yes |"), md);
        assertTrue(md.matches("(?s).*\\| failover of fraud-detector \\(from its run's start to verified\\) \\| [0-9]+ ms \\|.*"), md);
        // the report's request count (Prometheus, over the drill) against the gateway's own counter over the same run
        java.util.regex.Matcher figures = java.util.regex.Pattern.compile("\\| fraud-detector \\| ([0-9]+) \\| ([0-9]+) \\| ([0-9.]+) %").matcher(md);
        assertTrue(figures.find(), md);
        double reported = Double.parseDouble(figures.group(1));
        double counted = after - before;
        assertTrue(Math.abs(reported - counted) / counted < 0.10, "report " + reported + " vs gateway " + counted);
        assertEquals("0", figures.group(2), "no request failed");
        for (String file : List.of("report.html", "junit.xml")) {
            assertTrue(Files.size(report.resolve(file)) > 200, file);
        }
        assertTrue(ImageIO.read(report.resolve("probes.png").toFile()).getWidth() >= 1000, "the chart is a PNG");
        assertTrue(Files.readString(report.resolve("junit.xml")).contains("failures=\"0\""));
    }

    @Test
    @Order(2)
    void theShippedRestartDrillsHoldAndMeasureThePodKillRecovery() throws Exception {
        Path restart = dir.resolve("report-restart");
        PitwallCli.Run rolling = drill(Path.of("app", "drills", "rolling-restart-under-load.yaml"), "rolling-restart-under-load", restart);
        assertEquals(0, rolling.exit(), rolling.output());
        Path kill = dir.resolve("report-kill");
        PitwallCli.Run killed = drill(Path.of("app", "drills", "kill-a-pod-during-a-rolling-restart.yaml"),
                "kill-a-pod-during-a-rolling-restart", kill);
        assertEquals(0, killed.exit(), killed.output());
        String md = Files.readString(kill.resolve("report.md"));
        assertTrue(md.matches("(?s).*\\| pod kill to Ready replacement in sentiment-primary \\| [0-9]+ ms \\|.*"), md);
    }

    @Test
    @Order(3)
    void aDrillWhoseHypothesisBreaksAbortsRollsBackAndExitsDeviated() throws Exception {
        Path file = Path.of(getClass().getResource("testdata/breaking-primary.yaml").toURI());
        Path report = dir.resolve("report-deviated");
        CompletableFuture<PitwallCli.Run> running = CompletableFuture.supplyAsync(() -> drill(file, "breaking-primary", report));
        Thread.sleep(4000);
        lead.apps().deployments().inNamespace("models").withName("fraud-detector-primary").edit(d -> {
            d.getSpec().getTemplate().getMetadata().getAnnotations().put("sandbox.pitwall.dev/error-rate", "0.5");
            return d;
        });
        PitwallCli.Run run = running.get(180, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(DrillRun.Verdict.DEVIATED.exitCode, run.exit(), run.output());
        assertTrue(run.output().contains("the hypothesis broke: fraud-detector answers breached"), run.output());
        assertTrue(run.output().matches("(?s).*rollback step +failover fraud-detector.*"), run.output());
        assertEquals(java.util.Map.of("fraud-detector-primary", 0, "fraud-detector-standby", 100), sandbox.dataPlane().weights("fraud-detector"),
                "the rollback moved the traffic to the standby");
        assertTrue(Files.readString(report.resolve("junit.xml")).contains("<failure message=\"DEVIATED"));
    }

    @Test
    @Order(4)
    void haltStopsAPodKillScheduleAndStartsTheRollbacksWithinASecond() throws Exception {
        var scenario = ScenarioReader.read(Path.of(getClass().getResource("testdata/pod-kill-schedule.yaml").toURI()));
        try (Operations operations = Operations.open(List.of(sandbox.kubeconfig()), sandbox.context(SandboxIdentity.OPERATOR), null)) {
            List<DrillRun.Event> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            DrillRunner runner = new DrillRunner(scenario, new OperationsDrillPort(operations, () -> operations.prometheus(List.of())),
                    sandbox.context(SandboxIdentity.OPERATOR), Clock.systemUTC()).onEvent(seen::add);
            CompletableFuture<DrillRun> running = CompletableFuture.supplyAsync(() -> runner.run("test"));
            TestSandboxes.await(Duration.ofSeconds(30), "the first pod killed, and the wait after it begun", () -> seen.stream()
                    .anyMatch(e -> e.kind().equals("step") && e.text().startsWith("wait")));
            long halted = System.nanoTime();
            runner.halt("test");
            DrillRun run = running.get(120, java.util.concurrent.TimeUnit.SECONDS);
            Duration haltAt = run.events().stream().filter(e -> e.kind().equals("halt")).findFirst().orElseThrow().at();
            Duration rollbackAt = run.events().stream().filter(e -> e.kind().equals("rollback")).findFirst().orElseThrow().at();
            assertTrue(rollbackAt.minus(haltAt).toMillis() < 1000, "rollbacks started " + rollbackAt.minus(haltAt).toMillis()
                    + " ms after HALT: " + run.events());
            long killsAfterHalt = run.events().stream().filter(e -> e.at().compareTo(haltAt) > 0 && e.kind().equals("step")).count();
            assertEquals(0, killsAfterHalt, "no step started after HALT: " + run.events());
            assertEquals(DrillRun.Verdict.ABORTED, run.verdict());
            assertTrue(run.why().startsWith("HALT"), run.why());
            System.out.printf("drill HALT: rollbacks started %d ms after HALT (measured in the test: %d ms to the run's end)%n",
                    rollbackAt.minus(haltAt).toMillis(), (System.nanoTime() - halted) / 1_000_000);
        }
    }
}
