package dev.pitwall.sandbox.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every resource type the sandbox serves: what a model-serving fleet and its operators touch. */
public final class ResourceTypes {

    private static final List<String> ALL = List.of("all");

    private final Map<String, ResourceType> byGroupAndPlural = new LinkedHashMap<>();

    public static final ResourceTypes STANDARD = new ResourceTypes(List.of(
            type("", "v1", "Namespace", "namespaces", false, true, List.of("ns"), List.of(), List.of()),
            type("", "v1", "Node", "nodes", false, true, List.of("no"), List.of(), List.of()),
            type("", "v1", "Pod", "pods", true, true, List.of("po"), ALL, List.of("eviction", "binding", "proxy")),
            type("", "v1", "Binding", "bindings", true, false, List.of(), List.of(), List.of()),
            type("", "v1", "Service", "services", true, true, List.of("svc"), ALL, List.of("proxy")),
            type("", "v1", "Endpoints", "endpoints", true, false, List.of("ep"), List.of(), List.of()),
            type("", "v1", "ConfigMap", "configmaps", true, false, List.of("cm"), List.of(), List.of()),
            type("", "v1", "Secret", "secrets", true, false, List.of(), List.of(), List.of()),
            type("", "v1", "ServiceAccount", "serviceaccounts", true, false, List.of("sa"), List.of(), List.of()),
            type("", "v1", "Event", "events", true, false, List.of("ev"), List.of(), List.of()),
            type("apps", "v1", "Deployment", "deployments", true, true, List.of("deploy"), ALL, List.of("scale")),
            type("apps", "v1", "ReplicaSet", "replicasets", true, true, List.of("rs"), ALL, List.of("scale")),
            type("apps", "v1", "ControllerRevision", "controllerrevisions", true, false, List.of(), List.of(), List.of()),
            type("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, true, List.of("pdb"), List.of(), List.of()),
            type("coordination.k8s.io", "v1", "Lease", "leases", true, false, List.of(), List.of(), List.of()),
            type("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true, false, List.of(), List.of(), List.of()),
            type("events.k8s.io", "v1", "Event", "events", true, false, List.of("ev"), List.of(), List.of()),
            type("gateway.networking.k8s.io", "v1", "HTTPRoute", "httproutes", true, true, List.of(), List.of("gateway-api"), List.of()),
            type("gateway.networking.k8s.io", "v1", "Gateway", "gateways", true, true, List.of("gtw"), List.of("gateway-api"), List.of()),
            type("networking.istio.io", "v1", "VirtualService", "virtualservices", true, true, List.of("vs"), List.of("istio-io"), List.of()),
            type("rbac.authorization.k8s.io", "v1", "Role", "roles", true, false, List.of(), List.of(), List.of()),
            type("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true, false, List.of(), List.of(), List.of()),
            type("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false, false, List.of(), List.of(), List.of()),
            type("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false, false, List.of(), List.of(), List.of()),
            review("authorization.k8s.io", "SelfSubjectAccessReview", "selfsubjectaccessreviews"),
            review("authorization.k8s.io", "SelfSubjectRulesReview", "selfsubjectrulesreviews"),
            review("authentication.k8s.io", "SelfSubjectReview", "selfsubjectreviews")));

    public ResourceTypes(List<ResourceType> types) {
        types.forEach(type -> byGroupAndPlural.put(type.group() + "/" + type.plural(), type));
    }

    private static ResourceType type(String group, String version, String kind, String plural, boolean namespaced,
                                     boolean hasStatus, List<String> shortNames, List<String> categories,
                                     List<String> subresources) {
        List<String> verbs = kind.equals("Binding") ? List.of("create") : ResourceType.ALL_VERBS;
        return new ResourceType(group, version, kind, plural, namespaced, hasStatus, shortNames, categories,
                subresources, verbs);
    }

    private static ResourceType review(String group, String kind, String plural) {
        return new ResourceType(group, "v1", kind, plural, false, false, List.of(), List.of(), List.of(),
                List.of("create"));
    }

    public Optional<ResourceType> find(String group, String plural) {
        return Optional.ofNullable(byGroupAndPlural.get(group + "/" + plural));
    }

    public Optional<ResourceType> byKind(String apiVersion, String kind) {
        return byGroupAndPlural.values().stream()
                .filter(type -> type.apiVersion().equals(apiVersion) && type.kind().equals(kind)).findFirst();
    }

    public List<ResourceType> all() {
        return List.copyOf(byGroupAndPlural.values());
    }

    /** The groups in discovery order (core first), each with its one version. */
    public List<String> groups() {
        List<String> groups = new ArrayList<>();
        for (ResourceType type : byGroupAndPlural.values()) {
            if (!type.group().isEmpty() && !groups.contains(type.group())) {
                groups.add(type.group());
            }
        }
        return groups;
    }

    public List<ResourceType> inGroupVersion(String group, String version) {
        return byGroupAndPlural.values().stream()
                .filter(type -> type.group().equals(group) && type.version().equals(version)).toList();
    }
}
