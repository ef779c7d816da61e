package dev.pitwall.kube.review;

import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The API server's reviews: questions it answers without changing anything (they are "created",
 * but never stored). The only requests besides the one writer's that use a creating verb; the
 * architecture test allows them here and nowhere else.
 */
public final class Reviews {

    private Reviews() {
    }

    /** Whether the identity may {@code verb} the resource (SelfSubjectAccessReview); namespace null for all. */
    public static boolean allowed(KubernetesClient client, String verb, String group, String resource, String subresource,
                                  String namespace) {
        SelfSubjectAccessReview review = client.authorization().v1().selfSubjectAccessReview().create(
                new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes().withVerb(verb).withGroup(group)
                        .withResource(resource).withSubresource(subresource).withNamespace(namespace).endResourceAttributes()
                        .endSpec().build());
        return review.getStatus() != null && Boolean.TRUE.equals(review.getStatus().getAllowed());
    }

    /** Who the identity is (SelfSubjectReview). */
    public static SelfSubjectReview whoAmI(KubernetesClient client) {
        return client.resource(new SelfSubjectReviewBuilder().build()).create();
    }
}
