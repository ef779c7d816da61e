package dev.pitwall.guard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.pitwall.ops.OperationKind;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a role policy (YAML, docs/policy.md). Every mistake is reported with the file and the
 * field (and line and column for YAML syntax), and the policy is not used.
 */
public final class PolicyReader {

    /** The policy Pitwall ships, used when no other is given. */
    public static final String DEFAULT = "app/policy.yaml";
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final String source;

    private PolicyReader(String source) {
        this.source = source;
    }

    public static Policy read(Path file) {
        try {
            return new PolicyReader(file.toString()).parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PolicyException(file + ": cannot read the policy (" + e.getMessage() + "); check the path given to --policy");
        }
    }

    public static Policy shipped() {
        try (InputStream in = PolicyReader.class.getResourceAsStream("/" + DEFAULT)) {
            if (in == null) {
                throw new PolicyException(DEFAULT + " is missing from Pitwall's jar; rebuild Pitwall");
            }
            return new PolicyReader(DEFAULT).parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PolicyException(DEFAULT + ": " + e.getMessage());
        }
    }

    /** Parses a policy held in text (a ConfigMap's data), {@code source} naming it in messages. */
    public static Policy parse(String source, String text) {
        return new PolicyReader(source).parse(text);
    }

    private Policy parse(String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JacksonException e) {
            var where = e.getLocation();
            throw new PolicyException(source + ": not valid YAML" + (where == null ? "" : " at line " + where.getLineNr()
                    + ", column " + where.getColumnNr()));
        }
        if (root == null || !root.isObject()) {
            throw fail("", "a mapping with roles, environments and operations");
        }
        allowOnly(root, "", Set.of("roles", "environments", "operations"));
        List<Policy.RoleBinding> roles = new ArrayList<>();
        JsonNode rolesNode = list(root, "roles");
        for (int i = 0; i < rolesNode.size(); i++) {
            String path = "roles[" + i + "]";
            JsonNode binding = rolesNode.get(i);
            allowOnly(binding, path, Set.of("role", "users", "groups"));
            roles.add(new Policy.RoleBinding(role(binding.get("role"), path + ".role"), strings(binding, path, "users"),
                    strings(binding, path, "groups")));
        }
        List<Policy.EnvironmentRule> environments = new ArrayList<>();
        JsonNode environmentsNode = list(root, "environments");
        for (int i = 0; i < environmentsNode.size(); i++) {
            String path = "environments[" + i + "]";
            JsonNode rule = environmentsNode.get(i);
            allowOnly(rule, path, Set.of("name", "contexts"));
            JsonNode name = rule.get("name");
            if (name == null || !name.isString() || !Policy.STRICTNESS.contains(name.asString())) {
                throw fail(path + ".name", "one of " + Policy.STRICTNESS);
            }
            environments.add(new Policy.EnvironmentRule(name.asString(), strings(rule, path, "contexts")));
        }
        JsonNode operationsNode = root.get("operations");
        if (operationsNode == null || !operationsNode.isObject()) {
            throw fail("operations", "a mapping from operation (restart, scale, ...) to its rule");
        }
        Map<OperationKind, Policy.OperationRule> operations = new EnumMap<>(OperationKind.class);
        for (var entry : operationsNode.properties()) {
            String path = "operations." + entry.getKey();
            OperationKind kind;
            try {
                kind = OperationKind.of(entry.getKey());
            } catch (IllegalArgumentException e) {
                throw fail(path, "an operation: " + e.getMessage());
            }
            JsonNode rule = entry.getValue();
            allowOnly(rule, path, Set.of("role", "confirm", "approver", "blastRadius", "automatic"));
            JsonNode confirmNode = rule.get("confirm");
            if (confirmNode == null || !confirmNode.isObject()) {
                throw fail(path + ".confirm", "a mapping from environment (or *) to none, click, type-name or two-person");
            }
            Map<String, Confirmation> confirm = new LinkedHashMap<>();
            for (var byEnvironment : confirmNode.properties()) {
                String at = path + ".confirm." + byEnvironment.getKey();
                if (!byEnvironment.getKey().equals("*") && !Policy.STRICTNESS.contains(byEnvironment.getKey())) {
                    throw fail(at, "an environment (" + String.join(", ", Policy.STRICTNESS) + ") or *");
                }
                try {
                    confirm.put(byEnvironment.getKey(), Confirmation.of(byEnvironment.getValue().asString()));
                } catch (IllegalArgumentException e) {
                    throw fail(at, "none, click, type-name or two-person");
                }
            }
            Role approver = rule.has("approver") ? role(rule.get("approver"), path + ".approver") : Role.LEAD;
            operations.put(kind, new Policy.OperationRule(role(rule.get("role"), path + ".role"), confirm, approver,
                    blastRadius(rule.get("blastRadius"), path + ".blastRadius"), automatic(rule.get("automatic"), path + ".automatic")));
        }
        return new Policy(source, roles, environments, operations);
    }

    private Map<String, String> blastRadius(JsonNode node, String path) {
        Map<String, String> limits = new LinkedHashMap<>();
        if (node == null) {
            return limits;
        }
        if (!node.isObject()) {
            throw fail(path, "a mapping from environment (or *) to a number of pods or a percentage such as 25%");
        }
        for (var entry : node.properties()) {
            String value = entry.getValue().asString();
            if (!value.matches("\\d+%?") || (value.endsWith("%") && Integer.parseInt(value.substring(0, value.length() - 1)) > 100)) {
                throw fail(path + "." + entry.getKey(), "a number of pods (3) or a percentage up to 100% (25%)");
            }
            limits.put(entry.getKey(), value);
        }
        return limits;
    }

    private Map<String, Boolean> automatic(JsonNode node, String path) {
        Map<String, Boolean> automatic = new LinkedHashMap<>();
        if (node == null) {
            return automatic;
        }
        if (!node.isObject()) {
            throw fail(path, "a mapping from environment (or *) to true or false");
        }
        for (var entry : node.properties()) {
            if (!entry.getKey().equals("*") && !Policy.STRICTNESS.contains(entry.getKey())) {
                throw fail(path + "." + entry.getKey(), "an environment (" + String.join(", ", Policy.STRICTNESS) + ") or *");
            }
            if (!entry.getValue().isBoolean()) {
                throw fail(path + "." + entry.getKey(), "true or false");
            }
            automatic.put(entry.getKey(), entry.getValue().asBoolean());
        }
        return automatic;
    }

    private Role role(JsonNode node, String path) {
        if (node == null || !node.isString()) {
            throw fail(path, "viewer, operator or lead");
        }
        try {
            return Role.of(node.asString());
        } catch (IllegalArgumentException e) {
            throw fail(path, "viewer, operator or lead, not '" + node.asString() + "'");
        }
    }

    private JsonNode list(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isArray()) {
            throw fail(field, "a list");
        }
        return node;
    }

    private List<String> strings(JsonNode node, String path, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw fail(path + "." + field, "a list of names");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isString()) {
                throw fail(path + "." + field + "[" + i + "]", "a name");
            }
            names.add(value.get(i).asString());
        }
        return names;
    }

    private void allowOnly(JsonNode node, String path, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw fail(path, "a mapping");
        }
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                throw fail(path.isEmpty() ? name : path + "." + name, "one of the fields " + allowed + " (unknown field)");
            }
        }
    }

    private PolicyException fail(String path, String expected) {
        return new PolicyException(source + ": field '" + path + "': expected " + expected
                + ". See docs/policy.md for the format.");
    }

    /** A policy that cannot be used, said as a sentence naming the file and the field. */
    public static final class PolicyException extends RuntimeException {
        public PolicyException(String message) {
            super(message);
        }
    }
}
