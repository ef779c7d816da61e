package dev.pitwall.app.ops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.pitwall.app.DataDirectory;
import dev.pitwall.app.ExitCodes;
import dev.pitwall.app.UserError;
import dev.pitwall.audit.AuditJournal;
import dev.pitwall.guard.Decision;
import dev.pitwall.guard.Guard;
import dev.pitwall.guard.Identity;
import dev.pitwall.guard.Policy;
import dev.pitwall.guard.PolicyReader;
import dev.pitwall.kube.Access;
import dev.pitwall.kube.KubeClients;
import dev.pitwall.kube.config.KubeconfigLocator;
import dev.pitwall.ops.Actor;
import dev.pitwall.ops.Executor;
import dev.pitwall.ops.OperationJournal;
import dev.pitwall.ops.Plan;
import dev.pitwall.ops.Planner;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Everything an operation needs in one context, wired the same way for the window and for the
 * command line: the client, who the operator is, the guard with its policies (local and the
 * cluster's), the journal, the planner and the executor.
 */
public final class Operations implements AutoCloseable {

    /** Where a policy in the cluster lives; it applies together with the local one. */
    public static final String POLICY_NAMESPACE = "pitwall-system";
    public static final String POLICY_CONFIGMAP = "pitwall-policy";

    private final String context;
    private final KubernetesClient client;
    private final Access access;
    private final Identity identity;
    private final Guard guard;
    private final OperationJournal journal;

    private Operations(String context, KubernetesClient client, Policy local, OperationJournal journal) {
        this.context = context;
        this.client = client;
        this.access = new Access(client);
        this.journal = journal;
        try {
            this.identity = access.identity();
        } catch (IllegalStateException e) {
            client.close();
            throw new UserError(e.getMessage(), ExitCodes.UNAVAILABLE);
        }
        List<Policy> policies = new ArrayList<>();
        policies.add(local);
        clusterPolicy().ifPresent(policies::add);
        this.guard = new Guard(policies);
    }

    /**
     * @param kubeconfigs the kubeconfig files (empty: KUBECONFIG or ~/.kube/config)
     * @param context     the context, never null
     * @param policyFile  a local policy, or null for the shipped one
     */
    public static Operations open(List<Path> kubeconfigs, String context, Path policyFile) {
        Policy local;
        try {
            local = policyFile == null ? PolicyReader.shipped() : PolicyReader.read(policyFile);
        } catch (PolicyReader.PolicyException e) {
            throw new UserError(e.getMessage());
        }
        List<Path> files = kubeconfigs.isEmpty() ? KubeconfigLocator.locate() : kubeconfigs;
        KubernetesClient client;
        try {
            client = KubeClients.forContext(files, context);
        } catch (RuntimeException e) {
            throw new UserError("cannot use the context '" + context + "': " + e.getMessage(), ExitCodes.USAGE);
        }
        return new Operations(context, client, local, localJournal());
    }

    /** The journal in Pitwall's data directory. */
    public static OperationJournal localJournal() {
        return new OperationJournal(new AuditJournal(DataDirectory.resolve().resolve("journal.jsonl")));
    }

    /** The operations the local journal shows interrupted (Pitwall stopped mid-way), oldest first, for the window. */
    public static List<dev.pitwall.ui.ops.InterruptedBar.Interrupted> interrupted() {
        return localJournal().operations().stream().filter(OperationJournal.Recorded::interrupted)
                .map(op -> new dev.pitwall.ui.ops.InterruptedBar.Interrupted(op.plan().id(), op.plan().target().context(),
                        op.plan().target().namespace(), op.plan().target().deployment(), "Interrupted: " + op.plan().summary() + " ("
                        + op.plan().target().describe() + ", by " + op.who() + "), after step " + op.stepsDone() + " of "
                        + op.plan().steps().size() + ", last record " + op.lastTime(), undoOf(op.plan().kind()),
                        op.plan().kind().movesTraffic() ? op.plan().target().model() : op.plan().target().deployment()))
                .toList();
    }

    /** What undoes an interrupted operation: the opposite traffic move for failover and failback, else a rollback. */
    static dev.pitwall.ops.OperationKind undoOf(dev.pitwall.ops.OperationKind kind) {
        return switch (kind) {
            case FAILOVER -> dev.pitwall.ops.OperationKind.FAILBACK;
            case FAILBACK -> dev.pitwall.ops.OperationKind.FAILOVER;
            default -> dev.pitwall.ops.OperationKind.ROLLBACK;
        };
    }

    private java.util.Optional<Policy> clusterPolicy() {
        try {
            ConfigMap map = client.configMaps().inNamespace(POLICY_NAMESPACE).withName(POLICY_CONFIGMAP).get();
            if (map == null || map.getData() == null || !map.getData().containsKey("policy.yaml")) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(PolicyReader.parse("ConfigMap " + POLICY_NAMESPACE + "/" + POLICY_CONFIGMAP + " in " + context,
                    map.getData().get("policy.yaml")));
        } catch (KubernetesClientException e) {
            // not readable (403) or not there: the local policy alone applies
            return java.util.Optional.empty();
        } catch (PolicyReader.PolicyException e) {
            throw new UserError(e.getMessage() + " Nothing runs until the cluster's policy is fixed.", ExitCodes.REFUSED);
        }
    }

    public String context() {
        return context;
    }

    /** The context's namespace, else "default". */
    public String defaultNamespace() {
        return client.getNamespace() == null ? "default" : client.getNamespace();
    }

    public Identity identity() {
        return identity;
    }

    public Guard guard() {
        return guard;
    }

    public Planner planner() {
        return new Planner(client, context, probe());
    }

    /** The Pitwall annotations of a model's HTTPRoute (its queries and objective); none without a route. */
    public java.util.Map<String, String> routeAnnotations(String namespace, String model) {
        var route = dev.pitwall.kube.traffic.HttpRouteAdapter.find(client, namespace, model);
        return route == null ? java.util.Map.of() : dev.pitwall.fleet.ModelService.pitwallAnnotations(route.getMetadata().getAnnotations());
    }

    /** A Deployment's ready replicas now (what a drill's Kubernetes probe reads). */
    public int readyReplicas(String namespace, String deployment) {
        var found = client.apps().deployments().inNamespace(namespace).withName(deployment).get();
        if (found == null) {
            throw new IllegalStateException("there is no deployment " + namespace + "/" + deployment + " in " + context);
        }
        return found.getStatus() == null || found.getStatus().getReadyReplicas() == null ? 0 : found.getStatus().getReadyReplicas();
    }

    /** The context's Prometheus, as the window finds it: given, in prometheus.yaml, or a Service in the cluster. */
    public java.util.Optional<dev.pitwall.metrics.PrometheusClient> prometheus(List<dev.pitwall.metrics.PrometheusSettings.Entry> given) {
        return prometheus(given, java.time.Duration.ofSeconds(5));
    }

    private java.util.Optional<dev.pitwall.metrics.PrometheusClient> prometheus(List<dev.pitwall.metrics.PrometheusSettings.Entry> given,
                                                                                java.time.Duration timeout) {
        try {
            return dev.pitwall.kube.PrometheusLocator.locate(client, context, dev.pitwall.app.TrafficSources.settings(given), timeout)
                    .client();
        } catch (dev.pitwall.metrics.MetricsException e) {
            return java.util.Optional.empty();
        }
    }

    /** How failover and failback read the tracks' traffic: the pods' own counters; Prometheus for capacity history. */
    private dev.pitwall.ops.TrafficProbe probe() {
        return new dev.pitwall.kube.TrackScraper(client, () -> prometheus(List.of(), java.time.Duration.ofSeconds(2)));
    }

    public OperationJournal journal() {
        return journal;
    }

    /** What the guard says of a plan for this operator, RBAC checked request by request, pods killed within the blast radius. */
    public Decision decide(Plan plan) {
        Decision decision = guard.decide(plan.kind(), context, identity, access.denials(plan.requests()));
        if (decision.allowed() && plan.kind() == dev.pitwall.ops.OperationKind.KILL_PODS) {
            String refusal = guard.blastRadiusRefusal(plan.kind(), context, plan.podsKilled(), planner().podCount(
                    plan.target().namespace(), plan.target().deployment()));
            if (refusal != null) {
                return new Decision(false, refusal, decision.role(), decision.environment(), decision.confirmation());
            }
        }
        return decision;
    }

    /** What the guard says of {@code kind} on a Deployment, before any plan is made (RBAC asked for its requests). */
    public Decision decide(dev.pitwall.ops.OperationKind kind, String namespace, String deployment) {
        return guard.decide(kind, context, identity, access.denials(Planner.probe(kind, namespace, deployment)));
    }

    /** The interrupted operation whose id starts with {@code id}, if the journal has one. */
    public static java.util.Optional<OperationJournal.Recorded> findInterrupted(String id) {
        return localJournal().operations().stream().filter(op -> op.plan().id().startsWith(id) && op.interrupted()).findFirst();
    }

    /**
     * Goes on with an interrupted operation, after asking the guard again (the role or RBAC may
     * have changed since it started): "done", what failed, or "refused: " and why.
     */
    public String resume(OperationJournal.Recorded recorded, Executor.Progress progress, java.util.function.BooleanSupplier abort) {
        Decision decision = decide(recorded.plan());
        if (!decision.allowed()) {
            return REFUSED + decision.reason();
        }
        try {
            return executor().resume(recorded, progress, abort);
        } catch (dev.pitwall.ops.OperationRefused e) {
            return REFUSED + e.getMessage();
        }
    }

    /** How an outcome that was refused (not failed) begins. */
    public static final String REFUSED = "refused: ";

    public dev.pitwall.ops.ApprovalDesk approvals() {
        return new dev.pitwall.ops.ApprovalDesk(executor());
    }

    public Executor executor() {
        return new Executor(client, journal, new Actor(identity.user(), guard.roleOf(identity).id(), context))
                .traffic(probe(), TRAFFIC_TIMEOUT);
    }

    /** How long a traffic split may take to take, and the moved traffic to show in the pods' counters. */
    static final java.time.Duration TRAFFIC_TIMEOUT = java.time.Duration.ofSeconds(30);

    @Override
    public void close() {
        client.close();
    }
}
