package dev.pitwall.sandbox.preset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a preset file. Every mistake is reported as {@code FILE: field 'models[0].tracks[1].replicas':
 * expected ..., found ...}, and unknown fields are refused so that a typo does not pass silently.
 */
public final class PresetReader {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String INT_OR_PERCENT = "\\d+%?";

    /** The presets shipped in {@code app/presets}. */
    public static final List<String> SHIPPED = List.of("single-active", "two-active-standby", "three-active");

    private final String source;

    private PresetReader(String source) {
        this.source = source;
    }

    public static Preset read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new PresetException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        return new PresetReader(file.toString()).parse(text);
    }

    /** A shipped preset by name. */
    public static Preset shipped(String name) {
        if (!SHIPPED.contains(name)) {
            throw new PresetException("no preset named '" + name + "'; the shipped presets are "
                    + String.join(", ", SHIPPED) + " (and 'scale'), or give a preset file's path");
        }
        String resource = "/app/presets/" + name + ".yaml";
        try (InputStream in = PresetReader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new PresetException(resource + " is missing from the build");
            }
            return new PresetReader("app/presets/" + name + ".yaml").parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PresetException(resource + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    Preset parse(String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JacksonException e) {
            var where = e.getLocation();
            throw new PresetException(source + ": not valid YAML" + (where == null ? "" : " at line " + where.getLineNr()
                    + ", column " + where.getColumnNr()) + " (" + firstLine(e.getOriginalMessage()) + ")");
        }
        if (root == null || !root.isObject()) {
            throw fail("", "a mapping with name, namespace, nodes and models", root);
        }
        allowOnly(root, "", Set.of("name", "description", "namespace", "nodes", "nodeEvictionSeconds", "models"));
        String name = text(root, "", "name", null, DNS_LABEL, "a lower-case DNS label such as 'two-active-standby'");
        String description = text(root, "", "description", "", ".*", "a sentence");
        String namespace = text(root, "", "namespace", "models", DNS_LABEL, "a lower-case DNS label");
        Preset.NodePool nodes = nodes(object(root, "", "nodes"));
        int eviction = integer(root, "", "nodeEvictionSeconds", 10, 0, 3600);
        JsonNode modelsNode = root.get("models");
        if (modelsNode == null || !modelsNode.isArray() || modelsNode.isEmpty()) {
            throw fail("models", "a non-empty list of model services", modelsNode);
        }
        List<Preset.Model> models = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < modelsNode.size(); i++) {
            Preset.Model model = model(modelsNode.get(i), "models[" + i + "]");
            if (!names.add(model.name())) {
                throw fail("models[" + i + "].name", "a name no other model uses", modelsNode.get(i).get("name"));
            }
            models.add(model);
        }
        Preset preset = new Preset(name, description, namespace, nodes, eviction, models);
        int capacity = nodes.count() * nodes.maxPods();
        if (preset.totalReplicas() > capacity) {
            throw new PresetException(source + ": field 'nodes': expected room for " + preset.totalReplicas()
                    + " pods, found " + nodes.count() + " nodes of " + nodes.maxPods() + " pods");
        }
        return preset;
    }

    private Preset.NodePool nodes(JsonNode node) {
        allowOnly(node, "nodes", Set.of("count", "cpu", "memoryGi", "maxPods", "zones"));
        List<String> zones = new ArrayList<>();
        JsonNode zonesNode = node.get("zones");
        if (zonesNode != null) {
            if (!zonesNode.isArray()) {
                throw fail("nodes.zones", "a list of zone names", zonesNode);
            }
            zonesNode.forEach(zone -> zones.add(zone.asString()));
        }
        if (zones.isEmpty()) {
            zones.addAll(List.of("zone-a", "zone-b", "zone-c"));
        }
        return new Preset.NodePool(integer(node, "nodes", "count", null, 1, 1000),
                integer(node, "nodes", "cpu", 8, 1, 512), integer(node, "nodes", "memoryGi", 32, 1, 4096),
                integer(node, "nodes", "maxPods", 110, 1, 1000), zones);
    }

    private Preset.Model model(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw fail(path, "a mapping describing a model service", node);
        }
        allowOnly(node, path, Set.of("name", "port", "cpuMillis", "startupSeconds", "shutdownSeconds",
                "terminationGracePeriodSeconds", "rollout", "disruptionBudget", "queueLimit", "tracks"));
        String name = text(node, path, "name", null, DNS_LABEL, "a lower-case DNS label such as 'fraud-detector'");
        JsonNode rolloutNode = node.has("rollout") ? object(node, path, "rollout") : null;
        Preset.Rollout rollout = new Preset.Rollout("25%", "25%", 0);
        if (rolloutNode != null) {
            String at = path + ".rollout";
            allowOnly(rolloutNode, at, Set.of("maxSurge", "maxUnavailable", "minReadySeconds"));
            rollout = new Preset.Rollout(text(rolloutNode, at, "maxSurge", "25%", INT_OR_PERCENT, "a count or a percentage such as 1 or 25%"),
                    text(rolloutNode, at, "maxUnavailable", "25%", INT_OR_PERCENT, "a count or a percentage such as 0 or 25%"),
                    integer(rolloutNode, at, "minReadySeconds", 0, 0, 3600));
        }
        JsonNode tracksNode = node.get("tracks");
        if (tracksNode == null || !tracksNode.isArray() || tracksNode.isEmpty()) {
            throw fail(path + ".tracks", "a non-empty list of tracks (primary, standby, canary)", tracksNode);
        }
        List<Preset.Track> tracks = new ArrayList<>();
        Set<String> trackNames = new HashSet<>();
        for (int i = 0; i < tracksNode.size(); i++) {
            String at = path + ".tracks[" + i + "]";
            JsonNode track = tracksNode.get(i);
            if (!track.isObject()) {
                throw fail(at, "a mapping with name, version, replicas and weight", track);
            }
            allowOnly(track, at, Set.of("name", "version", "replicas", "weight", "latencyMs", "latencyP99Ms", "capacityRps",
                    "errorRate"));
            String trackName = text(track, at, "name", null, "primary|standby|canary", "one of primary, standby, canary");
            if (!trackNames.add(trackName)) {
                throw fail(at + ".name", "a track name used once per model", track.get("name"));
            }
            double latency = decimal(track, at, "latencyMs", 20, 0.1, 60_000);
            double p99 = decimal(track, at, "latencyP99Ms", latency * 3, latency, 600_000);
            tracks.add(new Preset.Track(trackName, text(track, at, "version", null, "[A-Za-z0-9._-]+", "a version such as 2.3.0"),
                    integer(track, at, "replicas", null, 0, 10_000), integer(track, at, "weight", 0, 0, 100), latency, p99,
                    decimal(track, at, "capacityRps", 200, 0.1, 1_000_000), decimal(track, at, "errorRate", 0, 0, 1)));
        }
        int weights = tracks.stream().mapToInt(Preset.Track::weight).sum();
        if (weights != 100) {
            throw new PresetException(source + ": field '" + path + ".tracks': expected traffic weights that add up to 100, found "
                    + weights);
        }
        int grace = integer(node, path, "terminationGracePeriodSeconds", 30, 0, 3600);
        double shutdown = decimal(node, path, "shutdownSeconds", 1.0, 0, 3600);
        if (shutdown > grace) {
            throw fail(path + ".shutdownSeconds", "at most terminationGracePeriodSeconds (" + grace + ")", node.get("shutdownSeconds"));
        }
        return new Preset.Model(name, integer(node, path, "port", 8080, 1, 65535), integer(node, path, "cpuMillis", 500, 1, 64_000),
                decimal(node, path, "startupSeconds", 2.0, 0, 3600), shutdown, grace, rollout,
                text(node, path, "disruptionBudget", "maxUnavailable=1", "(minAvailable|maxUnavailable)=" + INT_OR_PERCENT,
                        "minAvailable=N or maxUnavailable=N (N a count or a percentage)"),
                integer(node, path, "queueLimit", 50, 0, 100_000), tracks);
    }

    private JsonNode object(JsonNode parent, String path, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw fail(join(path, field), "a mapping", node);
        }
        return node;
    }

    private void allowOnly(JsonNode node, String path, Set<String> fields) {
        for (String field : node.propertyNames()) {
            if (!fields.contains(field)) {
                throw new PresetException(source + ": field '" + join(path, field) + "' is not known; expected one of "
                        + String.join(", ", fields.stream().sorted().toList()));
            }
        }
    }

    private String text(JsonNode parent, String path, String field, String fallback, String pattern, String expected) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (fallback == null) {
                throw fail(join(path, field), expected, null);
            }
            return fallback;
        }
        if (!node.isValueNode() || !node.asString().matches(pattern)) {
            throw fail(join(path, field), expected, node);
        }
        return node.asString();
    }

    private int integer(JsonNode parent, String path, String field, Integer fallback, int min, int max) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (fallback == null) {
                throw fail(join(path, field), "a whole number from " + min + " to " + max, null);
            }
            return fallback;
        }
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            throw fail(join(path, field), "a whole number from " + min + " to " + max, node);
        }
        return node.asInt();
    }

    private double decimal(JsonNode parent, String path, String field, double fallback, double min, double max) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber() || node.asDouble() < min || node.asDouble() > max) {
            throw fail(join(path, field), "a number from " + min + " to " + max, node);
        }
        return node.asDouble();
    }

    private PresetException fail(String field, String expected, JsonNode found) {
        String what = found == null || found.isNull() || found.isMissingNode() ? "nothing"
                : found.isValueNode() ? "'" + found.asString() + "'" : found.isArray() ? "a list" : "a mapping";
        return new PresetException(source + ": field '" + (field.isEmpty() ? "(top level)" : field) + "': expected "
                + expected + ", found " + what);
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").strip();
    }
}
