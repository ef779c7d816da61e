package dev.pitwall.drill;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Reads a drill scenario (YAML; the format is docs/drills.md, its JSON Schema
 * docs/drill-scenario.schema.json). Every mistake is reported as {@code FILE:LINE: field 'PATH':
 * expected ..., found ...}, and nothing runs.
 */
public final class ScenarioReader {

    /** What each kind of step takes: its fields, and which of them it needs. */
    static final Map<String, List<String>> STEP_FIELDS = Map.of(
            "restart", List.of("deployment"),
            "killPods", List.of("deployment", "count", "evict"),
            "failover", List.of("model", "steps"),
            "failback", List.of("model", "stages", "bakeSeconds"),
            "scale", List.of("deployment", "replicas"),
            "wait", List.of("seconds"),
            "assert", List.of("probe"),
            "load", List.of("model", "url", "rps", "seconds", "rampFrom", "rampStep", "stepSeconds", "upTo", "maxFailedShare",
                    "maxP99Ms"));
    static final Map<String, Set<String>> STEP_NEEDS = Map.of(
            "restart", Set.of("deployment"), "killPods", Set.of("deployment"), "failover", Set.of("model"),
            "failback", Set.of("model"), "scale", Set.of("deployment", "replicas"), "wait", Set.of("seconds"),
            "assert", Set.of("probe"), "load", Set.of("model"));
    static final Set<String> OPERATIONS = Set.of("restart", "kill-pods", "failover", "failback", "scale");

    private final String source;
    private YamlDocument document;

    private ScenarioReader(String source) {
        this.source = source;
    }

    public static Scenario read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read the scenario (" + e.getMessage() + "); check the path");
        }
        return parse(file.toString(), text);
    }

    public static Scenario parse(String source, String text) {
        return new ScenarioReader(source).parse(text);
    }

    private Scenario parse(String text) {
        document = YamlDocument.parse(source, text);
        JsonNode root = document.root();
        if (root == null || !root.isObject()) {
            throw fail("", "a mapping with name, target, hypothesis and method", root);
        }
        allowOnly(root, "", Set.of("name", "description", "target", "hypothesis", "method", "abort", "rollbacks", "blastRadius"));
        String name = text(root, "", "name", true);
        if (!name.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            throw fail("name", "a lower-case DNS label such as kill-a-pod", root.get("name"));
        }
        Scenario.Target target = target(required(root, "", "target"));
        List<Scenario.Probe> hypothesis = new ArrayList<>();
        JsonNode probes = list(root, "", "hypothesis", true);
        for (int i = 0; i < probes.size(); i++) {
            hypothesis.add(probe(probes.get(i), "hypothesis[" + i + "]"));
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < hypothesis.size(); i++) {
            if (!names.add(hypothesis.get(i).name())) {
                throw fail("hypothesis[" + i + "].name", "a name no other probe has", probes.get(i).get("name"));
            }
        }
        List<Scenario.Step> method = steps(root, "method", names, true);
        List<Scenario.Step> rollbacks = steps(root, "rollbacks", names, false);
        Scenario.Abort abort = abort(root.get("abort"), names);
        Scenario.BlastRadius radius = blastRadius(required(root, "", "blastRadius"));
        List<Scenario.Step> all = new ArrayList<>(method);
        all.addAll(rollbacks);
        for (int i = 0; i < all.size(); i++) {
            Scenario.Step step = all.get(i);
            String path = (i < method.size() ? "method[" + i : "rollbacks[" + (i - method.size())) + "]." + step.kind();
            String operation = operationOf(step.kind());
            if (operation != null && !radius.operations().contains(operation)) {
                throw fail(path, "an operation the blastRadius declares (" + String.join(", ", radius.operations()) + ")",
                        JsonNodeText.of(operation));
            }
            if (step.kind().equals("load")) {
                String rate = step.options().containsKey("rps") ? "rps" : "upTo";
                int most = Integer.parseInt(step.options().getOrDefault(rate, String.valueOf(LoadStep.DEFAULT_UP_TO)));
                if (most > radius.loadRps()) {
                    throw fail(path + "." + rate, "at most the " + radius.loadRps() + " requests/s that blastRadius.loadRps declares",
                            JsonNodeText.of(String.valueOf(most)));
                }
            }
        }
        return new Scenario(source, name, text(root, "", "description", false), target, hypothesis, method, abort, rollbacks, radius);
    }

    /** The operation a step runs ("kill-pods" for killPods), or null for a wait or an assert. */
    static String operationOf(String kind) {
        return switch (kind) {
            case "killPods" -> "kill-pods";
            case "wait", "assert", "load" -> null;
            default -> kind;
        };
    }

    private Scenario.Target target(JsonNode node) {
        allowOnly(node, "target", Set.of("context", "namespace", "models", "sandboxes"));
        List<String> models = names(node, "models", "a model service's name");
        List<String> sandboxes = names(node, "sandboxes", "a sandbox preset's name (docs/sandbox.md)");
        String context = text(node, "target", "context", false);
        if (!sandboxes.isEmpty() && !context.isEmpty()) {
            throw fail("target.sandboxes", "either a context or sandboxes, not both", node.get("sandboxes"));
        }
        return new Scenario.Target(context, text(node, "target", "namespace", true), models, sandboxes);
    }

    private List<String> names(JsonNode node, String field, String expected) {
        List<String> names = new ArrayList<>();
        JsonNode list = list(node, "target", field, false);
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isString()) {
                throw fail("target." + field + "[" + i + "]", expected, list.get(i));
            }
            names.add(list.get(i).asString());
        }
        return names;
    }

    private Scenario.Probe probe(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw fail(path, "a probe: name, and promql with above or below, or readyReplicas", node);
        }
        allowOnly(node, path, Set.of("name", "promql", "above", "below", "readyReplicas"));
        String name = text(node, path, "name", true);
        if (node.has("readyReplicas") == node.has("promql")) {
            throw fail(path, "either promql (with above or below) or readyReplicas", node);
        }
        if (node.has("readyReplicas")) {
            JsonNode ready = node.get("readyReplicas");
            String at = path + ".readyReplicas";
            if (!ready.isObject()) {
                throw fail(at, "a mapping: deployment, atLeast", ready);
            }
            allowOnly(ready, at, Set.of("deployment", "atLeast"));
            return new Scenario.Probe(name, "", Double.NaN, Double.NaN, text(ready, at, "deployment", true),
                    whole(ready, at, "atLeast", 0, 10_000, true, 1));
        }
        double above = number(node, path, "above");
        double below = number(node, path, "below");
        if (Double.isNaN(above) && Double.isNaN(below)) {
            throw fail(path + ".above", "a threshold: above, below, or both", node.get("promql"));
        }
        return new Scenario.Probe(name, text(node, path, "promql", true), above, below, "", 0);
    }

    private List<Scenario.Step> steps(JsonNode root, String field, Set<String> probes, boolean needed) {
        JsonNode list = list(root, "", field, needed);
        if (needed && list.isEmpty()) {
            throw fail(field, "at least one step", list);
        }
        List<Scenario.Step> steps = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = field + "[" + i + "]";
            JsonNode node = list.get(i);
            if (node == null || !node.isObject()) {
                throw fail(path, "a step: one of " + String.join(", ", STEP_FIELDS.keySet()), node);
            }
            List<String> kinds = node.propertyNames().stream().filter(name -> !name.equals("parallel")).toList();
            if (kinds.size() != 1 || !STEP_FIELDS.containsKey(kinds.getFirst())) {
                throw fail(path + (kinds.isEmpty() ? "" : "." + kinds.getFirst()), "one step of "
                        + String.join(", ", new java.util.TreeSet<>(STEP_FIELDS.keySet())), JsonNodeText.of(String.join(", ", kinds)));
            }
            String kind = kinds.getFirst();
            String at = path + "." + kind;
            JsonNode body = node.get(kind);
            if (!body.isObject()) {
                throw fail(at, "a mapping of " + String.join(", ", STEP_FIELDS.get(kind)), body);
            }
            allowOnly(body, at, Set.copyOf(STEP_FIELDS.get(kind)));
            Map<String, String> options = new LinkedHashMap<>();
            for (String option : STEP_FIELDS.get(kind)) {
                if (STEP_NEEDS.get(kind).contains(option) && !body.has(option)) {
                    throw fail(at + "." + option, "a value (" + kind + " needs it)", null);
                }
                if (body.has(option)) {
                    options.put(option, value(body, at, option));
                }
            }
            if (kind.equals("load") && options.containsKey("rps") == options.containsKey("rampFrom")) {
                throw fail(at, "either rps (with seconds) or rampFrom (a rising load until it fails)", body);
            }
            if (kind.equals("load") && options.containsKey("rps") && !options.containsKey("seconds")) {
                throw fail(at + ".seconds", "a value (a load at a set rate needs how long it lasts)", null);
            }
            if (kind.equals("assert") && !probes.contains(options.get("probe"))) {
                throw fail(at + ".probe", "the name of a hypothesis probe (" + String.join(", ", probes) + ")", body.get("probe"));
            }
            boolean parallel = node.has("parallel") && bool(node, path, "parallel");
            steps.add(new Scenario.Step(kind, options, parallel, document.line(path)));
        }
        return steps;
    }

    /** A step option as text, checked for its kind. */
    private String value(JsonNode body, String at, String option) {
        return switch (option) {
            case "count" -> String.valueOf(whole(body, at, option, 1, 10_000, true, 1));
            case "replicas" -> String.valueOf(whole(body, at, option, 0, 10_000, true, 1));
            case "seconds", "bakeSeconds", "stepSeconds" -> String.valueOf(whole(body, at, option, 1, 86_400, true, 1));
            case "rps", "rampFrom", "rampStep", "upTo" -> String.valueOf(whole(body, at, option, 1, 100_000, true, 1));
            case "maxP99Ms" -> String.valueOf(whole(body, at, option, 1, 600_000, true, 1));
            case "maxFailedShare" -> {
                double share = number(body, at, option);
                if (!(share >= 0 && share <= 1)) {
                    throw fail(at + "." + option, "a share from 0 to 1 (0.001 is 0.1 %)", body.get(option));
                }
                yield String.valueOf(share);
            }
            case "url" -> {
                String url = text(body, at, option, true);
                if (!url.matches("https?://[^\\s/]+(/\\S*)?")) {
                    throw fail(at + "." + option, "an http:// or https:// URL", body.get(option));
                }
                yield url;
            }
            case "evict" -> String.valueOf(bool(body, at, option));
            case "steps", "stages" -> {
                JsonNode list = body.get(option);
                List<String> stages = new ArrayList<>();
                int last = 0;
                for (int i = 0; list.isArray() && i < list.size(); i++) {
                    int stage = list.get(i).isInt() ? list.get(i).asInt() : -1;
                    if (stage <= last || stage > 100) {
                        throw fail(at + "." + option + "[" + i + "]", "rising percentages from 1 to 100", list.get(i));
                    }
                    last = stage;
                    stages.add(String.valueOf(stage));
                }
                if (!list.isArray() || last != 100) {
                    throw fail(at + "." + option, "a list of rising percentages ending at 100, such as [10, 50, 100]", list);
                }
                yield String.join(",", stages);
            }
            default -> text(body, at, option, true);
        };
    }

    private Scenario.Abort abort(JsonNode node, Set<String> probes) {
        if (node == null) {
            return new Scenario.Abort(600, List.copyOf(probes));
        }
        if (!node.isObject()) {
            throw fail("abort", "a mapping: maxDurationSeconds, when", node);
        }
        allowOnly(node, "abort", Set.of("maxDurationSeconds", "when"));
        List<String> when = new ArrayList<>();
        JsonNode list = list(node, "abort", "when", false);
        for (int i = 0; i < list.size(); i++) {
            if (!probes.contains(list.get(i).asString(""))) {
                throw fail("abort.when[" + i + "]", "the name of a hypothesis probe (" + String.join(", ", probes) + ")", list.get(i));
            }
            when.add(list.get(i).asString());
        }
        return new Scenario.Abort(whole(node, "abort", "maxDurationSeconds", 1, 86_400, false, 600), node.has("when") ? when
                : List.copyOf(probes));
    }

    private Scenario.BlastRadius blastRadius(JsonNode node) {
        allowOnly(node, "blastRadius", Set.of("operations", "podsKilled", "loadRps"));
        Set<String> operations = new LinkedHashSet<>();
        JsonNode list = list(node, "blastRadius", "operations", false);
        for (int i = 0; i < list.size(); i++) {
            if (!OPERATIONS.contains(list.get(i).asString(""))) {
                throw fail("blastRadius.operations[" + i + "]", "one of " + String.join(", ", new java.util.TreeSet<>(OPERATIONS)),
                        list.get(i));
            }
            operations.add(list.get(i).asString());
        }
        return new Scenario.BlastRadius(operations, whole(node, "blastRadius", "podsKilled", 0, 10_000, false, 0),
                whole(node, "blastRadius", "loadRps", 0, 100_000, false, 0));
    }

    private JsonNode required(JsonNode node, String path, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw fail(join(path, field), "a mapping", value);
        }
        return value;
    }

    private JsonNode list(JsonNode node, String path, String field, boolean needed) {
        JsonNode value = node.get(field);
        if (value == null && !needed) {
            return tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (value == null || !value.isArray()) {
            throw fail(join(path, field), "a list", value);
        }
        return value;
    }

    private String text(JsonNode node, String path, String field, boolean needed) {
        JsonNode value = node.get(field);
        if (value == null && !needed) {
            return "";
        }
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw fail(join(path, field), "text", value);
        }
        return value.asString();
    }

    private int whole(JsonNode node, String path, String field, int min, int max, boolean needed, int otherwise) {
        JsonNode value = node.get(field);
        if (value == null && !needed) {
            return otherwise;
        }
        if (value == null || !value.isInt() || value.asInt() < min || value.asInt() > max) {
            throw fail(join(path, field), "a whole number from " + min + " to " + max, value);
        }
        return value.asInt();
    }

    private double number(JsonNode node, String path, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return Double.NaN;
        }
        if (!value.isNumber()) {
            throw fail(join(path, field), "a number", value);
        }
        return value.asDouble();
    }

    private boolean bool(JsonNode node, String path, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            throw fail(join(path, field), "true or false", value);
        }
        return value.asBoolean();
    }

    private void allowOnly(JsonNode node, String path, Set<String> allowed) {
        for (String field : node.propertyNames()) {
            if (!allowed.contains(field)) {
                throw fail(join(path, field), "one of the fields " + String.join(", ", new java.util.TreeSet<>(allowed))
                        + " (not '" + field + "')", null);
            }
        }
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private ScenarioException fail(String path, String expected, JsonNode found) {
        int line = document == null ? 0 : document.line(path);
        String foundText = found == null ? "" : found.isString() ? ", found '" + found.asString() + "'" : ", found " + found;
        return new ScenarioException(source + (line > 0 ? ":" + line : "") + ": field '" + (path.isEmpty() ? "(top)" : path)
                + "': expected " + expected + foundText + ". See docs/drills.md for the format.");
    }

    /** A text node for messages. */
    private static final class JsonNodeText {
        static JsonNode of(String text) {
            return tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(text);
        }
    }
}
