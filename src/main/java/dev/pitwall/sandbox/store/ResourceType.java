package dev.pitwall.sandbox.store;

import java.util.List;

/**
 * A kind of object the sandbox API server serves, with what discovery advertises about it.
 *
 * @param group         the API group, empty for the core group
 * @param version       the served version
 * @param kind          the object kind
 * @param plural        the resource name in paths
 * @param namespaced    whether objects live in namespaces
 * @param hasStatus     whether status is written only through the {@code status} subresource
 * @param shortNames    kubectl's short names
 * @param categories    categories such as {@code all}
 * @param subresources  served subresources besides {@code status}
 * @param verbs         the verbs discovery advertises
 */
public record ResourceType(String group, String version, String kind, String plural, boolean namespaced,
                           boolean hasStatus, List<String> shortNames, List<String> categories,
                           List<String> subresources, List<String> verbs) {

    public static final List<String> ALL_VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    /** {@code v1} or {@code apps/v1}: the object's apiVersion. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** {@code pods} or {@code deployments.apps}: the name RBAC errors and kubectl use. */
    public String qualifiedName() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    public String singular() {
        return kind.toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isReview() {
        return verbs.equals(List.of("create")) && kind.endsWith("Review");
    }
}
