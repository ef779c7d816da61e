package dev.pitwall.sandbox.rbac;

import java.util.ArrayList;
import java.util.List;

import dev.pitwall.sandbox.store.ObjectStore;
import dev.pitwall.sandbox.store.ResourceType;
import dev.pitwall.sandbox.store.ResourceTypes;
import tools.jackson.databind.JsonNode;

/**
 * Kubernetes RBAC over the Roles, ClusterRoles, RoleBindings and ClusterRoleBindings in the
 * store: a request is allowed when a binding for the user or one of its groups grants a rule that
 * covers its verb, API group, resource (or {@code resource/subresource}) and name.
 * {@code system:masters} is allowed everything, as in Kubernetes. Discovery, version and health
 * paths are public.
 */
public final class RbacAuthorizer {

    private final ObjectStore store;
    private final ResourceType roles;
    private final ResourceType clusterRoles;
    private final ResourceType roleBindings;
    private final ResourceType clusterRoleBindings;

    public RbacAuthorizer(ObjectStore store, ResourceTypes types) {
        this.store = store;
        this.roles = types.find("rbac.authorization.k8s.io", "roles").orElseThrow();
        this.clusterRoles = types.find("rbac.authorization.k8s.io", "clusterroles").orElseThrow();
        this.roleBindings = types.find("rbac.authorization.k8s.io", "rolebindings").orElseThrow();
        this.clusterRoleBindings = types.find("rbac.authorization.k8s.io", "clusterrolebindings").orElseThrow();
    }

    public boolean allowed(UserInfo user, RequestAttributes request) {
        if (user.isSuperuser()) {
            return true;
        }
        if (!request.isResourceRequest() && isPublicPath(request.path())) {
            return true;
        }
        if (request.isResourceRequest() && isSelfReview(request)) {
            return !user.equals(UserInfo.ANONYMOUS);
        }
        for (JsonNode rule : rulesFor(user, request.namespace())) {
            if (covers(rule, request)) {
                return true;
            }
        }
        return false;
    }

    /** The rules that apply to the user in a namespace (cluster-wide rules included). */
    public List<JsonNode> rulesFor(UserInfo user, String namespace) {
        List<JsonNode> rules = new ArrayList<>();
        store.forEach(clusterRoleBindings, "", binding -> {
            if (bindsUser(binding, user)) {
                rules.addAll(roleRules(binding.path("roleRef"), ""));
            }
        });
        if (!namespace.isEmpty()) {
            store.forEach(roleBindings, namespace, binding -> {
                if (bindsUser(binding, user)) {
                    rules.addAll(roleRules(binding.path("roleRef"), namespace));
                }
            });
        }
        return rules;
    }

    private List<JsonNode> roleRules(JsonNode roleRef, String namespace) {
        String kind = roleRef.path("kind").asString();
        String name = roleRef.path("name").asString();
        List<JsonNode> rules = new ArrayList<>();
        if (kind.equals("ClusterRole")) {
            store.get(clusterRoles, "", name).ifPresent(role -> role.path("rules").forEach(rules::add));
        } else if (kind.equals("Role") && !namespace.isEmpty()) {
            store.get(roles, namespace, name).ifPresent(role -> role.path("rules").forEach(rules::add));
        }
        return rules;
    }

    private static boolean bindsUser(JsonNode binding, UserInfo user) {
        for (JsonNode subject : binding.path("subjects")) {
            String kind = subject.path("kind").asString();
            String name = subject.path("name").asString();
            if ((kind.equals("User") && name.equals(user.name())) || (kind.equals("Group") && user.groups().contains(name))) {
                return true;
            }
        }
        return false;
    }

    private static boolean covers(JsonNode rule, RequestAttributes request) {
        if (!contains(rule.path("verbs"), request.verb())) {
            return false;
        }
        if (!request.isResourceRequest()) {
            for (JsonNode url : rule.path("nonResourceURLs")) {
                String pattern = url.asString();
                if (pattern.equals("*") || pattern.equals(request.path())
                        || (pattern.endsWith("*") && request.path().startsWith(pattern.substring(0, pattern.length() - 1)))) {
                    return true;
                }
            }
            return false;
        }
        if (!contains(rule.path("apiGroups"), request.group())) {
            return false;
        }
        String resource = request.subresource().isEmpty() ? request.resource()
                : request.resource() + "/" + request.subresource();
        boolean resourceMatches = false;
        for (JsonNode granted : rule.path("resources")) {
            String value = granted.asString();
            if (value.equals("*") || value.equals(resource)
                    || (!request.subresource().isEmpty() && value.equals("*/" + request.subresource()))) {
                resourceMatches = true;
                break;
            }
        }
        if (!resourceMatches) {
            return false;
        }
        JsonNode names = rule.path("resourceNames");
        return names.isEmpty() || (!request.name().isEmpty() && contains(names, request.name()));
    }

    private static boolean contains(JsonNode list, String value) {
        for (JsonNode item : list) {
            if (item.asString().equals("*") || item.asString().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPublicPath(String path) {
        return path.equals("/version") || path.equals("/healthz") || path.equals("/readyz") || path.equals("/livez")
                || path.equals("/api") || path.equals("/apis") || path.startsWith("/api/") || path.startsWith("/apis/")
                || path.startsWith("/openapi");
    }

    private static boolean isSelfReview(RequestAttributes request) {
        return request.verb().equals("create") && (request.resource().equals("selfsubjectaccessreviews")
                || request.resource().equals("selfsubjectreviews") || request.resource().equals("selfsubjectrulesreviews"));
    }

    /** Kubernetes' sentence for a refusal. */
    public static String forbiddenMessage(UserInfo user, RequestAttributes request) {
        if (!request.isResourceRequest()) {
            return "forbidden: User \"" + user.name() + "\" cannot " + request.verb() + " path \"" + request.path() + "\"";
        }
        String resource = request.subresource().isEmpty() ? request.resource()
                : request.resource() + "/" + request.subresource();
        String what = request.name().isEmpty() ? resource : resource + " \"" + request.name() + "\"";
        return what + " is forbidden: User \"" + user.name() + "\" cannot " + request.verb() + " resource \"" + resource
                + "\" in API group \"" + request.group() + "\""
                + (request.namespace().isEmpty() ? " at the cluster scope" : " in the namespace \"" + request.namespace() + "\"");
    }
}
