package dev.pitwall.sandbox.apiserver;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.pitwall.sandbox.store.KubeObjects;
import dev.pitwall.sandbox.store.ResourceType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server-side printing ({@code Accept: ...;as=Table}), so that {@code kubectl get} shows the same
 * columns against the sandbox as against a real cluster. Columns of priority 1 show with
 * {@code -o wide}.
 */
final class TablePrinter {

    private record Column(String name, String type, int priority, Function<JsonNode, Object> value) {
    }

    private final Map<String, List<Column>> columnsByKind = Map.ofEntries(
            Map.entry("Pod", List.of(
                    column("Ready", TablePrinter::podReady),
                    column("Status", TablePrinter::podStatus),
                    new Column("Restarts", "integer", 0, TablePrinter::podRestarts),
                    age(),
                    wide("IP", o -> orNone(o.path("status").path("podIP").asString(""))),
                    wide("Node", o -> orNone(o.path("spec").path("nodeName").asString(""))),
                    wide("Nominated Node", o -> "<none>"),
                    wide("Readiness Gates", o -> "<none>"))),
            Map.entry("Deployment", List.of(
                    column("Ready", o -> o.path("status").path("readyReplicas").asInt(0) + "/" + o.path("spec").path("replicas").asInt(1)),
                    new Column("Up-to-date", "integer", 0, o -> o.path("status").path("updatedReplicas").asInt(0)),
                    new Column("Available", "integer", 0, o -> o.path("status").path("availableReplicas").asInt(0)),
                    age(),
                    wide("Containers", o -> containers(o, "name")),
                    wide("Images", o -> containers(o, "image")),
                    wide("Selector", o -> selector(o.path("spec").path("selector").path("matchLabels"))))),
            Map.entry("ReplicaSet", List.of(
                    new Column("Desired", "integer", 0, o -> o.path("spec").path("replicas").asInt(1)),
                    new Column("Current", "integer", 0, o -> o.path("status").path("replicas").asInt(0)),
                    new Column("Ready", "integer", 0, o -> o.path("status").path("readyReplicas").asInt(0)),
                    age(),
                    wide("Containers", o -> containers(o, "name")),
                    wide("Images", o -> containers(o, "image")),
                    wide("Selector", o -> selector(o.path("spec").path("selector").path("matchLabels"))))),
            Map.entry("Node", List.of(
                    column("Status", TablePrinter::nodeStatus),
                    column("Roles", TablePrinter::nodeRoles),
                    age(),
                    column("Version", o -> o.path("status").path("nodeInfo").path("kubeletVersion").asString("")),
                    wide("Internal-IP", o -> nodeAddress(o, "InternalIP")))),
            Map.entry("Service", List.of(
                    column("Type", o -> o.path("spec").path("type").asString("ClusterIP")),
                    column("Cluster-IP", o -> o.path("spec").path("clusterIP").asString("<none>")),
                    column("External-IP", o -> "<none>"),
                    column("Port(s)", TablePrinter::servicePorts),
                    age(),
                    wide("Selector", o -> selector(o.path("spec").path("selector"))))),
            Map.entry("PodDisruptionBudget", List.of(
                    column("Min Available", o -> orNA(o.path("spec").path("minAvailable"))),
                    column("Max Unavailable", o -> orNA(o.path("spec").path("maxUnavailable"))),
                    new Column("Allowed Disruptions", "integer", 0, o -> o.path("status").path("disruptionsAllowed").asInt(0)),
                    age())),
            Map.entry("EndpointSlice", List.of(
                    column("AddressType", o -> o.path("addressType").asString("IPv4")),
                    column("Ports", TablePrinter::slicePorts),
                    column("Endpoints", TablePrinter::sliceEndpoints),
                    age())),
            Map.entry("Namespace", List.of(column("Status", o -> o.path("status").path("phase").asString("Active")), age())),
            Map.entry("HTTPRoute", List.of(column("Hostnames", o -> joined(o.path("spec").path("hostnames"))), age())),
            Map.entry("Lease", List.of(column("Holder", o -> o.path("spec").path("holderIdentity").asString("")), age())),
            Map.entry("Event", List.of(
                    column("Last Seen", o -> since(o.path("lastTimestamp").asString(o.path("metadata").path("creationTimestamp").asString("")))),
                    column("Type", o -> o.path("type").asString("")),
                    column("Reason", o -> o.path("reason").asString("")),
                    column("Object", o -> o.path("involvedObject").path("kind").asString("").toLowerCase() + "/"
                            + o.path("involvedObject").path("name").asString("")),
                    column("Message", o -> o.path("message").asString("")))));

    ObjectNode table(ResourceType type, List<? extends JsonNode> objects, long resourceVersion) {
        ObjectNode table = KubeObjects.JSON.createObjectNode();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata").put("resourceVersion", String.valueOf(resourceVersion));
        List<Column> columns = columns(type);
        ArrayNode definitions = table.putArray("columnDefinitions");
        for (Column column : columns) {
            ObjectNode definition = definitions.addObject();
            definition.put("name", column.name());
            definition.put("type", column.type());
            definition.put("format", column.name().equals("Name") ? "name" : "");
            definition.put("description", column.name());
            definition.put("priority", column.priority());
        }
        ArrayNode rows = table.putArray("rows");
        for (JsonNode object : objects) {
            rows.add(row(type, columns, object));
        }
        return table;
    }

    private ObjectNode row(ResourceType type, List<Column> columns, JsonNode object) {
        ObjectNode row = KubeObjects.JSON.createObjectNode();
        ArrayNode cells = row.putArray("cells");
        for (Column column : columns) {
            Object value = column.value().apply(object);
            if (value instanceof Integer number) {
                cells.add(number);
            } else {
                cells.add(String.valueOf(value));
            }
        }
        ObjectNode partial = row.putObject("object");
        partial.put("kind", "PartialObjectMetadata");
        partial.put("apiVersion", "meta.k8s.io/v1");
        partial.set("metadata", object.path("metadata").deepCopy());
        return row;
    }

    private List<Column> columns(ResourceType type) {
        List<Column> columns = new ArrayList<>();
        columns.add(column("Name", o -> o.path("metadata").path("name").asString("")));
        columns.addAll(columnsByKind.getOrDefault(type.kind(), List.of(age())));
        return columns;
    }

    private static Column column(String name, Function<JsonNode, Object> value) {
        return new Column(name, "string", 0, value);
    }

    private static Column wide(String name, Function<JsonNode, Object> value) {
        return new Column(name, "string", 1, value);
    }

    private static Column age() {
        return column("Age", o -> since(o.path("metadata").path("creationTimestamp").asString("")));
    }

    static String since(String timestamp) {
        if (timestamp.isEmpty()) {
            return "<unknown>";
        }
        return humanDuration(Duration.between(Instant.parse(timestamp), Instant.now()));
    }

    /** kubectl's HumanDuration. */
    static String humanDuration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < -1) {
            return "<invalid>";
        }
        if (seconds < 0) {
            return "0s";
        }
        if (seconds < 120) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            return seconds % 60 == 0 ? minutes + "m" : minutes + "m" + (seconds % 60) + "s";
        }
        if (minutes < 180) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            return minutes % 60 == 0 ? hours + "h" : hours + "h" + (minutes % 60) + "m";
        }
        if (hours < 48) {
            return hours + "h";
        }
        if (hours < 24 * 8) {
            return hours % 24 == 0 ? (hours / 24) + "d" : (hours / 24) + "d" + (hours % 24) + "h";
        }
        if (hours < 24 * 365 * 2) {
            return (hours / 24) + "d";
        }
        return (hours / 24 / 365) + "y";
    }

    private static String podReady(JsonNode pod) {
        int total = pod.path("spec").path("containers").size();
        int ready = 0;
        for (JsonNode status : pod.path("status").path("containerStatuses")) {
            if (status.path("ready").asBoolean(false)) {
                ready++;
            }
        }
        return ready + "/" + total;
    }

    private static String podStatus(JsonNode pod) {
        String reason = pod.path("status").path("reason").asString(pod.path("status").path("phase").asString("Pending"));
        for (JsonNode status : pod.path("status").path("containerStatuses")) {
            JsonNode waiting = status.path("state").path("waiting");
            JsonNode terminated = status.path("state").path("terminated");
            if (!waiting.path("reason").asString("").isEmpty()) {
                reason = waiting.path("reason").asString();
            } else if (!terminated.path("reason").asString("").isEmpty()) {
                reason = terminated.path("reason").asString();
            }
        }
        if (KubeObjects.markedForDeletion(pod)) {
            return "Terminating";
        }
        return reason;
    }

    private static Integer podRestarts(JsonNode pod) {
        int restarts = 0;
        for (JsonNode status : pod.path("status").path("containerStatuses")) {
            restarts += status.path("restartCount").asInt(0);
        }
        return restarts;
    }

    private static String nodeStatus(JsonNode node) {
        String status = "Unknown";
        for (JsonNode condition : node.path("status").path("conditions")) {
            if (condition.path("type").asString().equals("Ready")) {
                status = switch (condition.path("status").asString()) {
                    case "True" -> "Ready";
                    case "False" -> "NotReady";
                    default -> "Unknown";
                };
            }
        }
        return node.path("spec").path("unschedulable").asBoolean(false) ? status + ",SchedulingDisabled" : status;
    }

    private static String nodeRoles(JsonNode node) {
        List<String> roles = new ArrayList<>();
        node.path("metadata").path("labels").propertyNames().forEach(label -> {
            if (label.startsWith("node-role.kubernetes.io/")) {
                roles.add(label.substring("node-role.kubernetes.io/".length()));
            }
        });
        return roles.isEmpty() ? "<none>" : String.join(",", roles);
    }

    private static String nodeAddress(JsonNode node, String type) {
        for (JsonNode address : node.path("status").path("addresses")) {
            if (address.path("type").asString().equals(type)) {
                return address.path("address").asString();
            }
        }
        return "<none>";
    }

    private static String servicePorts(JsonNode service) {
        List<String> ports = new ArrayList<>();
        for (JsonNode port : service.path("spec").path("ports")) {
            ports.add(port.path("port").asInt() + "/" + port.path("protocol").asString("TCP"));
        }
        return ports.isEmpty() ? "<none>" : String.join(",", ports);
    }

    private static String slicePorts(JsonNode slice) {
        List<String> ports = new ArrayList<>();
        slice.path("ports").forEach(port -> ports.add(String.valueOf(port.path("port").asInt())));
        return ports.isEmpty() ? "<unset>" : String.join(",", ports);
    }

    private static String sliceEndpoints(JsonNode slice) {
        List<String> addresses = new ArrayList<>();
        slice.path("endpoints").forEach(endpoint -> endpoint.path("addresses").forEach(a -> addresses.add(a.asString())));
        if (addresses.isEmpty()) {
            return "<unset>";
        }
        String shown = String.join(",", addresses.subList(0, Math.min(3, addresses.size())));
        return addresses.size() > 3 ? shown + " + " + (addresses.size() - 3) + " more..." : shown;
    }

    private static String containers(JsonNode object, String field) {
        List<String> values = new ArrayList<>();
        object.path("spec").path("template").path("spec").path("containers").forEach(c -> values.add(c.path(field).asString()));
        return String.join(",", values);
    }

    private static String selector(JsonNode labels) {
        List<String> terms = new ArrayList<>();
        labels.forEachEntry((key, value) -> terms.add(key + "=" + value.asString()));
        return terms.isEmpty() ? "<none>" : String.join(",", terms);
    }

    private static String joined(JsonNode list) {
        List<String> values = new ArrayList<>();
        list.forEach(value -> values.add(value.asString()));
        return values.isEmpty() ? "" : String.join(",", values);
    }

    private static String orNone(String value) {
        return value.isEmpty() ? "<none>" : value;
    }

    private static String orNA(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "N/A" : value.asString();
    }
}
