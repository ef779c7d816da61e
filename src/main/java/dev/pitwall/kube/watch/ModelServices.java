package dev.pitwall.kube.watch;

import static dev.pitwall.kube.watch.FleetObjects.labels;
import static dev.pitwall.kube.watch.FleetObjects.orZero;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.pitwall.fleet.Conventions;
import dev.pitwall.fleet.ModelService;
import dev.pitwall.fleet.ReplicaSetState;
import dev.pitwall.fleet.Rollout;
import dev.pitwall.fleet.Track;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Model services from what the informers hold, by the fleet conventions
 * (docs/fleet-conventions.md): model-server Deployments grouped by model name into tracks; each
 * track's weight from the HTTPRoute backends whose Service selects it, its ready endpoints from
 * those Services' EndpointSlices, its disruption budget, and its rollout from its ReplicaSets.
 * What it reads of Deployments, ReplicaSets and EndpointSlices is what {@link SlimObjects} keeps.
 */
final class ModelServices {

    private static final List<String> TRACK_ORDER = List.of("primary", "standby", "canary");
    private static final String REVISION = SlimObjects.REVISION;
    private static final String SERVICE_NAME = "kubernetes.io/service-name";

    /** The objects model services are assembled from; any list is empty when the identity may not list it. */
    record Sources(List<Deployment> deployments, List<ReplicaSet> replicaSets, List<Service> services,
                    List<EndpointSlice> endpointSlices, List<PodDisruptionBudget> budgets, List<HTTPRoute> routes) {
    }

    private ModelServices() {
    }

    static List<ModelService> assemble(Sources objects) {
        Map<String, List<Deployment>> byModel = new TreeMap<>();
        for (Deployment deployment : objects.deployments()) {
            Map<String, String> labels = labels(deployment.getMetadata().getLabels());
            if (Conventions.MODEL_SERVER.equals(labels.get(Conventions.COMPONENT_LABEL)) && labels.containsKey(Conventions.MODEL_LABEL)) {
                byModel.computeIfAbsent(deployment.getMetadata().getNamespace() + "/" + labels.get(Conventions.MODEL_LABEL),
                        key -> new ArrayList<>()).add(deployment);
            }
        }
        Map<String, List<ReplicaSet>> replicaSetsByOwner = new HashMap<>();
        for (ReplicaSet replicaSet : objects.replicaSets()) {
            for (var owner : Objects.requireNonNullElse(replicaSet.getMetadata().getOwnerReferences(),
                    List.<io.fabric8.kubernetes.api.model.OwnerReference>of())) {
                replicaSetsByOwner.computeIfAbsent(owner.getUid(), uid -> new ArrayList<>()).add(replicaSet);
            }
        }
        Map<String, Integer> readyEndpointsByService = new HashMap<>();
        for (EndpointSlice slice : objects.endpointSlices()) {
            String service = labels(slice.getMetadata().getLabels()).get(SERVICE_NAME);
            if (service == null || slice.getEndpoints() == null) {
                continue;
            }
            long ready = slice.getEndpoints().stream()
                    .filter(e -> e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady())).count();
            readyEndpointsByService.merge(slice.getMetadata().getNamespace() + "/" + service, (int) ready, Integer::sum);
        }
        Index index = new Index(objects, readyEndpointsByService);
        List<ModelService> result = new ArrayList<>();
        byModel.forEach((key, members) -> {
            String namespace = key.substring(0, key.indexOf('/'));
            String model = key.substring(key.indexOf('/') + 1);
            Map<String, Integer> weights = index.weights.getOrDefault(key, Map.of());
            String routeName = index.routeNames.getOrDefault(key, "");
            List<Track> tracks = members.stream()
                    .map(deployment -> track(deployment, weights, replicaSetsByOwner, index))
                    .sorted(Comparator.comparing((Track t) -> TRACK_ORDER.contains(t.name()) ? TRACK_ORDER.indexOf(t.name()) : 99)
                            .thenComparing(Track::name)).toList();
            result.add(new ModelService(namespace, model, tracks, routeName, index.routeAnnotations.getOrDefault(key, Map.of())));
        });
        return result;
    }

    /**
     * What tracks are matched against, indexed once per snapshot so that assembling is linear in
     * the number of objects: Services and PodDisruptionBudgets by namespace and the model their
     * selector names, and every model's weights and route from one pass over the HTTPRoutes.
     */
    private static final class Index {
        final Map<String, List<Service>> servicesByModel = new HashMap<>();
        final Map<String, List<PodDisruptionBudget>> budgetsByModel = new HashMap<>();
        final Map<String, Map<String, Integer>> weights = new HashMap<>();
        final Map<String, String> routeNames = new HashMap<>();
        final Map<String, Map<String, String>> routeAnnotations = new HashMap<>();
        final Map<String, Integer> readyEndpointsByService;

        Index(Sources objects, Map<String, Integer> readyEndpointsByService) {
            this.readyEndpointsByService = readyEndpointsByService;
            Map<String, Map<String, String>> selectorByService = new HashMap<>();
            for (Service service : objects.services()) {
                Map<String, String> selector = labels(service.getSpec() == null ? null : service.getSpec().getSelector());
                String namespace = service.getMetadata().getNamespace();
                selectorByService.put(namespace + "/" + service.getMetadata().getName(), selector);
                servicesByModel.computeIfAbsent(namespace + "/" + selector.getOrDefault(Conventions.MODEL_LABEL, ""),
                        key -> new ArrayList<>()).add(service);
            }
            for (PodDisruptionBudget budget : objects.budgets()) {
                if (budget.getSpec() == null || budget.getSpec().getSelector() == null) {
                    continue;
                }
                budgetsByModel.computeIfAbsent(budget.getMetadata().getNamespace() + "/"
                        + labels(budget.getSpec().getSelector().getMatchLabels()).getOrDefault(Conventions.MODEL_LABEL, ""),
                        key -> new ArrayList<>()).add(budget);
            }
            for (HTTPRoute route : objects.routes()) {
                if (route.getSpec() == null || route.getSpec().getRules() == null) {
                    continue;
                }
                String namespace = route.getMetadata().getNamespace();
                for (HTTPRouteRule rule : route.getSpec().getRules()) {
                    for (HTTPBackendRef backend : Objects.requireNonNullElse(rule.getBackendRefs(), List.<HTTPBackendRef>of())) {
                        Map<String, String> selector = selectorByService.getOrDefault(namespace + "/" + backend.getName(), Map.of());
                        String model = selector.get(Conventions.MODEL_LABEL);
                        if (model == null) {
                            continue;
                        }
                        String key = namespace + "/" + model;
                        routeNames.put(key, route.getMetadata().getName());
                        routeAnnotations.put(key, ModelService.pitwallAnnotations(route.getMetadata().getAnnotations()));
                        weights.computeIfAbsent(key, k -> new HashMap<>()).merge(selector.getOrDefault(Conventions.TRACK_LABEL, ""),
                                backend.getWeight() == null ? 1 : backend.getWeight(), Integer::sum);
                    }
                }
            }
            // blue/green without a route: the Service named after the model selects the live track
            for (Service service : objects.services()) {
                Map<String, String> selector = labels(service.getSpec() == null ? null : service.getSpec().getSelector());
                String key = service.getMetadata().getNamespace() + "/" + service.getMetadata().getName();
                if (service.getMetadata().getName().equals(selector.get(Conventions.MODEL_LABEL))
                        && selector.containsKey(Conventions.TRACK_LABEL) && !weights.containsKey(key)) {
                    weights.put(key, new HashMap<>(Map.of(selector.get(Conventions.TRACK_LABEL), 100)));
                }
            }
        }

        /** Services and budgets that may select a track: those naming its model, and those naming none. */
        <T> List<T> candidates(Map<String, List<T>> byModel, String namespace, String model) {
            List<T> named = byModel.getOrDefault(namespace + "/" + model, List.of());
            List<T> unnamed = byModel.getOrDefault(namespace + "/", List.of());
            if (unnamed.isEmpty()) {
                return named;
            }
            List<T> all = new ArrayList<>(named);
            all.addAll(unnamed);
            return all;
        }
    }

    private static Track track(Deployment deployment, Map<String, Integer> weights, Map<String, List<ReplicaSet>> replicaSetsByOwner,
                               Index index) {
        Map<String, String> labels = labels(deployment.getMetadata().getLabels());
        String name = labels.getOrDefault(Conventions.TRACK_LABEL, deployment.getMetadata().getName());
        String namespace = deployment.getMetadata().getNamespace();
        Map<String, String> templateLabels = deployment.getSpec().getTemplate().getMetadata() == null ? Map.of()
                : labels(deployment.getSpec().getTemplate().getMetadata().getLabels());
        var status = deployment.getStatus();
        int desired = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        int updated = status == null ? 0 : orZero(status.getUpdatedReplicas());
        int ready = status == null ? 0 : orZero(status.getReadyReplicas());
        int available = status == null ? 0 : orZero(status.getAvailableReplicas());
        int total = status == null ? 0 : orZero(status.getReplicas());
        String model = labels.getOrDefault(Conventions.MODEL_LABEL, "");
        int readyEndpoints = index.candidates(index.servicesByModel, namespace, model).stream()
                .filter(s -> selects(labels(s.getSpec().getSelector()), templateLabels))
                .mapToInt(s -> index.readyEndpointsByService.getOrDefault(namespace + "/" + s.getMetadata().getName(), 0)).sum();
        int disruptionsAllowed = index.candidates(index.budgetsByModel, namespace, model).stream()
                .filter(b -> selects(labels(b.getSpec().getSelector().getMatchLabels()), templateLabels))
                .mapToInt(b -> b.getStatus() == null ? 0 : orZero(b.getStatus().getDisruptionsAllowed())).min().orElse(-1);
        return new Track(name, deployment.getMetadata().getName(),
                templateLabels.getOrDefault(Conventions.VERSION_LABEL, labels.getOrDefault(Conventions.VERSION_LABEL, "")),
                desired, updated, ready, available, weights.getOrDefault(name, 0),
                rollout(deployment, desired, updated, total, available, replicaSetsByOwner), readyEndpoints, disruptionsAllowed);
    }

    private static Rollout rollout(Deployment deployment, int desired, int updated, int total, int available,
                                   Map<String, List<ReplicaSet>> replicaSetsByOwner) {
        var status = deployment.getStatus();
        boolean observed = status != null && status.getObservedGeneration() != null
                && status.getObservedGeneration() >= deployment.getMetadata().getGeneration();
        boolean deadlineExceeded = status != null && status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> "Progressing".equals(c.getType()) && "ProgressDeadlineExceeded".equals(c.getReason()));
        String text = Rollout.describe(deployment.getMetadata().getName(), observed, deadlineExceeded, desired, updated, total, available);
        boolean done = observed && updated >= desired && total <= updated && available >= updated;
        List<ReplicaSet> owned = replicaSetsByOwner.getOrDefault(deployment.getMetadata().getUid(), List.of());
        long newest = owned.stream().mapToLong(ModelServices::revision).max().orElse(0);
        List<ReplicaSetState> replicaSets = owned.stream().map(rs -> new ReplicaSetState(rs.getMetadata().getName(), revision(rs),
                        revision(rs) == newest, rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas(),
                        rs.getStatus() == null ? 0 : orZero(rs.getStatus().getReplicas()),
                        rs.getStatus() == null ? 0 : orZero(rs.getStatus().getReadyReplicas()),
                        rs.getStatus() == null ? 0 : orZero(rs.getStatus().getAvailableReplicas())))
                .sorted(Comparator.comparingLong(ReplicaSetState::revision).reversed()).toList();
        long revision = parse(labels(deployment.getMetadata().getAnnotations()).get(REVISION));
        return new Rollout(text, done, Boolean.TRUE.equals(deployment.getSpec().getPaused()), revision, replicaSets);
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    private static long revision(ReplicaSet replicaSet) {
        return parse(labels(replicaSet.getMetadata().getAnnotations()).get(REVISION));
    }

    private static long parse(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
