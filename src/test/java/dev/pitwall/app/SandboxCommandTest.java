package dev.pitwall.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pitwall.sandbox.Kubectl;

/** {@code pitwall sandbox} as an operator runs it: in its own process, until interrupted. */
class SandboxCommandTest {

    @TempDir
    Path dir;

    private Process pitwall(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "dev.pitwall.app.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** The lines a sandbox prints before 'ready'; fails if it never says it. */
    private static List<String> untilReady(Process sandbox) throws java.io.IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null && !line.equals("ready")) {
            lines.add(line);
            assertTrue(lines.size() < 50, "no 'ready' line: " + lines);
        }
        assertEquals("ready", line, "the sandbox says it serves: " + lines);
        return lines;
    }

    @Test
    void printsReadyServesKubectlAndStopsOnSigterm() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        Process sandbox = pitwall("sandbox", "--preset", "single-active", "--kubeconfig", kubeconfig.toString());
        try {
            List<String> lines = untilReady(sandbox);
            assertTrue(String.join("\n", lines).contains("sandbox-operator"), lines.toString());
            assertTrue(Files.getPosixFilePermissions(kubeconfig).toString().equals("[OWNER_READ, OWNER_WRITE]"),
                    "the kubeconfig holds tokens: owner only");

            Kubectl.Result nodes = new Kubectl(kubeconfig).run("get", "nodes").assertOk();
            assertTrue(nodes.out().contains("sandbox-node-1"), nodes.out());
        } finally {
            sandbox.destroy();
        }
        assertTrue(sandbox.waitFor(15, TimeUnit.SECONDS), "SIGTERM stops the sandbox");
    }

    @Test
    void servesPredictionsThroughGatewaysWithPrometheusAndWritesTheEndpoints() throws Exception {
        Path endpointsFile = dir.resolve("endpoints.json");
        Process sandbox = pitwall("sandbox", "--preset", "single-active", "--kubeconfig", dir.resolve("kubeconfig").toString(),
                "--endpoints", endpointsFile.toString(), "--prometheus", "--load", "5");
        String prometheus;
        try {
            untilReady(sandbox);
            var endpoints = dev.pitwall.sandbox.store.KubeObjects.JSON.readTree(Files.readString(endpointsFile));
            assertTrue(endpoints.path("apiServer").asString().startsWith("https://127.0.0.1:"), endpoints.toString());
            prometheus = endpoints.path("prometheus").asString();
            String gateway = endpoints.path("gateways").path("fraud-detector").asString();
            var http = java.net.http.HttpClient.newHttpClient();
            var prediction = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway
                    + "/v1/models/fraud-detector:predict")).POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                    "{\"instances\":[[1,2,3]]}")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, prediction.statusCode(), prediction.body());
            assertTrue(prediction.body().contains("\"predictions\":[0."), prediction.body());
            var ready = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(prometheus + "/-/ready")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode());
        } finally {
            sandbox.destroy();
        }
        assertTrue(sandbox.waitFor(20, TimeUnit.SECONDS), "SIGTERM stops the sandbox");
        TestPorts.awaitClosed(prometheus, "Prometheus stops with the sandbox");
    }

    @Test
    void theScaleChurnPrintsEachPodItDeletesWithTheMachinesClock() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        Process sandbox = pitwall("sandbox", "--preset", "scale", "--pods", "200", "--nodes", "10", "--churn", "120",
                "--churn-log", "--kubeconfig", kubeconfig.toString());
        try {
            untilReady(sandbox);
            BufferedReader out = new BufferedReader(new InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            for (int i = 0; i < 20 && line != null && !line.startsWith("churn "); i++) {
                line = out.readLine();
            }
            assertTrue(line != null && line.startsWith("churn "), "a churn line: " + line);
            String[] fields = line.split(" ");
            long sent = Long.parseLong(fields[1]);
            long now = System.nanoTime();
            assertTrue(sent <= now && now - sent < TimeUnit.SECONDS.toNanos(30),
                    "the deletion's time is on this machine's monotonic clock, just past: " + (now - sent) + " ns ago");
            assertTrue(fields[2].startsWith("fleet/") && !fields[3].isEmpty(), line);

            Kubectl.Result pod = new Kubectl(kubeconfig).run("get", "pod", fields[2].substring("fleet/".length()), "-n", "fleet",
                    "--ignore-not-found", "-o", "jsonpath={.metadata.deletionTimestamp}{.spec.nodeName}").assertOk();
            assertTrue(pod.out().isEmpty() || pod.out().endsWith(fields[3]) && pod.out().length() > fields[3].length(),
                    "the pod is being deleted from that node, or gone: '" + pod.out() + "'");
        } finally {
            sandbox.destroy();
        }
        assertTrue(sandbox.waitFor(15, TimeUnit.SECONDS), "SIGTERM stops the sandbox");
    }

    @Test
    void aChurnLogWithoutChurnIsExplained() throws Exception {
        Process sandbox = pitwall("sandbox", "--preset", "scale", "--churn-log", "--kubeconfig", dir.resolve("k").toString());
        assertTrue(sandbox.waitFor(30, TimeUnit.SECONDS));
        String output = new String(sandbox.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(ExitCodes.USAGE, sandbox.exitValue(), output);
        assertTrue(output.contains("--churn-log goes with --churn"), output);
    }

    @Test
    void aTakenPortIsExplained() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Process sandbox = pitwall("sandbox", "--port", String.valueOf(taken.getLocalPort()),
                    "--kubeconfig", dir.resolve("k").toString());
            assertTrue(sandbox.waitFor(30, TimeUnit.SECONDS));
            String output = new String(sandbox.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(ExitCodes.UNAVAILABLE, sandbox.exitValue(), output);
            assertTrue(output.contains("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use: pick another with --port"),
                    output);
            assertTrue(!output.contains("Exception") && !output.contains("\tat "), "no stack trace: " + output);
        }
    }

    @Test
    void aBadPresetIsExplained() throws Exception {
        Path preset = Files.writeString(dir.resolve("mine.yaml"), "name: mine\nnodes: {count: 1}\nmodels: []\n");
        Process sandbox = pitwall("sandbox", "--preset", preset.toString(), "--kubeconfig", dir.resolve("k").toString());
        assertTrue(sandbox.waitFor(30, TimeUnit.SECONDS));
        String output = new String(sandbox.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(ExitCodes.USAGE, sandbox.exitValue(), output);
        assertTrue(output.contains(preset + ": field 'models': expected a non-empty list of model services, found a list"), output);
    }
}
