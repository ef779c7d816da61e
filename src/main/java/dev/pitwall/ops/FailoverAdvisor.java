package dev.pitwall.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

import dev.pitwall.fleet.ModelService;
import dev.pitwall.fleet.Track;
import dev.pitwall.metrics.BackendTraffic;
import dev.pitwall.metrics.ServiceTraffic;
import dev.pitwall.metrics.Slo;

/**
 * Watches one model service's traffic, frame by frame, and recommends failing it over when the
 * backend serving most of its traffic has been out of its objective (errors over the budget, or
 * p99 over its threshold) for a set time, while its primary takes traffic and a standby could.
 * A frame within the objective starts the clock again; a frame without figures neither starts nor
 * stops it, and gives no recommendation (nothing is recommended on figures not seen).
 */
public final class FailoverAdvisor {

    /** How long a breach lasts before a failover is recommended. */
    public static final Duration DEFAULT_AFTER = Duration.ofSeconds(30);

    /**
     * A recommendation to fail a model service over.
     *
     * @param model    the model service
     * @param backend  the backend breaching its objective
     * @param breach   how, in words
     * @param lasting  since when the breach has lasted
     */
    public record Advice(String model, String backend, String breach, Duration lasting) {
        public String describe() {
            return "Recommended: fail " + model + " over to its standby. " + backend + " has been out of its objective for "
                    + lasting.toSeconds() + " s (" + breach + ").";
        }
    }

    private final Duration after;
    private String model;
    private Instant since;

    public FailoverAdvisor(Duration after) {
        this.after = after;
    }

    /** The recommendation after this frame of {@code service}'s traffic, if any. */
    public Optional<Advice> offer(ModelService service, ServiceTraffic traffic, Instant now) {
        if (service == null || !service.name().equals(model)) {
            model = service == null ? null : service.name();
            since = null;
        }
        if (service == null || !canFailOver(service)) {
            since = null;
            return Optional.empty();
        }
        BackendTraffic serving = traffic == null ? null : traffic.backends().stream().filter(b -> b.requests() > 0)
                .max(Comparator.comparingDouble(BackendTraffic::requests)).orElse(null);
        if (serving == null || Double.isNaN(serving.burn())) {
            return Optional.empty();
        }
        if (!(serving.burn() > 1)) {
            since = null;
            return Optional.empty();
        }
        if (since == null) {
            since = now;
        }
        Duration lasting = Duration.between(since, now);
        return lasting.compareTo(after) < 0 ? Optional.empty()
                : Optional.of(new Advice(service.name(), serving.backend(), breach(serving, traffic.slo()), lasting));
    }

    /** The primary takes traffic and a standby exists that does not take it all. */
    static boolean canFailOver(ModelService service) {
        Track primary = service.tracks().stream().filter(t -> t.name().equals(TrafficPlanner.PRIMARY)).findFirst().orElse(null);
        Track standby = service.tracks().stream().filter(t -> t.name().equals(TrafficPlanner.STANDBY)).findFirst().orElse(null);
        return primary != null && standby != null && primary.weight() > 0 && standby.weight() < 100;
    }

    private static String breach(BackendTraffic backend, Slo slo) {
        String errors = String.format(Locale.ROOT, "errors %.2f %% against a budget of %.2f %%", backend.errorRatio() * 100,
                slo.errorBudget() * 100);
        String latency = Double.isNaN(backend.p99()) ? "p99 unknown" : String.format(Locale.ROOT, "p99 %d ms against %d ms",
                Math.round(backend.p99() * 1000), Math.round(slo.p99Seconds() * 1000));
        return errors + ", " + latency;
    }
}
