package dev.pitwall.sandbox.rbac;

/**
 * What a request does, in RBAC's terms. For non-resource requests (such as {@code /healthz})
 * {@code resource} is empty and {@code path} is set.
 */
public record RequestAttributes(String verb, String group, String resource, String subresource, String namespace,
                                String name, String path) {

    public static RequestAttributes resource(String verb, String group, String resource, String subresource,
                                             String namespace, String name) {
        return new RequestAttributes(verb, group, resource, subresource, namespace, name, "");
    }

    public boolean isResourceRequest() {
        return !resource.isEmpty();
    }

    public boolean isMutating() {
        return switch (verb) {
            case "get", "list", "watch" -> false;
            default -> true;
        };
    }
}
