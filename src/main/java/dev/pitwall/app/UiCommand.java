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
            description = "With --screenshot --sandbox: the view to render: service, timeline, map, pods, traffic or top (default:"
                    + " ${DEFAULT-VALUE}).")
    String view;

    @Option(names = "--prometheus", paramLabel = "CONTEXT=URL",
            description = "The Prometheus of a context (repeatable; a glob such as prod-*=URL serves several). Without it, the"
                    + " settings file prometheus.yaml in the data directory, else a Prometheus Service found in the cluster.")
    java.util.Map<String, String> prometheus = new java.util.LinkedHashMap<>();

    /** The --prometheus entries of this run, for the window (JavaFX starts the application without arguments). */
    private static volatile java.util.List<dev.pitwall.metrics.PrometheusSettings.Entry> given = java.util.List.of();

    static java.util.List<dev.pitwall.metrics.PrometheusSettings.Entry> prometheus() {
        return given;
    }

    @Override
    public Integer call() {
        given = prometheus.entrySet().stream().map(entry -> {
            if (!entry.getValue().matches("https?://.+")) {
                throw new UserError("--prometheus " + entry.getKey() + "=" + entry.getValue() + ": the URL must start with http:// or"
                        + " https://", ExitCodes.USAGE);
            }
            return new dev.pitwall.metrics.PrometheusSettings.Entry(java.util.List.of(entry.getKey()), entry.getValue(), null, null,
                    null, null);
        }).toList();
        if (screenshot != null) {
            FleetView.View shown;
            try {
                shown = FleetView.View.valueOf(view.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserError("unknown view '" + view + "'. Choose one of: service, timeline, map, pods, traffic, top.", ExitCodes.USAGE);
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
