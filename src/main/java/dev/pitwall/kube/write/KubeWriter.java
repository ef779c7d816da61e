package dev.pitwall.kube.write;

import java.util.List;

import dev.pitwall.ops.KubeRequest;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The one place that sends mutating requests to a cluster. Only the operations executor calls it,
 * after the guard has allowed the operation and after the request is journaled (an architecture
 * test holds every other class to that).
 */
public final class KubeWriter {

    private final KubernetesClient client;

    public KubeWriter(KubernetesClient client) {
        this.client = client;
    }

    /** The answer to a request: the object as the server returned it (null for a delete or eviction). */
    public record Answer(int code, GenericKubernetesResource object) {
    }

    /** A request the server refused, with its HTTP status and message. */
    public static final class Refused extends RuntimeException {
        private final int code;

        public Refused(int code, String message) {
            super(message);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /**
     * Sends {@code request}; with {@code dryRun} the server checks and answers it without
     * persisting anything (dryRun=All).
     *
     * @throws Refused when the server refuses it (403, 404, 409, 422, 429 ...), or cannot be reached (code 0)
     */
    public Answer send(KubeRequest request, boolean dryRun) {
        try {
            return switch (request.verb()) {
                case "patch" -> new Answer(200, resource(request, dryRun).patch(PatchContext.of(
                        request.patchType().equals("json") ? PatchType.JSON : PatchType.JSON_MERGE), request.body()));
                case "delete" -> delete(request, dryRun);
                case "create" -> request.subresource().equals("eviction") ? evict(request, dryRun)
                        : new Answer(201, resource(request, dryRun).create());
                case "update" -> new Answer(200, resource(request, dryRun).update());
                default -> throw new IllegalArgumentException("unknown verb " + request.verb());
            };
        } catch (KubernetesClientException e) {
            String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
            throw new Refused(e.getCode(), message);
        }
    }

    private Resource<GenericKubernetesResource> resource(KubeRequest request, boolean dryRun) {
        String apiVersion = request.group().isEmpty() ? request.version() : request.group() + "/" + request.version();
        var resources = client.genericKubernetesResources(apiVersion, request.kind()).inNamespace(request.namespace());
        Resource<GenericKubernetesResource> resource = request.body().isEmpty() || request.verb().equals("patch")
                ? resources.withName(request.name())
                : resources.resource(Serialization.unmarshal(request.body(), GenericKubernetesResource.class));
        return dryRun ? (Resource<GenericKubernetesResource>) resource.dryRun() : resource;
    }

    private Answer delete(KubeRequest request, boolean dryRun) {
        if (!request.kind().equals("Pod")) {
            resource(request, dryRun).delete();
            return new Answer(200, null);
        }
        var pod = client.pods().inNamespace(request.namespace()).withName(request.name());
        List<?> deleted = (dryRun ? pod.dryRun() : pod).withGracePeriod(0).delete();
        if (deleted.isEmpty()) {
            throw new Refused(404, "pod " + request.namespace() + "/" + request.name() + " is already gone");
        }
        return new Answer(200, null);
    }

    private Answer evict(KubeRequest request, boolean dryRun) {
        Eviction eviction = new EvictionBuilder().withNewMetadata().withName(request.name()).withNamespace(request.namespace())
                .endMetadata().withDeleteOptions(new DeleteOptionsBuilder().withDryRun(dryRun ? List.of("All") : List.of()).build())
                .build();
        if (!client.pods().inNamespace(request.namespace()).withName(request.name()).evict(eviction)) {
            throw new Refused(429, "evicting " + request.name() + " would break its PodDisruptionBudget");
        }
        return new Answer(201, null);
    }
}
