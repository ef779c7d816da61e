package dev.pitwall.app.ops;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import dev.pitwall.drill.DrillPort;
import dev.pitwall.guard.Decision;
import dev.pitwall.metrics.MetricsException;
import dev.pitwall.metrics.PrometheusClient;
import dev.pitwall.metrics.Sample;
import dev.pitwall.ops.Executor;
import dev.pitwall.ops.OperationKind;
import dev.pitwall.ops.Plan;

/**
 * A drill's way to a context: the same {@link Operations} (guard, RBAC, journal, executor) an
 * operator's commands use, and the context's Prometheus (given, set in prometheus.yaml, or found
 * in the cluster) for its PromQL probes.
 */
final class OperationsDrillPort implements DrillPort {

    private final Operations operations;
    private final java.util.function.Supplier<Optional<PrometheusClient>> prometheus;
    private volatile PrometheusClient located;

    OperationsDrillPort(Operations operations, java.util.function.Supplier<Optional<PrometheusClient>> prometheus) {
        this.operations = operations;
        this.prometheus = prometheus;
    }

    @Override
    public Decision decide(OperationKind kind, String namespace, String name) {
        return operations.decide(kind, namespace, name);
    }

    @Override
    public String blastRadiusRefusal(int pods, String namespace, String deployment) {
        return operations.guard().blastRadiusRefusal(OperationKind.KILL_PODS, operations.context(), pods,
                operations.planner().podCount(namespace, deployment));
    }

    @Override
    public Plan plan(OperationKind kind, String namespace, String name, Map<String, String> options) {
        return operations.planner().plan(kind, namespace, name, options);
    }

    @Override
    public Decision review(Plan plan) {
        return operations.decide(plan);
    }

    @Override
    public String run(Plan plan, String confirmation, String run, Executor.Progress progress, BooleanSupplier abort) {
        try {
            return operations.executor().rolloutTimeout(Duration.ofMinutes(5)).partOf(run).run(plan, confirmation, "", progress, abort);
        } catch (dev.pitwall.ops.OperationRefused e) {
            return Operations.REFUSED + e.getMessage();
        }
    }

    @Override
    public double query(String promql) {
        PrometheusClient client = located;
        if (client == null) {
            client = prometheus.get().orElseThrow(() -> new MetricsException("no Prometheus for " + operations.context()
                    + ": give one with --prometheus URL, in prometheus.yaml, or as a Service in the cluster (docs/metrics.md)"));
            located = client;
        }
        List<Sample> samples = client.query(promql);
        return samples.isEmpty() ? Double.NaN : samples.getFirst().value();
    }

    @Override
    public dev.pitwall.drill.DrillRun.Figures figures(String namespace, String model, Duration window) {
        var queries = dev.pitwall.metrics.SloQueries.forRoute(operations.routeAnnotations(namespace, model));
        String range = window.toSeconds() + "s";
        double seconds = window.toSeconds();
        double requests = sum(dev.pitwall.metrics.SloQueries.fill(queries.requests(), namespace, model, range)) * seconds;
        double failed = sum(dev.pitwall.metrics.SloQueries.fill(queries.errors(), namespace, model, range)) * seconds;
        // Prometheus' rate over the window times the window is its increase(), extrapolated to the window's edges
        // the p99 of all backends together: the route's p99 query without its per-backend grouping
        double p99 = query(dev.pitwall.metrics.SloQueries.fill(queries.p99(), namespace, model, range).replace("by (le, backend)", "by (le)"));
        return new dev.pitwall.drill.DrillRun.Figures(model, requests, failed, p99 * 1000, "");
    }

    private double sum(String promql) {
        return query("sum(" + promql + ") or vector(0)"); // no series at all (no failure yet) counts as none
    }

    @Override
    public int readyReplicas(String namespace, String deployment) {
        return operations.readyReplicas(namespace, deployment);
    }

    @Override
    public LoadSender load(String namespace, String model, String url, double rps) {
        String target = url.isEmpty() ? operations.routeAnnotations(namespace, model).get(dev.pitwall.fleet.Conventions.LOAD_URL_ANNOTATION)
                : url;
        if (target == null) {
            throw new IllegalStateException("no URL to send " + model + "'s load to: give the load step a url, or annotate the model's"
                    + " HTTPRoute with " + dev.pitwall.fleet.Conventions.LOAD_URL_ANNOTATION + " (docs/fleet-conventions.md)");
        }
        return new OpenLoopSender(target, model, rps);
    }
}
