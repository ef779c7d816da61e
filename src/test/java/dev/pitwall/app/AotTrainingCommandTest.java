package dev.pitwall.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pitwall.ui.fleet.FleetView;
import picocli.CommandLine;

/**
 * The run the launcher records its ahead-of-time cache from (decision 18): a launcher whose run
 * failed would start every build without the cache, so it must go through the window and every view.
 */
class AotTrainingCommandTest {

    @AfterEach
    void forgetHome() {
        System.clearProperty("pitwall.home");
    }

    @Test
    void showsTheWindowOnTheDefaultSandboxThenEveryViewOnTheScaleSandbox(@TempDir Path dir) {
        System.setProperty("pitwall.home", dir.toString());
        CommandLine commandLine = Main.commandLine();
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        int code = commandLine.execute("aot-train", "--seconds", "1", "--pods", "400", "--nodes", "10", "--churn", "20");

        assertEquals(ExitCodes.OK, code, out.toString());
        assertTrue(out.toString().contains("the main window on the default sandbox:"), out.toString());
        for (FleetView.View view : FleetView.View.values()) {
            assertTrue(java.util.regex.Pattern.compile("shown: " + view.name().toLowerCase(java.util.Locale.ROOT) + ", (\\d{3}) pods")
                    .matcher(out.toString()).results().anyMatch(shown -> Integer.parseInt(shown.group(1)) >= 380), out.toString());
        }
        assertTrue(out.toString().contains("trained:"), out.toString());
    }
}
