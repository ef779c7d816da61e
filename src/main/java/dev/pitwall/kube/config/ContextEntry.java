package dev.pitwall.kube.config;

import java.nio.file.Path;

/**
 * One context of the merged kubeconfig, as an operator sees it before connecting.
 * Holds no credentials: only the user's name, never its token or keys.
 *
 * @param name       the context's name
 * @param cluster    the cluster the context names
 * @param clusterUrl the cluster's server URL, or empty when no file defines the cluster
 * @param user       the user (AuthInfo) the context names
 * @param namespace  the context's namespace, {@code default} when unset
 * @param current    whether this is the merged kubeconfig's current context
 * @param source     the file that defined the context
 */
public record ContextEntry(String name, String cluster, String clusterUrl, String user,
                           String namespace, boolean current, Path source) {
}
