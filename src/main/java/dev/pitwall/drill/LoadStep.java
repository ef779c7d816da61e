package dev.pitwall.drill;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A drill's {@code load} step: open-loop requests to a model service at a set rate for a while, or
 * a rising load (the HADR guide's experiment) that steps up until a step fails, and says at which
 * rate. A failing step is one where more than {@code maxFailedShare} of the requests failed, or
 * whose p99 passed {@code maxP99Ms}.
 */
final class LoadStep {

    static final int DEFAULT_UP_TO = 2_000;
    static final int DEFAULT_RAMP_STEP = 25;
    static final int DEFAULT_STEP_SECONDS = 4;
    static final double DEFAULT_MAX_FAILED_SHARE = 0.001;
    static final int DEFAULT_MAX_P99_MS = 500;

    private final DrillPort port;
    private final String namespace;
    private final Scenario.Step step;
    private final BooleanSupplier abort;

    LoadStep(DrillPort port, String namespace, Scenario.Step step, BooleanSupplier abort) {
        this.port = port;
        this.namespace = namespace;
        this.step = step;
        this.abort = abort;
    }

    boolean rising() {
        return step.options().containsKey("rampFrom");
    }

    /** The set rate for its seconds (cut short by HALT). */
    DrillRun.Load steady() throws InterruptedException {
        return send(Double.parseDouble(step.option("rps")), Integer.parseInt(step.option("seconds")));
    }

    /** Rising load: each rate for stepSeconds, up by rampStep, until a step fails, upTo is passed, or the drill stops. */
    DrillRun.Capacity rise(Consumer<DrillRun.Load> eachRate) throws InterruptedException {
        double rate = number("rampFrom", 0);
        double by = number("rampStep", DEFAULT_RAMP_STEP);
        double upTo = number("upTo", DEFAULT_UP_TO);
        int seconds = (int) number("stepSeconds", DEFAULT_STEP_SECONDS);
        double maxShare = number("maxFailedShare", DEFAULT_MAX_FAILED_SHARE);
        double maxP99 = number("maxP99Ms", DEFAULT_MAX_P99_MS);
        String criterion = String.format(Locale.ROOT, "more than %s %% of a step's requests failed, or its p99 passed %.0f ms",
                java.math.BigDecimal.valueOf(maxShare * 100).stripTrailingZeros().toPlainString(), maxP99);
        DrillRun.Load lastGood = null;
        while (rate <= upTo && !abort.getAsBoolean()) {
            DrillRun.Load load = send(rate, seconds);
            eachRate.accept(load);
            if (load.failedShare() > maxShare || load.p99Millis() > maxP99) {
                return new DrillRun.Capacity(step.option("model"), rate, lastGood, load, criterion);
            }
            lastGood = load;
            rate += by;
        }
        return new DrillRun.Capacity(step.option("model"), Double.NaN, lastGood, null, criterion);
    }

    private DrillRun.Load send(double rate, int seconds) throws InterruptedException {
        DrillPort.LoadSender sender = port.load(namespace, step.option("model"), step.option("url"), rate);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try {
            while (System.nanoTime() < until && !abort.getAsBoolean()) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            sender.stop();
            throw e;
        }
        return sender.stop();
    }

    private double number(String option, double otherwise) {
        String value = step.option(option);
        return value.isEmpty() ? otherwise : Double.parseDouble(value);
    }
}
