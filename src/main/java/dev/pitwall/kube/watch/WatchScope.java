package dev.pitwall.kube.watch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pitwall.kube.review.Reviews;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Where the identity may list and watch a resource, asked of the API server
 * (SelfSubjectAccessReview) before an informer is started, so that Pitwall watches what it may and
 * says what it may not, instead of retrying forbidden watches.
 */
final class WatchScope {

    private static final Logger LOG = LoggerFactory.getLogger(WatchScope.class);

    /** Every namespace, only the context's namespace, or nowhere. */
    enum Reach { CLUSTER, NAMESPACE, NONE }

    private WatchScope() {
    }

    static Reach of(KubernetesClient client, String group, String resource, boolean namespaced) {
        try {
            if (allowed(client, group, resource, null)) {
                return Reach.CLUSTER;
            }
            String namespace = client.getNamespace();
            if (namespaced && namespace != null && allowed(client, group, resource, namespace)) {
                return Reach.NAMESPACE;
            }
            return Reach.NONE;
        } catch (RuntimeException e) {
            // A server without access reviews (or one that forbids them): try the watch, whose own
            // failure the connection status reports.
            LOG.info("could not review access to {}: {}", resource, e.getMessage());
            return Reach.CLUSTER;
        }
    }

    private static boolean allowed(KubernetesClient client, String group, String resource, String namespace) {
        for (String verb : new String[] {"list", "watch"}) {
            if (!Reviews.allowed(client, verb, group, resource, null, namespace)) {
                return false;
            }
        }
        return true;
    }
}
