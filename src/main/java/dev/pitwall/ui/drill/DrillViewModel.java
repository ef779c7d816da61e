package dev.pitwall.ui.drill;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.pitwall.drill.DrillPort;
import dev.pitwall.drill.DrillReport;
import dev.pitwall.drill.DrillRun;
import dev.pitwall.drill.DrillRunner;
import dev.pitwall.drill.Scenario;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The drill panel's state: the scenarios offered, the chosen one's plan, a run's live timeline and
 * verdict, and HALT. The run happens off the JavaFX thread; its events are applied at most once
 * per pulse.
 */
public final class DrillViewModel {

    private DrillsPort port;
    private final ObservableList<DrillsPort.Offered> scenarios = FXCollections.observableArrayList();
    private final ObservableList<String> timeline = FXCollections.observableArrayList();
    private final ObservableList<DrillRun.Sample> samples = FXCollections.observableArrayList();
    private final ObservableList<DrillRun.Event> steps = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper plan = new ReadOnlyStringWrapper("Pick a drill.");
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper report = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    /** What the run reported since the last pulse, applied together on the JavaFX thread. */
    private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile DrillRunner runner;
    private DrillsPort.Offered chosen;

    /** Where scenarios, contexts and reports come from; read off the JavaFX thread. */
    public void setPort(DrillsPort port) {
        this.port = port;
        Thread.ofVirtual().name("drill-scenarios").start(() -> {
            List<DrillsPort.Offered> offered = port.scenarios();
            Platform.runLater(() -> scenarios.setAll(offered));
        });
    }

    public ObservableList<DrillsPort.Offered> scenarios() {
        return scenarios;
    }

    /** Shows a scenario's plan (its blast radius, hypothesis, steps and rollbacks). */
    public void choose(DrillsPort.Offered offered) {
        chosen = offered;
        plan.set(offered == null ? "Pick a drill." : offered.scenario() == null ? "Invalid: " + offered.problem() : describe(offered.scenario()));
    }

    static String describe(Scenario scenario) {
        StringBuilder text = new StringBuilder(scenario.description()).append("\n\nBlast radius: ")
                .append(scenario.blastRadius().describe()).append(".\n");
        if (!scenario.target().sandboxes().isEmpty()) {
            text.append("\nHere it runs in the context in view. Its comparison of fresh sandboxes (")
                    .append(String.join(", ", scenario.target().sandboxes())).append(") runs from a terminal: ./pitwall drill run ")
                    .append(scenario.source()).append(" --report DIR --confirm ").append(scenario.name()).append('\n');
        }
        text.append("\nSteady state:\n");
        scenario.hypothesis().forEach(p -> text.append("  • ").append(p.name()).append(": ").append(p.describe()).append('\n'));
        text.append("\nSteps:\n");
        for (int i = 0; i < scenario.method().size(); i++) {
            text.append("  ").append(i + 1).append(". ").append(scenario.method().get(i).describe()).append('\n');
        }
        if (!scenario.rollbacks().isEmpty()) {
            text.append("\nOn abort:\n");
            scenario.rollbacks().forEach(step -> text.append("  • ").append(step.describe()).append('\n'));
        }
        return text.toString();
    }

    /** Runs the chosen drill in a context; {@code confirmation} names who confirmed it. */
    public void run(String context, String confirmation) {
        if (chosen == null || chosen.scenario() == null || running.get() || port == null) {
            return;
        }
        Scenario scenario = chosen.scenario();
        running.set(true);
        verdict.set("Running " + scenario.name() + " in " + context + "…");
        report.set("");
        timeline.clear();
        samples.clear();
        steps.clear();
        Thread.ofVirtual().name("drill-" + scenario.name()).start(() -> {
            String outcome;
            String written = "";
            try {
                DrillPort drills = port.port(context);
                if (drills == null) {
                    throw new IllegalStateException(context + " is not open here; open it first");
                }
                DrillRunner next = new DrillRunner(scenario, drills, context, Clock.systemUTC()).onEvent(event -> {
                    String line = String.format(Locale.ROOT, "%6.1f s  %-16s %s", event.at().toMillis() / 1000.0, event.kind(), event.text());
                    offer(() -> timeline.add(line));
                    if (event.marked()) {
                        offer(() -> steps.add(event));
                    }
                }).onSample(sample -> offer(() -> samples.add(sample)));
                runner = next;
                DrillRun run = next.run(confirmation);
                Path folder = port.reportFolder(scenario);
                written = DrillReport.write(run, folder).toString();
                outcome = run.verdict().name() + " (exit code " + run.verdict().exitCode + ")" + (run.why().isEmpty() ? "" : ": " + run.why());
            } catch (RuntimeException e) {
                outcome = "Could not run: " + e.getMessage();
            }
            String shown = outcome;
            String path = written;
            Platform.runLater(() -> {
                runner = null;
                running.set(false);
                verdict.set(shown);
                report.set(path);
            });
        });
    }

    /** HALT: every running step stops and the rollbacks start. */
    public void halt() {
        DrillRunner current = runner;
        if (current != null) {
            current.halt("pressed in the window");
        }
    }

    private void offer(Runnable change) {
        pending.add(change);
        if (scheduled.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                scheduled.set(false);
                for (Runnable next = pending.poll(); next != null; next = pending.poll()) {
                    next.run();
                }
            });
        }
    }

    public ObservableList<String> timeline() {
        return timeline;
    }

    /** The probes' readings of the run in view, in time order. */
    public ObservableList<DrillRun.Sample> samples() {
        return samples;
    }

    /** The run's steps, rollbacks and HALT, as the chart marks them. */
    public ObservableList<DrillRun.Event> steps() {
        return steps;
    }

    public ReadOnlyStringProperty planProperty() {
        return plan.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public DrillsPort.Offered chosen() {
        return chosen;
    }
}
