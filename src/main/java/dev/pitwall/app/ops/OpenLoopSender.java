package dev.pitwall.app.ops;

import dev.pitwall.drill.DrillPort;
import dev.pitwall.drill.DrillRun;
import dev.pitwall.sandbox.dataplane.LoadGenerator;
import dev.pitwall.sandbox.dataplane.LoadSummary;
import io.vertx.core.Vertx;

/**
 * A drill's load, sent by the same open-loop generator {@code pitwall sandbox --load} uses (plain
 * HTTP predictions at Poisson times to any URL: nothing in it is the sandbox's own).
 */
final class OpenLoopSender implements DrillPort.LoadSender {

    /** How long the answers still due may take once sending stops. */
    private static final long DRAIN_MILLIS = 3_000;

    private final Vertx vertx = Vertx.vertx();
    private final LoadGenerator generator;
    private final String model;
    private final double rps;
    private DrillRun.Load counted;

    OpenLoopSender(String url, String model, double rps) {
        this.model = model;
        this.rps = rps;
        try {
            this.generator = LoadGenerator.start(vertx, url, model, rps);
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    @Override
    public synchronized DrillRun.Load stop() {
        if (counted == null) {
            LoadSummary summary = generator.stop(DRAIN_MILLIS);
            generator.close();
            vertx.close();
            // failed: every request not answered with 2xx, including those still unanswered when the drain ends
            counted = new DrillRun.Load(model, rps, summary.seconds(), summary.sent(), summary.succeeded(),
                    summary.sent() - summary.succeeded(), summary.p99Millis());
        }
        return counted;
    }
}
