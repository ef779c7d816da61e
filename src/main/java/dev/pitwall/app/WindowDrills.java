package dev.pitwall.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.pitwall.drill.DrillPort;
import dev.pitwall.drill.Scenario;
import dev.pitwall.drill.ScenarioException;
import dev.pitwall.drill.ScenarioReader;
import dev.pitwall.ui.drill.DrillsPort;

/**
 * The drill panel's sources: the shipped drills (in Pitwall's jar), the scenarios in the data
 * directory's {@code drills/} folder, each open context's operations, and report folders under
 * {@code <data dir>/drill-reports/}.
 */
final class WindowDrills implements DrillsPort {

    /** The drills Pitwall ships, in app/drills/. */
    static final List<String> SHIPPED = List.of("failover-and-failback", "kill-a-pod-during-a-rolling-restart", "rolling-restart-under-load",
            "topology-comparison");

    private final Function<String, DrillPort> ports;

    WindowDrills(Function<String, DrillPort> ports) {
        this.ports = ports;
    }

    @Override
    public List<Offered> scenarios() {
        List<Offered> offered = new ArrayList<>();
        for (String name : SHIPPED) {
            String file = "app/drills/" + name + ".yaml";
            try (InputStream in = WindowDrills.class.getResourceAsStream("/" + file)) {
                offered.add(in == null ? new Offered(file, null, "missing from Pitwall's jar; rebuild Pitwall")
                        : read(file, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                offered.add(new Offered(file, null, e.getMessage()));
            }
        }
        Path own = DataDirectory.resolve().resolve("drills");
        if (Files.isDirectory(own)) {
            try (Stream<Path> files = Files.list(own)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    offered.add(read(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
                }
            } catch (IOException e) {
                offered.add(new Offered(own.toString(), null, "cannot list it: " + e.getMessage()));
            }
        }
        return offered;
    }

    private static Offered read(String file, String text) {
        try {
            return new Offered(file, ScenarioReader.parse(file, text), "");
        } catch (ScenarioException e) {
            return new Offered(file, null, e.getMessage());
        }
    }

    @Override
    public DrillPort port(String context) {
        return ports.apply(context);
    }

    @Override
    public Path reportFolder(Scenario scenario) {
        return DataDirectory.resolve().resolve("drill-reports").resolve(scenario.name() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
