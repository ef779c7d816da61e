package dev.pitwall.sandbox.apiserver;

import dev.pitwall.sandbox.rbac.RbacAuthorizer;
import dev.pitwall.sandbox.rbac.RequestAttributes;
import dev.pitwall.sandbox.rbac.UserInfo;
import dev.pitwall.sandbox.store.KubeObjects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SelfSubjectAccessReview, SelfSubjectRulesReview and SelfSubjectReview, answered from the same
 * authorizer that enforces every request, so that what a client is told matches what it gets.
 */
final class ReviewHandler {

    private final RbacAuthorizer authorizer;

    ReviewHandler(RbacAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    void review(ApiRequest request) {
        ObjectNode review = ResourceHandler.body(request);
        UserInfo user = request.user();
        switch (request.type().kind()) {
            case "SelfSubjectAccessReview" -> accessReview(review, user);
            case "SelfSubjectRulesReview" -> rulesReview(review, user);
            case "SelfSubjectReview" -> selfReview(review, user);
            default -> throw new IllegalStateException(request.type().kind());
        }
        review.put("apiVersion", request.type().apiVersion());
        review.put("kind", request.type().kind());
        Responses.json(request.http().response(), 201, review);
    }

    private void accessReview(ObjectNode review, UserInfo user) {
        JsonNode spec = review.path("spec");
        RequestAttributes attributes;
        if (spec.has("nonResourceAttributes")) {
            JsonNode nonResource = spec.get("nonResourceAttributes");
            attributes = new RequestAttributes(nonResource.path("verb").asString(""), "", "", "", "", "",
                    nonResource.path("path").asString(""));
        } else {
            JsonNode resource = spec.path("resourceAttributes");
            attributes = RequestAttributes.resource(resource.path("verb").asString(""), resource.path("group").asString(""),
                    resource.path("resource").asString(""), resource.path("subresource").asString(""),
                    resource.path("namespace").asString(""), resource.path("name").asString(""));
        }
        boolean allowed = authorizer.allowed(user, attributes);
        ObjectNode status = review.putObject("status");
        status.put("allowed", allowed);
        if (!allowed) {
            status.put("reason", RbacAuthorizer.forbiddenMessage(user, attributes));
        }
    }

    private void rulesReview(ObjectNode review, UserInfo user) {
        String namespace = review.path("spec").path("namespace").asString("");
        ObjectNode status = review.putObject("status");
        ArrayNode resourceRules = status.putArray("resourceRules");
        ArrayNode nonResourceRules = status.putArray("nonResourceRules");
        if (user.isSuperuser()) {
            ObjectNode all = resourceRules.addObject();
            all.putArray("verbs").add("*");
            all.putArray("apiGroups").add("*");
            all.putArray("resources").add("*");
            ObjectNode urls = nonResourceRules.addObject();
            urls.putArray("verbs").add("*");
            urls.putArray("nonResourceURLs").add("*");
        } else {
            for (JsonNode rule : authorizer.rulesFor(user, namespace)) {
                if (rule.has("nonResourceURLs")) {
                    nonResourceRules.add(rule.deepCopy());
                } else {
                    resourceRules.add(rule.deepCopy());
                }
            }
        }
        status.put("incomplete", false);
    }

    private static void selfReview(ObjectNode review, UserInfo user) {
        ObjectNode userInfo = review.putObject("status").putObject("userInfo");
        userInfo.put("username", user.name());
        ArrayNode groups = userInfo.putArray("groups");
        user.groups().forEach(groups::add);
        if (!user.groups().contains("system:authenticated") && !user.equals(UserInfo.ANONYMOUS)) {
            groups.add("system:authenticated");
        }
        KubeObjects.metadata(review).put("creationTimestamp", (String) null);
    }
}
