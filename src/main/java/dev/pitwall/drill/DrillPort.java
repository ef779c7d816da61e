package dev.pitwall.drill;

import java.util.Map;
import java.util.function.BooleanSupplier;

import dev.pitwall.guard.Decision;
import dev.pitwall.ops.Executor;
import dev.pitwall.ops.OperationKind;
import dev.pitwall.ops.Plan;

/**
 * What a drill needs of a context, provided by the wiring in {@code app} over the same operations
 * layer, guard, journal and audit an operator uses. Every method may block on the network.
 */
public interface DrillPort {

    /** The guard's word on {@code kind} on a Deployment or model service, asked before anything runs. */
    Decision decide(OperationKind kind, String namespace, String name);

    /** Null when killing {@code pods} of a Deployment stays within the policy's blast radius here; else why not. */
    String blastRadiusRefusal(int pods, String namespace, String deployment);

    /** A plan, as an operator's would be. */
    Plan plan(OperationKind kind, String namespace, String name, Map<String, String> options);

    /** The guard's word on a finished plan (its requests asked of RBAC). */
    Decision review(Plan plan);

    /**
     * Runs a plan; {@code confirmation} says which drill's confirmation stands for it; the plans of
     * one {@code run} (a drill's id) share their hold on each model service. "done" or what failed.
     */
    String run(Plan plan, String confirmation, String run, Executor.Progress progress, BooleanSupplier abort);

    /** A PromQL query's first value now (NaN without one); throws with the reason when Prometheus cannot answer. */
    double query(String promql);

    /** A model service's traffic over the last {@code window}, summed over its backends (its route's queries, from Prometheus). */
    DrillRun.Figures figures(String namespace, String model, java.time.Duration window);

    /** A Deployment's ready replicas now. */
    int readyReplicas(String namespace, String deployment);

    /**
     * Starts open-loop load on a model service: {@code rps} predictions a second at random
     * (Poisson) times, whether or not earlier ones were answered, sent to {@code url}, or when it
     * is "" to the URL its HTTPRoute's {@code pitwall.dev/load-url} annotation names. Throws with
     * the next step when there is neither.
     */
    LoadSender load(String namespace, String model, String url, double rps);

    /** A running load. */
    interface LoadSender {
        /** Stops sending, waits a moment for the answers still due, and counts (the same count when called again). */
        DrillRun.Load stop();
    }
}
