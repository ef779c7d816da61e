package dev.pitwall.drill;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.pitwall.guard.Confirmation;
import dev.pitwall.guard.Decision;
import dev.pitwall.ops.OperationKind;
import dev.pitwall.ops.Plan;

/**
 * Runs a drill: the blast radius against the guard, the hypothesis before, the method step by step
 * through the operations layer (each step journaled and audited as an operator's, the drill's one
 * confirmation standing for its steps), the probes every second during it, the abort conditions,
 * the rollbacks when it stops early, and the hypothesis after. {@link #halt} stops every running
 * step and starts the rollbacks.
 */
public final class DrillRunner {

    /** How often the probes are read while the method runs. */
    static final Duration PROBE_PERIOD = Duration.ofSeconds(1);
    /** How long the hypothesis has, after the method, to hold again. */
    static final Duration SETTLE = Duration.ofSeconds(60);

    private final Scenario scenario;
    private final DrillPort port;
    private final String context;
    private final String namespace;
    private final Clock clock;
    private final List<DrillRun.Event> events = new CopyOnWriteArrayList<>();
    private final List<DrillRun.Sample> samples = new CopyOnWriteArrayList<>();
    private final List<DrillRun.Recovery> recoveries = new CopyOnWriteArrayList<>();
    private final List<DrillRun.Load> loads = new CopyOnWriteArrayList<>();
    private final List<DrillRun.Capacity> capacities = new CopyOnWriteArrayList<>();
    /** Why the method stops early, and with what verdict; null while it goes on. */
    private final AtomicReference<Stop> stop = new AtomicReference<>();
    private Consumer<DrillRun.Event> live = event -> { };
    private Consumer<DrillRun.Sample> liveSamples = sample -> { };
    private volatile boolean methodDone;
    /** This run's id: its operations share their hold on each model service. */
    private final String runId = "drill-" + java.util.UUID.randomUUID();
    private Instant started;

    private record Stop(DrillRun.Verdict verdict, String why) {
    }

    public DrillRunner(Scenario scenario, DrillPort port, String context, Clock clock) {
        this.scenario = scenario;
        this.port = port;
        this.context = context;
        this.namespace = scenario.target().namespace();
        this.clock = clock;
    }

    /** Every event as it happens (the GUI's timeline, the terminal's lines). */
    public DrillRunner onEvent(Consumer<DrillRun.Event> listener) {
        this.live = listener;
        return this;
    }

    /** HALT: every running step stops (within the operations' abort checks, a fraction of a second) and the rollbacks start. */
    public void halt(String why) {
        if (stop.compareAndSet(null, new Stop(DrillRun.Verdict.ABORTED, "HALT: " + why))) {
            event("halt", "HALT (" + why + "): stopping every running step");
        }
    }

    /** Every probe reading as it is taken (the GUI's live chart). */
    public DrillRunner onSample(Consumer<DrillRun.Sample> listener) {
        this.liveSamples = listener;
        return this;
    }

    public boolean stopping() {
        return stop.get() != null;
    }

    /** Runs the drill once confirmed; {@code confirmation} says how (journaled with each step). */
    public DrillRun run(String confirmation) {
        started = clock.instant();
        List<DrillRun.Phase> phases = new ArrayList<>();
        String refusal = refusal();
        if (refusal != null) {
            event("refused", refusal);
            return finish(DrillRun.Verdict.REFUSED, refusal, phases);
        }
        String before = breaches("before");
        phases.add(new DrillRun.Phase("before", before == null, before == null ? "every probe held" : before));
        if (before != null) {
            return finish(DrillRun.Verdict.DEVIATED, "the hypothesis did not hold before the drill, so nothing ran: " + before, phases);
        }
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("drill-probes").factory());
        List<String> breachedDuring = new CopyOnWriteArrayList<>();
        watcher.scheduleAtFixedRate(() -> watch(breachedDuring), PROBE_PERIOD.toMillis(), PROBE_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        String drill = "drill " + scenario.name() + " (" + confirmation + ")";
        try (ExecutorService steps = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> parallel = new ArrayList<>();
            for (Scenario.Step step : scenario.method()) {
                if (stopping()) {
                    break;
                }
                if (step.parallel()) {
                    parallel.add(steps.submit(() -> perform(step, drill, true)));
                } else {
                    perform(step, drill, true);
                }
            }
            for (Future<?> running : parallel) {
                try {
                    running.get();
                } catch (Exception e) {
                    stopWith(DrillRun.Verdict.ABORTED, "a parallel step failed: " + e.getMessage());
                }
            }
        } finally {
            methodDone = true; // a round under way finishes, and is not counted
            watcher.shutdown();
            try {
                watcher.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Stop stopped = stop.get();
        phases.add(new DrillRun.Phase("during", breachedDuring.isEmpty(), breachedDuring.isEmpty() ? "every probe held"
                : String.join("; ", breachedDuring)));
        if (stopped != null) {
            event("rollback", "stopped (" + stopped.why() + "): running " + scenario.rollbacks().size() + " rollback step(s)");
            for (Scenario.Step rollback : scenario.rollbacks()) {
                perform(rollback, drill + ", rollback", false);
            }
        }
        String after = settle();
        phases.add(new DrillRun.Phase("after", after == null, after == null ? "every probe held" : after));
        if (stopped != null) {
            return finish(stopped.verdict(), stopped.why() + (after == null ? "" : "; after: " + after), phases);
        }
        if (!breachedDuring.isEmpty() || after != null) {
            return finish(DrillRun.Verdict.DEVIATED, after != null ? "the hypothesis did not hold after the drill: " + after
                    : "the hypothesis broke during the drill: " + String.join("; ", breachedDuring), phases);
        }
        return finish(DrillRun.Verdict.HELD, "", phases);
    }

    /** Null when the guard allows every declared operation and the pods it kills stay in the policy's blast radius. */
    private String refusal() {
        String subject = scenario.target().models().isEmpty() ? "" : scenario.target().models().getFirst();
        for (String operation : scenario.blastRadius().operations()) {
            OperationKind kind = OperationKind.of(operation);
            String name = kind.movesTraffic() ? subject : firstDeployment(operation);
            Decision decision = port.decide(kind, namespace, name.isEmpty() ? subject : name);
            if (!decision.allowed()) {
                return "the blast radius declares " + operation + ", which the guard refuses here: " + decision.reason();
            }
            if (decision.confirmation() == Confirmation.TWO_PERSON) {
                return "the policy asks a second person's approval for " + operation + " in " + decision.environment()
                        + "; a drill's one confirmation cannot stand for it";
            }
        }
        Map<String, Integer> killed = new HashMap<>();
        scenario.method().stream().filter(step -> step.kind().equals("killPods")).forEach(step -> killed.merge(step.option("deployment"),
                Integer.parseInt(step.options().getOrDefault("count", "1")), Integer::sum));
        int total = killed.values().stream().mapToInt(Integer::intValue).sum();
        if (total > scenario.blastRadius().podsKilled()) {
            return "the method kills " + total + " pods, more than the " + scenario.blastRadius().podsKilled()
                    + " its blastRadius declares";
        }
        for (var each : killed.entrySet()) {
            String beyond = port.blastRadiusRefusal(each.getValue(), namespace, each.getKey());
            if (beyond != null) {
                return beyond;
            }
        }
        return null;
    }

    private String firstDeployment(String operation) {
        return scenario.method().stream().filter(step -> operation.equals(ScenarioReader.operationOf(step.kind())))
                .map(step -> step.option("deployment")).filter(name -> !name.isEmpty()).findFirst().orElse("");
    }

    /** Runs one step; {@code method}: part of the method (stops when the drill stops) rather than a rollback. */
    private void perform(Scenario.Step step, String confirmation, boolean method) {
        event(method ? "step" : "rollback step", step.describe());
        java.util.function.BooleanSupplier abort = method ? this::stopping : () -> false;
        try {
            switch (step.kind()) {
                case "wait" -> {
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(step.option("seconds")));
                    while (System.nanoTime() < until && !abort.getAsBoolean()) {
                        Thread.sleep(50);
                    }
                }
                case "assert" -> {
                    Scenario.Probe probe = scenario.hypothesis().stream().filter(p -> p.name().equals(step.option("probe"))).findFirst()
                            .orElseThrow();
                    double value = read(probe);
                    if (!probe.holds(value)) {
                        stopWith(DrillRun.Verdict.DEVIATED, "assert " + probe.name() + " failed: read " + DrillRun.format(value) + ", "
                                + probe.threshold());
                    }
                }
                case "load" -> load(new LoadStep(port, namespace, step, abort));
                default -> operate(step, confirmation, abort);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopWith(DrillRun.Verdict.ABORTED, "interrupted during " + step.describe());
        } catch (RuntimeException e) {
            if (method) {
                stopWith(DrillRun.Verdict.ABORTED, step.describe() + " failed: " + e.getMessage());
            } else {
                event("rollback failed", step.describe() + ": " + e.getMessage());
            }
        }
    }

    private void load(LoadStep step) throws InterruptedException {
        if (!step.rising()) {
            DrillRun.Load load = step.steady();
            loads.add(load);
            event("load", load.model() + " " + load.describe());
            return;
        }
        DrillRun.Capacity found = step.rise(each -> {
            loads.add(each);
            event("load", each.model() + " " + each.describe());
        });
        capacities.add(found);
        event("capacity", Double.isNaN(found.firstFailureRps()) ? found.model() + " did not fail up to the load's limit"
                : found.model() + " first failed at " + DrillRun.format(found.firstFailureRps()) + " requests/s (" + found.criterion() + ")");
    }

    private void operate(Scenario.Step step, String confirmation, java.util.function.BooleanSupplier abort) {
        OperationKind kind = OperationKind.of(ScenarioReader.operationOf(step.kind()));
        String name = kind.movesTraffic() ? step.option("model") : step.option("deployment");
        Map<String, String> options = new HashMap<>();
        switch (step.kind()) {
            case "killPods" -> {
                options.put("count", step.options().getOrDefault("count", "1"));
                options.put("evict", step.options().getOrDefault("evict", "false"));
            }
            case "scale" -> options.put("replicas", step.option("replicas"));
            case "failover" -> options.put("steps", step.options().getOrDefault("steps", "100"));
            case "failback" -> {
                options.put("stages", step.options().getOrDefault("stages", "10,50,100"));
                options.put("bakeSeconds", step.options().getOrDefault("bakeSeconds", "30"));
            }
            default -> {
            }
        }
        Plan plan = port.plan(kind, namespace, name, options);
        Decision decision = port.review(plan);
        if (!decision.allowed()) {
            throw new IllegalStateException("refused: " + decision.reason());
        }
        int readyBefore = kind == OperationKind.KILL_PODS ? port.readyReplicas(namespace, name) : 0;
        Instant sent = clock.instant();
        String outcome = port.run(plan, confirmation, runId, (index, status) -> {
            int at = status.lastIndexOf("recovery time ");
            if (at >= 0) {
                long millis = Long.parseLong(status.substring(at + "recovery time ".length()).replace(" ms", "").trim());
                recoveries.add(new DrillRun.Recovery(kind.id() + " of " + name + " (from its run's start to verified)",
                        Duration.ofMillis(millis)));
            }
        }, abort);
        event(outcome.equals("done") ? "done" : "not done", step.describe() + ": " + outcome);
        if (!outcome.equals("done") && !abort.getAsBoolean()) {
            throw new IllegalStateException(outcome);
        }
        if (kind == OperationKind.KILL_PODS && outcome.equals("done")) {
            Thread.ofVirtual().name("recovery-" + name).start(() -> awaitReplacement(name, readyBefore, sent));
        }
    }

    /** Pod kill to Ready replacement: the Deployment's ready replicas back to what they were. */
    private void awaitReplacement(String deployment, int readyBefore, Instant killed) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        try {
            Thread.sleep(100); // the kill reaches the ready count first
            while (System.nanoTime() < deadline) {
                if (port.readyReplicas(namespace, deployment) >= readyBefore) {
                    Duration took = Duration.between(killed, clock.instant());
                    recoveries.add(new DrillRun.Recovery("pod kill to Ready replacement in " + deployment, took));
                    event("recovered", deployment + " back to " + readyBefore + " ready replicas, " + took.toMillis() + " ms after the kill");
                    return;
                }
                Thread.sleep(100);
            }
            event("not recovered", deployment + " did not get back to " + readyBefore + " ready replicas within 2 minutes");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            event("not recovered", "cannot read " + deployment + "'s ready replicas: " + e.getMessage());
        }
    }

    /** One round of the probes during the method: breaches recorded; those named in abort.when stop the drill. */
    private void watch(List<String> breachedDuring) {
        if (methodDone) {
            return;
        }
        if (Duration.between(started, clock.instant()).toSeconds() >= scenario.abort().maxDurationSeconds()) {
            stopWith(DrillRun.Verdict.ABORTED, "the drill ran past its maximum of " + scenario.abort().maxDurationSeconds() + " s");
        }
        for (Scenario.Probe probe : scenario.hypothesis()) {
            double value = read(probe);
            if (methodDone) {
                return; // the method ended while this round read: the "after" phase judges from here
            }
            if (!probe.holds(value)) {
                String breach = probe.name() + " breached at " + seconds(elapsed()) + ": read " + DrillRun.format(value) + ", "
                        + probe.threshold();
                breachedDuring.add(breach);
                event("breach", breach);
                if (scenario.abort().when().contains(probe.name())) {
                    stopWith(DrillRun.Verdict.DEVIATED, "the hypothesis broke: " + breach);
                }
            }
        }
    }

    /** After the method: the hypothesis has {@link #SETTLE} to hold again; null when it does, else what still breaks. */
    private String settle() {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        Instant from = clock.instant();
        String breach = breaches("after");
        while (breach != null && System.nanoTime() < deadline) {
            try {
                Thread.sleep(PROBE_PERIOD.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return breach;
            }
            breach = breaches("after");
            if (breach == null) {
                recoveries.add(new DrillRun.Recovery("the hypothesis holding again after the method", Duration.between(from, clock.instant())));
            }
        }
        return breach;
    }

    /** Reads every probe once; null when all hold, else what broke. */
    private String breaches(String phase) {
        List<String> broken = new ArrayList<>();
        for (Scenario.Probe probe : scenario.hypothesis()) {
            double value = read(probe);
            if (!probe.holds(value)) {
                broken.add(probe.name() + " read " + DrillRun.format(value) + ", " + probe.threshold());
            }
        }
        if (!broken.isEmpty()) {
            event("hypothesis " + phase, String.join("; ", broken));
        }
        return broken.isEmpty() ? null : String.join("; ", broken);
    }

    private double read(Scenario.Probe probe) {
        double value;
        try {
            value = probe.kubernetes() ? port.readyReplicas(namespace, probe.deployment()) : port.query(probe.promql());
        } catch (RuntimeException e) {
            event("probe unreadable", probe.name() + ": " + e.getMessage());
            value = Double.NaN;
        }
        DrillRun.Sample sample = new DrillRun.Sample(elapsed(), probe.name(), value, probe.holds(value));
        samples.add(sample);
        liveSamples.accept(sample);
        return value;
    }

    private void stopWith(DrillRun.Verdict verdict, String why) {
        if (stop.compareAndSet(null, new Stop(verdict, why))) {
            event("abort", why);
        }
    }

    private void event(String kind, String text) {
        DrillRun.Event event = new DrillRun.Event(elapsed(), kind, text);
        events.add(event);
        live.accept(event);
    }

    private Duration elapsed() {
        return started == null ? Duration.ZERO : Duration.between(started, clock.instant());
    }

    private DrillRun finish(DrillRun.Verdict verdict, String why, List<DrillRun.Phase> phases) {
        event("finished", verdict.name().toLowerCase(Locale.ROOT) + (why.isEmpty() ? "" : ": " + why));
        Instant finished = clock.instant();
        List<DrillRun.Figures> figures = new ArrayList<>();
        // whole seconds covering the drill, and the scrape that follows its end
        Duration window = Duration.ofSeconds(Duration.between(started, finished).toSeconds() + 1);
        for (String model : scenario.target().models()) {
            try {
                figures.add(port.figures(namespace, model, window));
            } catch (RuntimeException e) {
                figures.add(new DrillRun.Figures(model, Double.NaN, Double.NaN, Double.NaN, e.getMessage()));
            }
        }
        return new DrillRun(scenario, context, started, finished, verdict, why, List.copyOf(events), List.copyOf(samples),
                List.copyOf(phases), List.copyOf(recoveries), List.copyOf(figures), List.copyOf(loads), List.copyOf(capacities));
    }

    private static String seconds(Duration at) {
        return String.format(Locale.ROOT, "%.1f s", at.toMillis() / 1000.0);
    }
}
