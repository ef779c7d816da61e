package dev.pitwall.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.UUID;

import dev.pitwall.fleet.Conventions;
import dev.pitwall.kube.traffic.Split;
import dev.pitwall.kube.traffic.TrafficAdapter;
import dev.pitwall.kube.traffic.TrafficAdapters;
import dev.pitwall.metrics.BackendTraffic;
import dev.pitwall.metrics.DirectTraffic;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Plans failover (a model's traffic from its primary track to its standby) and failback (back to
 * the primary, in stages gated on its objective), from the cluster's state and the tracks' traffic
 * read when planning. The pre-flight checks are written into the plan: the standby's ready
 * replicas, its capacity against the load it will take, the PodDisruptionBudgets, and whether
 * another operation holds the model. A standby too small for the load is scaled up, and waited
 * for, before any traffic moves.
 */
public final class TrafficPlanner {

    public static final String PRIMARY = "primary";
    public static final String STANDBY = "standby";
    /** The share of a pod's capacity the plan fills at most: what is left absorbs bursts. */
    static final double TARGET_UTILISATION = 0.8;
    public static final List<Integer> DEFAULT_STAGES = List.of(10, 50, 100);
    public static final int DEFAULT_BAKE_SECONDS = 30;
    /** How long the load is read when planning: long enough that a second's burst does not size the standby. */
    static final long SAMPLE_MILLIS = 2000;

    private final KubernetesClient client;
    private final String context;
    private final TrafficProbe probe;

    public TrafficPlanner(KubernetesClient client, String context, TrafficProbe probe) {
        this.client = client;
        this.context = context;
        this.probe = Objects.requireNonNull(probe);
    }

    /**
     * Moves all traffic to the standby.
     *
     * @param adapter "" to find how the model's traffic is split, else an adapter id
     * @param steps   the standby's share after each shift, ending at 100 ([100]: at once)
     */
    public Plan failover(String namespace, String model, String adapter, List<Integer> steps) {
        checkStages(steps, "--steps");
        Model m = model(namespace, model, adapter);
        Deployment standby = m.track(STANDBY);
        Deployment primary = m.track(PRIMARY);
        if (m.now().percent(STANDBY) == 100) {
            throw new OperationRefused("all of " + model + "'s traffic is on its standby already (" + m.now().describe()
                    + "); failback brings it back to the primary");
        }
        List<String> checks = new ArrayList<>();
        checks.add("Traffic now: " + m.now().describe() + " (" + m.adapter().id() + ")");
        double load = load(namespace, model, checks);
        int desired = replicas(standby);
        int ready = ready(standby);
        checks.add("Standby " + name(standby) + ": " + ready + " of " + desired + " replicas ready");
        int needed = needed(standby, primary, load, checks, "standby");
        List<Step> plan = new ArrayList<>();
        if (needed > desired) {
            checks.add("The standby is short for the load: the plan scales it from " + desired + " to " + needed
                    + " and waits for them to be ready before moving any traffic");
            plan.add(Step.send("Scale the standby " + name(standby) + " from " + desired + " to " + needed + " replicas",
                    scale(standby, needed)));
            plan.add(Step.awaitRolloutOf("Wait for " + needed + " standby replicas to be ready", name(standby)));
        } else if (ready < desired) {
            plan.add(Step.awaitRolloutOf("Wait for the standby's " + desired + " replicas to be ready", name(standby)));
        }
        disruptionBudgets(namespace, model, checks);
        lease(namespace, model, name(primary), checks);
        Split from = m.now();
        for (int share : steps) {
            Split to = toward(STANDBY, PRIMARY, share, m.tracks());
            plan.add(Step.send("Move traffic: " + to.describe(), shift(m, from, to)));
            plan.add(Step.verifyTraffic(share == 100 ? "Verify: all traffic on the standby, served within its objective"
                            : "Verify: the standby serves " + share + " %",
                    new TrafficStep(m.adapter().id(), model, to.percentByTrack(), STANDBY, 0, Map.of(), share == 100)));
            from = to;
        }
        return plan(OperationKind.FAILOVER, namespace, model, primary, "Fail " + model + " over to its standby "
                + (steps.size() == 1 ? "at once" : "in steps of " + steps) + " (" + m.adapter().id() + ")", plan, checks);
    }

    /**
     * Brings traffic back to the recovered primary.
     *
     * @param stages      the primary's share after each stage, ending at 100 ([100]: at once)
     * @param bakeSeconds how long each stage is held while the primary's objective is watched
     */
    public Plan failback(String namespace, String model, String adapter, List<Integer> stages, int bakeSeconds) {
        checkStages(stages, "--stages");
        if (bakeSeconds < 1) {
            throw new OperationRefused("a bake time of " + bakeSeconds + " s gates nothing; give 1 s or more");
        }
        Model m = model(namespace, model, adapter);
        Deployment primary = m.track(PRIMARY);
        Deployment standby = m.track(STANDBY);
        if (m.now().percent(PRIMARY) == 100) {
            throw new OperationRefused("all of " + model + "'s traffic is on its primary already (" + m.now().describe() + ")");
        }
        List<String> checks = new ArrayList<>();
        checks.add("Traffic now: " + m.now().describe() + " (" + m.adapter().id() + ")");
        double load = load(namespace, model, checks);
        int desired = replicas(primary);
        int ready = ready(primary);
        checks.add("Primary " + name(primary) + ": " + ready + " of " + desired + " replicas ready, version "
                + version(primary));
        int needed = needed(primary, standby, load, checks, "primary");
        if (needed > desired) {
            checks.add("Warning: the primary looks short for the load (" + needed + " replicas needed); the gates will show it");
        }
        disruptionBudgets(namespace, model, checks);
        lease(namespace, model, name(primary), checks);
        List<Step> plan = new ArrayList<>();
        plan.add(Step.awaitRolloutOf("Check the primary is rolled out and available", name(primary)));
        Split fallback = Split.allOn(STANDBY, m.tracks());
        Split from = m.now();
        for (int share : stages) {
            Split to = toward(PRIMARY, STANDBY, share, m.tracks());
            plan.add(Step.send("Move traffic: " + to.describe(), shift(m, from, to)));
            plan.add(Step.verifyTraffic("Verify: the primary serves " + share + " %",
                    new TrafficStep(m.adapter().id(), model, to.percentByTrack(), PRIMARY, 0, Map.of(), share == 100)));
            plan.add(Step.gate("Hold " + share + " % for " + bakeSeconds + " s; gate on the primary's objective (else all back to"
                    + " the standby)", new TrafficStep(m.adapter().id(), model, to.percentByTrack(), PRIMARY, bakeSeconds,
                    fallback.percentByTrack(), false)));
            from = to;
        }
        return plan(OperationKind.FAILBACK, namespace, model, primary, "Fail " + model + " back to its primary "
                + (stages.size() == 1 ? "at once" : "in stages of " + stages) + ", " + bakeSeconds + " s each (" + m.adapter().id()
                + ")", plan, checks);
    }

    /** "10,50,100" as stages; refuses what does not rise to 100. */
    public static List<Integer> stages(String text) {
        List<Integer> stages = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                stages.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new OperationRefused("'" + text + "' is not a list of percentages such as 10,50,100");
            }
        }
        return stages;
    }

    private static void checkStages(List<Integer> stages, String option) {
        for (int i = 0; i < stages.size(); i++) {
            int stage = stages.get(i);
            if (stage < 1 || stage > 100 || (i > 0 && stage <= stages.get(i - 1))) {
                throw new OperationRefused(option + " " + stages + ": give rising percentages from 1 to 100, such as 10,50,100");
            }
        }
        if (stages.isEmpty() || stages.getLast() != 100) {
            throw new OperationRefused(option + " " + stages + " must end at 100");
        }
    }

    /** The model as found: its adapter, its split now, and its Deployments by track. */
    private record Model(TrafficAdapter adapter, Split now, Map<String, Deployment> byTrack, List<String> tracks, String name) {
        Deployment track(String track) {
            Deployment deployment = byTrack.get(track);
            if (deployment == null) {
                throw new OperationRefused(name + " has no " + track + " track (it has " + String.join(", ", byTrack.keySet())
                        + "); failover needs a Deployment labelled " + Conventions.TRACK_LABEL + "=" + track);
            }
            return deployment;
        }
    }

    private Model model(String namespace, String model, String adapterId) {
        Map<String, Deployment> byTrack = new LinkedHashMap<>();
        client.apps().deployments().inNamespace(namespace).withLabel(Conventions.MODEL_LABEL, model)
                .withLabel(Conventions.COMPONENT_LABEL, Conventions.MODEL_SERVER).list().getItems()
                .forEach(d -> byTrack.put(Objects.requireNonNullElse(d.getMetadata().getLabels(), Map.<String, String>of())
                        .getOrDefault(Conventions.TRACK_LABEL, d.getMetadata().getName()), d));
        if (byTrack.isEmpty()) {
            throw new OperationRefused("there is no model service " + model + " in " + namespace + " of " + context
                    + " (no Deployment labelled " + Conventions.MODEL_LABEL + "=" + model + ", " + Conventions.COMPONENT_LABEL + "="
                    + Conventions.MODEL_SERVER + ")");
        }
        TrafficAdapter adapter;
        Split now;
        try {
            adapter = adapterId == null || adapterId.isEmpty() ? TrafficAdapters.detect(client, namespace, model)
                    : TrafficAdapters.of(adapterId, client);
            now = adapter.read(namespace, model);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new OperationRefused(e.getMessage());
        }
        List<String> tracks = new ArrayList<>(now.percentByTrack().keySet());
        byTrack.keySet().stream().filter(track -> !tracks.contains(track)).forEach(tracks::add);
        return new Model(adapter, now, byTrack, tracks, model);
    }

    /** {@code to} takes {@code share} %, {@code from} the rest, every other track nothing. */
    private static Split toward(String to, String from, int share, List<String> tracks) {
        Map<String, Integer> split = new LinkedHashMap<>();
        tracks.forEach(track -> split.put(track, track.equals(to) ? share : track.equals(from) ? 100 - share : 0));
        return new Split(split);
    }

    private static KubeRequest shift(Model m, Split from, Split to) {
        try {
            return m.adapter().shift(m.byTrack().values().iterator().next().getMetadata().getNamespace(), m.name(), from, to);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new OperationRefused(e.getMessage());
        }
    }

    /** Requests per second the model serves now, all tracks together, read from its pods over a second. */
    private double load(String namespace, String model, List<String> checks) {
        try {
            DirectTraffic.Scrape before = probe.read(namespace, model);
            Thread.sleep(SAMPLE_MILLIS);
            DirectTraffic.Scrape after = probe.read(namespace, model);
            List<BackendTraffic> tracks = DirectTraffic.between(before, after, probe.slo(namespace, model));
            double total = tracks.stream().mapToDouble(BackendTraffic::requests).sum();
            StringBuilder each = new StringBuilder();
            tracks.stream().filter(t -> t.requests() > 0).forEach(t -> each.append(each.isEmpty() ? "" : ", ").append(t.backend())
                    .append(' ').append(format(t.requests())));
            checks.add("Load now: " + format(total) + " req/s" + (each.isEmpty() ? "" : " (" + each + ")")
                    + ", read from the pods over " + SAMPLE_MILLIS / 1000 + " s");
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationRefused("interrupted while reading the load");
        } catch (RuntimeException e) {
            checks.add("Load now: unknown (" + e.getMessage() + ")");
            return Double.NaN;
        }
    }

    /**
     * The replicas {@code taking} needs for {@code load} at {@link #TARGET_UTILISATION} of a pod's
     * capacity; without a known capacity, as many as {@code other} has ready.
     */
    private int needed(Deployment taking, Deployment other, double load, List<String> checks, String role) {
        int desired = replicas(taking);
        OptionalDouble perPod = capacity(taking);
        String from = "annotation " + Conventions.CAPACITY_ANNOTATION;
        if (perPod.isEmpty()) {
            perPod = probe.highestPerPodRate(taking.getMetadata().getNamespace(),
                    taking.getMetadata().getLabels().get(Conventions.MODEL_LABEL));
            from = "the highest per-pod rate Prometheus has seen";
        }
        if (perPod.isEmpty() || Double.isNaN(load)) {
            int match = Math.max(desired, Math.max(ready(other), replicas(other)));
            checks.add("Capacity of the " + role + ": unknown (no " + Conventions.CAPACITY_ANNOTATION + " annotation, no Prometheus"
                    + " history" + (Double.isNaN(load) ? ", no load reading" : "") + "); the plan matches the other track's " + match
                    + " replicas");
            return match;
        }
        double capacity = ready(taking) * perPod.getAsDouble();
        int needed = Math.max(desired, Math.max(1, (int) Math.ceil(load / (perPod.getAsDouble() * TARGET_UTILISATION))));
        checks.add("Capacity of the " + role + ": " + ready(taking) + " ready × " + format(perPod.getAsDouble()) + " req/s per pod ("
                + from + ") = " + format(capacity) + " req/s for " + format(load) + " req/s: "
                + (capacity <= 0 ? "none" : String.format(Locale.ROOT, "%.0f %%", 100 * load / capacity)) + " of it; "
                + needed + (needed == 1 ? " replica keeps" : " replicas keep") + " it under " + Math.round(TARGET_UTILISATION * 100) + " %");
        return needed;
    }

    private static OptionalDouble capacity(Deployment deployment) {
        for (Map<String, String> annotations : java.util.Arrays.asList(deployment.getMetadata().getAnnotations(),
                deployment.getSpec().getTemplate().getMetadata() == null ? null
                        : deployment.getSpec().getTemplate().getMetadata().getAnnotations())) {
            if (annotations != null && annotations.containsKey(Conventions.CAPACITY_ANNOTATION)) {
                try {
                    double value = Double.parseDouble(annotations.get(Conventions.CAPACITY_ANNOTATION).trim());
                    if (value > 0) {
                        return OptionalDouble.of(value);
                    }
                } catch (NumberFormatException e) {
                    // an unreadable annotation counts as none; the check line says capacity is unknown
                }
            }
        }
        return OptionalDouble.empty();
    }

    private void disruptionBudgets(String namespace, String model, List<String> checks) {
        try {
            for (PodDisruptionBudget pdb : client.policy().v1().podDisruptionBudget().inNamespace(namespace).list().getItems()) {
                var selector = pdb.getSpec().getSelector();
                if (selector != null && selector.getMatchLabels() != null && model.equals(selector.getMatchLabels()
                        .get(Conventions.MODEL_LABEL))) {
                    checks.add("PodDisruptionBudget " + pdb.getMetadata().getName() + ": " + (pdb.getStatus() == null ? "no status yet"
                            : pdb.getStatus().getDisruptionsAllowed() + " disruption(s) allowed") + " (nothing is evicted)");
                }
            }
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            checks.add("PodDisruptionBudgets: not readable (" + e.getCode() + ")");
        }
    }

    private void lease(String namespace, String model, String deployment, List<String> checks) {
        String held = new ServiceLease(client, request -> {
            throw new IllegalStateException("a read-only check");
        }, new Target(context, namespace, deployment, model), "", "").refusal();
        checks.add(held == null ? "No other operation holds " + model : "Held: " + held);
    }

    private Plan plan(OperationKind kind, String namespace, String model, Deployment primary, String summary, List<Step> steps,
                      List<String> checks) {
        List<String> touches = steps.stream().filter(Step::sends)
                .map(step -> step.request().kind() + " " + namespace + "/" + step.request().name()).distinct().toList();
        return new Plan(UUID.randomUUID().toString(), kind, new Target(context, namespace, name(primary), model), summary, steps,
                touches, Plan.Risk.HIGH, List.of(), checks);
    }

    private static KubeRequest scale(Deployment deployment, int replicas) {
        return KubeRequest.mergePatch("apps", "v1", "Deployment", "deployments", deployment.getMetadata().getNamespace(),
                name(deployment), "{\"spec\":{\"replicas\":" + replicas + "}}");
    }

    private static String name(Deployment deployment) {
        return deployment.getMetadata().getName();
    }

    private static int replicas(Deployment deployment) {
        return Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
    }

    private static int ready(Deployment deployment) {
        return deployment.getStatus() == null ? 0 : Objects.requireNonNullElse(deployment.getStatus().getReadyReplicas(), 0);
    }

    private static String version(Deployment deployment) {
        var template = deployment.getSpec().getTemplate().getMetadata();
        String version = template == null || template.getLabels() == null ? null : template.getLabels().get(Conventions.VERSION_LABEL);
        return version != null ? version : Objects.requireNonNullElse(deployment.getMetadata().getLabels(), Map.<String, String>of())
                .getOrDefault(Conventions.VERSION_LABEL, "unknown");
    }

    private static String format(double value) {
        return value >= 10 ? String.valueOf(Math.round(value)) : String.format(Locale.ROOT, "%.1f", value);
    }
}
