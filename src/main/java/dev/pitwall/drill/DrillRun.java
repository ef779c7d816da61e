package dev.pitwall.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a drill did, for its report and its exit code.
 *
 * @param scenario  the scenario
 * @param context   where it ran
 * @param started   when
 * @param finished  when
 * @param verdict   how it ended
 * @param why       the reason, for any verdict but HELD
 * @param events    the timeline: steps, probes' breaches, aborts, rollbacks
 * @param samples   every probe reading, in time order
 * @param phases    the hypothesis before, during and after
 * @param recoveries measured recovery times
 * @param figures   per target model service, what its traffic did over the drill (from Prometheus)
 * @param loads     what each load step sent and got back, as its sender counted
 * @param capacities what each rising load found: the rate at which a model service first failed
 */
public record DrillRun(Scenario scenario, String context, Instant started, Instant finished, Verdict verdict, String why,
                       List<Event> events, List<Sample> samples, List<Phase> phases, List<Recovery> recoveries, List<Figures> figures,
                       List<Load> loads, List<Capacity> capacities) {

    /**
     * One load step (or one rate of a rising load) as its sender counted it.
     *
     * @param rps       the rate asked
     * @param seconds   how long it sent
     * @param sent      requests sent
     * @param ok        answered with 2xx
     * @param failed    answered with an error status, or not answered at all
     * @param p99Millis the 99th percentile latency of the answered ones
     */
    public record Load(String model, double rps, double seconds, long sent, long ok, long failed, double p99Millis) {
        public double failedShare() {
            return sent == 0 ? 0 : (double) failed / sent;
        }

        /** "60/s for 10 s: 598 sent, 598 ok, 0 failed, p99 12 ms". */
        public String describe() {
            return String.format(java.util.Locale.ROOT, "%.0f/s for %.0f s: %d sent, %d ok, %d failed (%.2f %%), p99 %.0f ms", rps, seconds,
                    sent, ok, failed, failedShare() * 100, p99Millis);
        }
    }

    /**
     * What a rising load found.
     *
     * @param firstFailureRps the first rate whose step failed; NaN when none did up to the step's limit
     * @param lastGood        the last rate that held (null when the first failed)
     * @param failing         the step that failed (null when none did)
     * @param criterion       what failing means: "more than 0.1 % failed or p99 over 500 ms"
     */
    public record Capacity(String model, double firstFailureRps, Load lastGood, Load failing, String criterion) {
    }

    /**
     * A model service's traffic over the drill, summed over its backends.
     *
     * @param requests     requests answered
     * @param failed       of which failed (5xx)
     * @param p99Millis    the 99th percentile latency over the drill
     * @param problem      why figures are missing ("" when they are not)
     */
    public record Figures(String model, double requests, double failed, double p99Millis, String problem) {
        public double availability() {
            return requests > 0 ? 1 - failed / requests : Double.NaN;
        }
    }

    /** How a drill ends; each has its exit code (docs/drills.md). */
    public enum Verdict {
        /** The hypothesis held before, during and after. */
        HELD(0),
        /** The hypothesis broke (before, during or after); rollbacks ran when it broke during the method. */
        DEVIATED(5),
        /** Stopped by HALT, its maximum duration, or a step that failed; rollbacks ran. */
        ABORTED(6),
        /** The guard or the blast radius refused it before anything ran. */
        REFUSED(4);

        public final int exitCode;

        Verdict(int exitCode) {
            this.exitCode = exitCode;
        }

        /** Of several runs (one drill on several sandboxes): the first verdict that is not HELD, else HELD. */
        public static Verdict of(List<DrillRun> runs) {
            return runs.stream().map(DrillRun::verdict).filter(v -> v != HELD).findFirst().orElse(HELD);
        }
    }

    /** Something that happened, at a time since the start. */
    public record Event(Duration at, String kind, String text) {
        /** Whether charts mark it: a step of the method, a rollback step, or HALT. */
        public boolean marked() {
            return kind.equals("step") || kind.equals("rollback step") || kind.equals("halt");
        }
    }

    /** A line a chart draws across its probes: the method's steps by number (as the timeline lists them), R a rollback, H HALT. */
    public record Marker(Duration at, String label) {
    }

    /** The markers of {@code events}, in order. */
    public static List<Marker> markers(List<Event> events) {
        List<Marker> markers = new java.util.ArrayList<>();
        int number = 0;
        for (Event event : events) {
            if (event.marked()) {
                markers.add(new Marker(event.at(), event.kind().equals("step") ? String.valueOf(++number)
                        : event.kind().equals("halt") ? "H" : "R"));
            }
        }
        return markers;
    }

    /** A reading as the timeline and charts print it: "nothing" for NaN, whole numbers plain, else four significant digits. */
    public static String format(double value) {
        return Double.isNaN(value) ? "nothing" : value == Math.rint(value) && Math.abs(value) < 1e9 ? String.valueOf((long) value)
                : String.format(java.util.Locale.ROOT, "%.4g", value);
    }

    /** A probe's reading. */
    public record Sample(Duration at, String probe, double value, boolean holds) {
    }

    /** The hypothesis in one phase ("before", "during", "after"): held or not, and what broke it. */
    public record Phase(String name, boolean held, String detail) {
    }

    /** A measured recovery: what, and how long. */
    public record Recovery(String what, Duration took) {
    }

    public Duration duration() {
        return Duration.between(started, finished);
    }

    public List<Phase> phasesOrEmpty() {
        return phases == null ? List.of() : phases;
    }
}
