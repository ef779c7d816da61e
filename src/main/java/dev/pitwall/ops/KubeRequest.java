package dev.pitwall.ops;

/**
 * One mutating request an operation sends, described well enough to journal it before it is sent,
 * to check it with a SelfSubjectAccessReview, and for the one writer ({@code kube.write}) to send it.
 * Holds no credential.
 *
 * @param verb        the RBAC verb: patch, delete, create, update
 * @param group       API group, "" for the core group
 * @param version     API version within the group
 * @param kind        the object's kind
 * @param resource    the plural resource
 * @param subresource "" or a subresource such as eviction
 * @param namespace   its namespace
 * @param name        its name
 * @param patchType   for patch: "merge" (JSON merge patch) or "json" (JSON patch); "" otherwise
 * @param body        the patch or the object to create; "" when none
 */
public record KubeRequest(String verb, String group, String version, String kind, String resource, String subresource,
                          String namespace, String name, String patchType, String body) {

    public static KubeRequest mergePatch(String group, String version, String kind, String resource, String namespace, String name,
                                         String body) {
        return new KubeRequest("patch", group, version, kind, resource, "", namespace, name, "merge", body);
    }

    public static KubeRequest jsonPatch(String group, String version, String kind, String resource, String namespace, String name,
                                        String body) {
        return new KubeRequest("patch", group, version, kind, resource, "", namespace, name, "json", body);
    }

    /** Deletes a pod at once (grace period 0). */
    public static KubeRequest deletePod(String namespace, String name) {
        return new KubeRequest("delete", "", "v1", "Pod", "pods", "", namespace, name, "", "{\"gracePeriodSeconds\":0}");
    }

    /** Evicts a pod: the API server refuses when a PodDisruptionBudget would be broken. */
    public static KubeRequest evictPod(String namespace, String name) {
        return new KubeRequest("create", "", "v1", "Pod", "pods", "eviction", namespace, name, "", "");
    }

    /** The HTTP method and path, as the API server sees it: what the journal records. */
    public String describe() {
        String method = switch (verb) {
            case "patch" -> "PATCH";
            case "delete" -> "DELETE";
            case "update" -> "PUT";
            default -> "POST";
        };
        String prefix = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
        boolean creates = verb.equals("create") && subresource.isEmpty();
        return method + " " + prefix + "/namespaces/" + namespace + "/" + resource + (creates ? "" : "/" + name)
                + (subresource.isEmpty() ? "" : "/" + subresource);
    }

    /** What RBAC is asked: "patch deployments in models". */
    public String permission() {
        return verb + " " + resource + (subresource.isEmpty() ? "" : "/" + subresource) + " in " + namespace;
    }
}
