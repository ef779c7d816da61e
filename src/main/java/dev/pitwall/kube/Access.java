package dev.pitwall.kube;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.pitwall.guard.Identity;
import dev.pitwall.kube.review.Reviews;
import dev.pitwall.ops.KubeRequest;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Who the cluster says the operator is (SelfSubjectReview), and whether Kubernetes RBAC lets them
 * make an operation's requests (SelfSubjectAccessReview), asked before the operation is offered.
 * Reviews change nothing in the cluster.
 */
public final class Access {

    private final KubernetesClient client;

    public Access(KubernetesClient client) {
        this.client = client;
    }

    public Identity identity() {
        try {
            SelfSubjectReview review = Reviews.whoAmI(client);
            var user = review.getStatus() == null ? null : review.getStatus().getUserInfo();
            if (user == null || user.getUsername() == null) {
                throw new IllegalStateException("the API server at " + client.getMasterUrl() + " did not say who this identity is");
            }
            return new Identity(user.getUsername(), user.getGroups() == null ? List.of() : user.getGroups());
        } catch (KubernetesClientException e) {
            throw new IllegalStateException("cannot ask the API server at " + client.getMasterUrl() + " who this identity is ("
                    + e.getCode() + " " + e.getMessage() + "); check the context's credentials", e);
        }
    }

    /**
     * What RBAC refuses of {@code requests}, plus the Lease and the Event every operation writes,
     * each as "patch deployments in models"; empty when all are allowed.
     */
    public List<String> denials(List<KubeRequest> requests) {
        Set<List<String>> asks = new LinkedHashSet<>();
        Set<String> namespaces = new LinkedHashSet<>();
        for (KubeRequest request : requests) {
            asks.add(List.of(request.verb(), request.group(), request.resource(), request.subresource(), request.namespace()));
            namespaces.add(request.namespace());
        }
        for (String namespace : namespaces) {
            for (String verb : List.of("create", "update", "delete")) {
                asks.add(List.of(verb, "coordination.k8s.io", "leases", "", namespace));
            }
            asks.add(List.of("create", "", "events", "", namespace));
        }
        List<String> denied = new ArrayList<>();
        for (List<String> ask : asks) {
            if (!Reviews.allowed(client, ask.get(0), ask.get(1), ask.get(2), ask.get(3), ask.get(4))) {
                denied.add(ask.get(0) + " " + ask.get(2) + (ask.get(3).isEmpty() ? "" : "/" + ask.get(3)) + " in " + ask.get(4));
            }
        }
        return denied;
    }
}
