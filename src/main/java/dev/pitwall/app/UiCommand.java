package dev.pitwall.app;

import dev.pitwall.ui.fleet.FleetView;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pitwall ui}: the main window, or with {@code --screenshot} a headless rendering of it. */
@Command(name = "ui", mixinStandardHelpOptions = true, versionProvider = PitwallVersion.class,
        description = "Open the main window (the default when no command is given).")
public final class UiCommand implements Callable<Integer> {

    @Option(names = "--screenshot", paramLabel = "FILE.png",
            description = "Render the main window headless to FILE.png and exit (no display needed).")
    Path screenshot;

    @Option(names = "--sandbox", description = "With --screenshot: open the sandbox fleet and render it once it has settled.")
    boolean sandbox;

    @Option(names = "--view", paramLabel = "VIEW", defaultValue = "service",
            description = "With --screenshot --sandbox: the view to render: service, timeline, map or pods (default: ${DEFAULT-VALUE}).")
    String view;

    @Override
    public Integer call() {
        if (screenshot != null) {
            FleetView.View shown;
            try {
                shown = FleetView.View.valueOf(view.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserError("unknown view '" + view + "'. Choose one of: service, timeline, map, pods.", ExitCodes.USAGE);
            }
            HeadlessPlatform.enable();
            new ScreenshotRenderer().render(screenshot, sandbox, shown);
            System.out.println("wrote " + screenshot.toAbsolutePath());
            return ExitCodes.OK;
        }
        if (isLinux() && blank(System.getenv("DISPLAY")) && blank(System.getenv("WAYLAND_DISPLAY"))) {
            throw new UserError("no display to open the window on (DISPLAY is not set). Run Pitwall in a "
                    + "desktop session, or under 'xvfb-run ./pitwall', or render it with "
                    + "'./pitwall ui --screenshot FILE.png'.", ExitCodes.UNAVAILABLE);
        }
        try {
            DesktopApp.launch();
        } catch (UnsupportedOperationException e) {
            if (String.valueOf(e.getMessage()).contains("GTK")) {
                throw new UserError("JavaFX cannot open a window: the GTK 3 library is missing. Install it "
                        + "(Debian/Ubuntu: 'apt-get install libgtk-3-0'), or render the window with "
                        + "'./pitwall ui --screenshot FILE.png'.", ExitCodes.UNAVAILABLE);
            }
            throw e;
        }
        return ExitCodes.OK;
    }

    private static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase().contains("linux");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
