package dev.pitwall.sandbox.apiserver;

import java.util.List;

import dev.pitwall.sandbox.store.KubeObjects;
import dev.pitwall.sandbox.store.ResourceType;
import dev.pitwall.sandbox.store.ResourceTypes;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The API discovery documents kubectl and client libraries read before anything else. */
final class Discovery {

    static final String KUBERNETES_MINOR = "32";

    private final ResourceTypes types;
    private final String serverAddress;

    Discovery(ResourceTypes types, String serverAddress) {
        this.types = types;
        this.serverAddress = serverAddress;
    }

    ObjectNode version() {
        ObjectNode version = KubeObjects.JSON.createObjectNode();
        version.put("major", "1");
        version.put("minor", KUBERNETES_MINOR);
        version.put("gitVersion", "v1." + KUBERNETES_MINOR + ".0-pitwall-sandbox");
        version.put("gitCommit", "pitwall-sandbox");
        version.put("gitTreeState", "clean");
        version.put("buildDate", "2026-11-23T00:00:00Z");
        version.put("goVersion", "java" + Runtime.version().feature());
        version.put("compiler", "pitwall");
        version.put("platform", "linux/amd64");
        return version;
    }

    ObjectNode coreVersions() {
        ObjectNode versions = KubeObjects.JSON.createObjectNode();
        versions.put("kind", "APIVersions");
        versions.putArray("versions").add("v1");
        ObjectNode address = versions.putArray("serverAddressByClientCIDRs").addObject();
        address.put("clientCIDR", "0.0.0.0/0");
        address.put("serverAddress", serverAddress);
        return versions;
    }

    ObjectNode groups() {
        ObjectNode list = KubeObjects.JSON.createObjectNode();
        list.put("kind", "APIGroupList");
        list.put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        for (String group : types.groups()) {
            groups.add(group(group));
        }
        return list;
    }

    ObjectNode group(String name) {
        String version = types.all().stream().filter(t -> t.group().equals(name)).findFirst().orElseThrow().version();
        ObjectNode group = KubeObjects.JSON.createObjectNode();
        group.put("kind", "APIGroup");
        group.put("apiVersion", "v1");
        group.put("name", name);
        ObjectNode groupVersion = KubeObjects.JSON.createObjectNode();
        groupVersion.put("groupVersion", name + "/" + version);
        groupVersion.put("version", version);
        group.putArray("versions").add(groupVersion);
        group.set("preferredVersion", groupVersion.deepCopy());
        return group;
    }

    boolean hasGroup(String name) {
        return types.groups().contains(name);
    }

    ObjectNode resources(String group, String version) {
        List<ResourceType> served = types.inGroupVersion(group, version);
        if (served.isEmpty()) {
            return null;
        }
        ObjectNode list = KubeObjects.JSON.createObjectNode();
        list.put("kind", "APIResourceList");
        list.put("apiVersion", "v1");
        list.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode resources = list.putArray("resources");
        for (ResourceType type : served) {
            ObjectNode resource = resources.addObject();
            resource.put("name", type.plural());
            resource.put("singularName", type.singular());
            resource.put("namespaced", type.namespaced());
            resource.put("kind", type.kind());
            ArrayNode verbs = resource.putArray("verbs");
            type.verbs().forEach(verbs::add);
            if (!type.shortNames().isEmpty()) {
                ArrayNode shortNames = resource.putArray("shortNames");
                type.shortNames().forEach(shortNames::add);
            }
            if (!type.categories().isEmpty()) {
                ArrayNode categories = resource.putArray("categories");
                type.categories().forEach(categories::add);
            }
            if (type.hasStatus()) {
                subresource(resources, type, "status", type.kind(), "", "", List.of("get", "patch", "update"));
            }
            for (String subresource : type.subresources()) {
                switch (subresource) {
                    case "scale" -> subresource(resources, type, "scale", "Scale", "autoscaling", "v1",
                            List.of("get", "patch", "update"));
                    case "eviction" -> subresource(resources, type, "eviction", "Eviction", "policy", "v1", List.of("create"));
                    case "binding" -> subresource(resources, type, "binding", "Binding", "", "", List.of("create"));
                    case "proxy" -> subresource(resources, type, "proxy", type.kind() + "ProxyOptions", "", "",
                            List.of("create", "delete", "get", "patch", "update"));
                    default -> throw new IllegalStateException("unknown subresource " + subresource);
                }
            }
        }
        return list;
    }

    private static void subresource(ArrayNode resources, ResourceType type, String name, String kind, String group,
                                    String version, List<String> verbs) {
        ObjectNode resource = resources.addObject();
        resource.put("name", type.plural() + "/" + name);
        resource.put("singularName", "");
        resource.put("namespaced", type.namespaced());
        if (!group.isEmpty()) {
            resource.put("group", group);
            resource.put("version", version);
        }
        resource.put("kind", kind);
        ArrayNode verbList = resource.putArray("verbs");
        verbs.forEach(verbList::add);
    }
}
