package dev.pitwall.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pitwall.sandbox.preset.Preset;
import dev.pitwall.sandbox.preset.PresetReader;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * External load from the real {@code wrk} (Debian's package) at about 70 % of the
 * two-active-standby fraud-detector's capacity, through its gateway: no error, no socket error.
 */
class WrkLoadTest {

    @TempDir
    Path dir;

    @Test
    void seventyPercentOfCapacityGetsNoErrors() throws Exception {
        Preset preset = PresetReader.shipped("two-active-standby");
        Preset.Track primary = preset.models().getFirst().tracks().getFirst();
        double capacity = primary.replicas() * primary.capacityRps();
        try (Sandbox sandbox = TestSandboxes.start(preset, dir);
             KubernetesClient client = TestSandboxes.client(sandbox, SandboxIdentity.VIEWER)) {
            TestSandboxes.awaitSteady(sandbox, client);
            String url = sandbox.dataPlane().gatewayUrls().get("fraud-detector") + "/v1/models/fraud-detector:predict";
            Path script = Path.of(WrkLoadTest.class.getResource("testdata/predict.lua").toURI());
            Path output = dir.resolve("wrk.txt");
            ProcessBuilder wrk = new ProcessBuilder(List.of("wrk", "-t2", "-c9", "-d10s", "-s", script.toString(), url))
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            wrk.environment().put("PAUSE_MS", "10");
            Process process = wrk.start();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "wrk finished");
            String report = Files.readString(output);

            assertEquals(0, process.exitValue(), report);
            Matcher rate = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(report);
            assertTrue(rate.find(), report);
            double share = Double.parseDouble(rate.group(1)) / capacity;
            assertTrue(share > 0.55 && share < 0.85, "wrk ran at " + Math.round(share * 100) + " % of capacity:\n" + report);
            assertTrue(!report.contains("Non-2xx or 3xx responses"), report);
            assertTrue(!report.contains("Socket errors"), report);
            Map<String, Long> errors = GatewayMetrics.byBackend(sandbox.dataPlane().gatewayUrls().get("fraud-detector"), "503");
            assertEquals(0L, errors.values().stream().mapToLong(Long::longValue).sum(), "the gateway counted no 503");
        }
    }
}
