package dev.pitwall.ui.drill;

import java.nio.file.Path;
import java.util.List;

import dev.pitwall.drill.DrillPort;
import dev.pitwall.drill.Scenario;

/**
 * What the drill panel needs, provided by the wiring in {@code app}: the scenarios it offers, the
 * context's way to the operations layer, and where reports go. Calls may block: the panel makes
 * them off the JavaFX thread.
 */
public interface DrillsPort {

    /** The scenarios to offer (the shipped drills, and the data directory's). An invalid one is offered with its error. */
    List<Offered> scenarios();

    /** A scenario as offered: read, or the reason it cannot be. */
    record Offered(String file, Scenario scenario, String problem) {
    }

    /** The drill port of an open context, or null when it is not open here. */
    DrillPort port(String context);

    /** A fresh folder for a run's report. */
    Path reportFolder(Scenario scenario);
}
