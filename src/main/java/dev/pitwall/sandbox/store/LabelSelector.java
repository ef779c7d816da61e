package dev.pitwall.sandbox.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * A Kubernetes label selector: parsed from the query-string form ({@code app=a,track!=canary,
 * env in (prod,staging),!legacy}) or from the object form ({@code matchLabels},
 * {@code matchExpressions}).
 */
public final class LabelSelector {

    private enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST }

    private record Requirement(String key, Operator operator, Set<String> values) {
        boolean matches(java.util.function.Function<String, String> labels) {
            String text = labels.apply(key);
            return switch (operator) {
                case EQUALS, IN -> text != null && values.contains(text);
                case NOT_EQUALS, NOT_IN -> text == null || !values.contains(text);
                case EXISTS -> text != null;
                case DOES_NOT_EXIST -> text == null;
            };
        }
    }

    public static final LabelSelector EVERYTHING = new LabelSelector(List.of(), false);
    public static final LabelSelector NOTHING = new LabelSelector(List.of(), true);

    private final List<Requirement> requirements;
    private final boolean matchesNothing;

    private LabelSelector(List<Requirement> requirements, boolean matchesNothing) {
        this.requirements = List.copyOf(requirements);
        this.matchesNothing = matchesNothing;
    }

    public boolean matches(JsonNode labels) {
        return matches(key -> {
            JsonNode value = labels == null ? null : labels.get(key);
            return value == null || value.isNull() ? null : value.asString();
        });
    }

    public boolean matches(java.util.Map<String, String> labels) {
        return matches(key -> labels == null ? null : labels.get(key));
    }

    private boolean matches(java.util.function.Function<String, String> labels) {
        return !matchesNothing && requirements.stream().allMatch(requirement -> requirement.matches(labels));
    }

    /** One {@code key=value} every selected object must carry, to look candidates up by; empty if none. */
    public java.util.Optional<String> requiredPair() {
        return requirements.stream().filter(r -> r.operator() == Operator.EQUALS || (r.operator() == Operator.IN && r.values().size() == 1))
                .map(r -> r.key() + "=" + r.values().iterator().next()).findFirst();
    }

    public boolean isEverything() {
        return !matchesNothing && requirements.isEmpty();
    }

    /** Parses the query-string form; throws {@link IllegalArgumentException} naming what is wrong. */
    public static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        for (String part : splitTopLevel(text)) {
            String term = part.strip();
            if (term.isEmpty()) {
                continue;
            }
            requirements.add(parseTerm(term));
        }
        return new LabelSelector(requirements, false);
    }

    private static Requirement parseTerm(String term) {
        if (term.startsWith("!")) {
            return new Requirement(term.substring(1).strip(), Operator.DOES_NOT_EXIST, Set.of());
        }
        String[] setForm = term.split("\\s+(?i)(notin|in)\\s+", 2);
        if (setForm.length == 2) {
            boolean notIn = term.toLowerCase(java.util.Locale.ROOT).matches(".*\\s+notin\\s+.*");
            String values = setForm[1].strip();
            if (!values.startsWith("(") || !values.endsWith(")")) {
                throw new IllegalArgumentException("label selector term '" + term + "': values must be in parentheses");
            }
            Set<String> set = Set.of(values.substring(1, values.length() - 1).split("\\s*,\\s*"));
            return new Requirement(setForm[0].strip(), notIn ? Operator.NOT_IN : Operator.IN, set);
        }
        int notEquals = term.indexOf("!=");
        if (notEquals > 0) {
            return new Requirement(term.substring(0, notEquals).strip(), Operator.NOT_EQUALS,
                    Set.of(term.substring(notEquals + 2).strip()));
        }
        int equals = term.indexOf('=');
        if (equals > 0) {
            int valueStart = term.startsWith("==", equals) ? equals + 2 : equals + 1;
            return new Requirement(term.substring(0, equals).strip(), Operator.EQUALS,
                    Set.of(term.substring(valueStart).strip()));
        }
        if (!term.matches("[A-Za-z0-9./_-]+")) {
            throw new IllegalArgumentException("label selector term '" + term + "' is not understood");
        }
        return new Requirement(term, Operator.EXISTS, Set.of());
    }

    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    /**
     * The object form, as in a Deployment's or PodDisruptionBudget's {@code selector}. A missing
     * selector matches nothing, an empty one matches everything (the policy/v1 semantics).
     */
    public static LabelSelector fromObject(JsonNode selector) {
        if (selector == null || selector.isNull() || selector.isMissingNode()) {
            return NOTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        JsonNode matchLabels = selector.get("matchLabels");
        if (matchLabels != null && matchLabels.isObject()) {
            matchLabels.forEachEntry((key, value) ->
                    requirements.add(new Requirement(key, Operator.EQUALS, Set.of(value.asString()))));
        }
        JsonNode expressions = selector.get("matchExpressions");
        if (expressions != null && expressions.isArray()) {
            for (JsonNode expression : expressions) {
                Set<String> values = new java.util.HashSet<>();
                expression.path("values").forEach(value -> values.add(value.asString()));
                Operator operator = switch (expression.path("operator").asString()) {
                    case "In" -> Operator.IN;
                    case "NotIn" -> Operator.NOT_IN;
                    case "Exists" -> Operator.EXISTS;
                    case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
                    default -> throw new IllegalArgumentException("matchExpressions operator '"
                            + expression.path("operator").asString() + "' is not one of In, NotIn, Exists, DoesNotExist");
                };
                requirements.add(new Requirement(expression.path("key").asString(), operator, values));
            }
        }
        return new LabelSelector(requirements, false);
    }

    /** A plain map selector, as in a Service's {@code spec.selector}; empty or missing matches nothing. */
    public static LabelSelector fromMap(JsonNode map) {
        if (map == null || !map.isObject() || map.isEmpty()) {
            return NOTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        map.forEachEntry((key, value) -> requirements.add(new Requirement(key, Operator.EQUALS, Set.of(value.asString()))));
        return new LabelSelector(requirements, false);
    }
}
