package dev.pitwall.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine commandLine = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void versionNamesPitwallAndItsJava() {
        Run run = run("--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("Pitwall " + PitwallVersion.current()), run.out());
        assertTrue(!PitwallVersion.current().equals("unknown"), "the build stamps the version");
    }

    @Test
    void helpListsTheCommands() {
        Run run = run("--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Usage: pitwall"), run.out());
        assertTrue(run.out().contains("ui"), run.out());
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run run = run("--frobnicate");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err().contains("Unknown option: '--frobnicate'"), run.err());
    }

    @Test
    void screenshotRendersTheMainWindowToPng(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("shots/main.png");
        Run run = run("ui", "--screenshot", png.toString());

        assertEquals(0, run.exitCode(), run.err());
        BufferedImage image = ImageIO.read(png.toFile());
        int width = (int) dev.pitwall.ui.MainWindow.WIDTH;
        int height = (int) dev.pitwall.ui.MainWindow.HEIGHT;
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
        long colours = java.util.Arrays.stream(image.getRGB(0, 0, width, height, null, 0, width)).distinct().count();
        assertTrue(colours > 20, "a rendered window, not a blank image (" + colours + " colours)");
    }
}
