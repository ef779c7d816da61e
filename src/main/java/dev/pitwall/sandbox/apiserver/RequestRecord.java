package dev.pitwall.sandbox.apiserver;

/**
 * One request the API server answered, for observers (tests that count mutating requests, the
 * sandbox's own request log). Holds no credentials.
 */
public record RequestRecord(String user, String verb, String method, String path, String group, String resource,
                            String subresource, String namespace, String name, int code, boolean mutating) {
}
