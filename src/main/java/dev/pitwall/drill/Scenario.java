package dev.pitwall.drill;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A game-day drill as its file states it (docs/drills.md): what it targets, what "healthy" means
 * (the steady-state hypothesis), what it does, when it stops, what it undoes, and how much it may
 * break.
 *
 * @param source     the file it was read from
 * @param name       a lower-case DNS label
 * @param description one sentence
 * @param target     where it runs
 * @param hypothesis the probes that must hold before, during and after
 * @param method     the steps, in order
 * @param abort      when it stops early
 * @param rollbacks  the steps that run when it stops early
 * @param blastRadius what it declares it may touch, checked against the role policy before it starts
 */
public record Scenario(String source, String name, String description, Target target, List<Probe> hypothesis, List<Step> method,
                       Abort abort, List<Step> rollbacks, BlastRadius blastRadius) {

    public Scenario {
        hypothesis = List.copyOf(hypothesis);
        method = List.copyOf(method);
        rollbacks = List.copyOf(rollbacks);
    }

    /**
     * @param context   a kubeconfig context, "" when the command line names it
     * @param sandboxes sandbox presets the drill runs on, one fresh in-process sandbox each, in turn,
     *                  instead of a context (the topology comparison); empty for a drill on a context
     */
    public record Target(String context, String namespace, List<String> models, List<String> sandboxes) {
        public Target {
            models = List.copyOf(models);
            sandboxes = List.copyOf(sandboxes);
        }
    }

    /**
     * A check of the steady state: a PromQL query's value against a threshold, or a Deployment's
     * ready replicas against a least number.
     *
     * @param name        how reports name it
     * @param promql      the query ("" for a Kubernetes probe); its first value is compared
     * @param above       the value must stay above this (NaN when not given)
     * @param below       the value must stay below this (NaN when not given)
     * @param deployment  for a Kubernetes probe: the Deployment
     * @param readyAtLeast for a Kubernetes probe: the least ready replicas
     */
    public record Probe(String name, String promql, double above, double below, String deployment, int readyAtLeast) {
        public boolean kubernetes() {
            return promql.isEmpty();
        }

        /** "ready replicas of X >= 2", "<promql> > 0.99". */
        public String describe() {
            if (kubernetes()) {
                return "ready replicas of " + deployment + " ≥ " + readyAtLeast;
            }
            return promql + (Double.isNaN(above) ? "" : " > " + above) + (Double.isNaN(below) ? "" : " < " + below);
        }

        /** The threshold alone, for the timeline: "needs > 0.99", "needs ≥ 2 ready". */
        public String threshold() {
            if (kubernetes()) {
                return "needs ≥ " + readyAtLeast + " ready";
            }
            return "needs" + (Double.isNaN(above) ? "" : " > " + above) + (Double.isNaN(above) || Double.isNaN(below) ? "" : " and")
                    + (Double.isNaN(below) ? "" : " < " + below);
        }

        /** The threshold's value, where charts draw their line: the least ready replicas, else above, else below. */
        public double line() {
            return kubernetes() ? readyAtLeast : !Double.isNaN(above) ? above : below;
        }

        /** Whether {@code value} holds this probe. */
        public boolean holds(double value) {
            if (kubernetes()) {
                return value >= readyAtLeast;
            }
            return !Double.isNaN(value) && (Double.isNaN(above) || value > above) && (Double.isNaN(below) || value < below);
        }
    }

    /** The kinds of step, as the file spells them. */
    public static final Set<String> STEP_KINDS = Set.of("restart", "killPods", "failover", "failback", "scale", "wait", "assert",
            "load");

    /**
     * One step of the method or of the rollbacks.
     *
     * @param kind     one of {@link #STEP_KINDS}
     * @param options  its fields as given (deployment, model, count, replicas, seconds, probe, stages, bakeSeconds, evict,
     *                 and a load's rps, url, rampFrom, rampStep, stepSeconds, upTo, maxFailedShare, maxP99Ms)
     * @param parallel whether the next step starts without waiting for this one (a pod killed during a restart)
     * @param line     its line in the file
     */
    public record Step(String kind, Map<String, String> options, boolean parallel, int line) {
        public Step {
            options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options)); // in the file's order
        }

        public String option(String name) {
            return options.getOrDefault(name, "");
        }

        /** "killPods fraud-detector-primary (count 1)". */
        public String describe() {
            String subject = options.containsKey("deployment") ? option("deployment") : options.containsKey("model") ? option("model")
                    : options.containsKey("probe") ? option("probe") : options.containsKey("seconds") ? option("seconds") + " s" : "";
            StringBuilder rest = new StringBuilder();
            options.forEach((key, value) -> {
                if (!Set.of("deployment", "model", "probe", "seconds").contains(key)) {
                    rest.append(rest.isEmpty() ? "" : ", ").append(key).append(' ').append(value);
                }
            });
            return kind + " " + subject + (rest.isEmpty() ? "" : " (" + rest + ")") + (parallel ? ", in parallel" : "");
        }
    }

    /**
     * @param maxDurationSeconds the drill stops (and rolls back) when it runs longer
     * @param when               the hypothesis probes whose breach stops it at once
     */
    public record Abort(int maxDurationSeconds, List<String> when) {
        public Abort {
            when = List.copyOf(when);
        }
    }

    /**
     * @param operations   the operations it may run ("restart", "kill-pods", "failover", ...)
     * @param podsKilled   the most pods it may kill in all
     * @param loadRps      the most requests per second a load step may send (0: no load)
     */
    public record BlastRadius(Set<String> operations, int podsKilled, int loadRps) {
        public BlastRadius {
            operations = Set.copyOf(operations);
        }

        /** "restart, kill-pods; at most 1 pod(s) killed; load up to 300 requests/s", as the plan shows it. */
        public String describe() {
            return (operations.isEmpty() ? "no operation" : String.join(", ", new java.util.TreeSet<>(operations))) + "; at most "
                    + podsKilled + " pod(s) killed" + (loadRps > 0 ? "; load up to " + loadRps + " requests/s" : "");
        }
    }
}
