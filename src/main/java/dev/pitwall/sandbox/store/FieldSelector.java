package dev.pitwall.sandbox.store;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A field selector such as {@code spec.nodeName=node-3,status.phase!=Succeeded}. Any dotted path
 * of the object may be named; an absent field compares as the empty string, as Kubernetes does for
 * the fields it indexes.
 */
public final class FieldSelector {

    private record Term(String[] path, boolean equals, String value) {
        boolean matches(JsonNode object) {
            JsonNode node = object;
            for (String step : path) {
                node = node == null ? null : node.get(step);
            }
            String actual = node == null || node.isNull() ? "" : node.asString();
            return equals == actual.equals(value);
        }
    }

    public static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = List.copyOf(terms);
    }

    public boolean matches(JsonNode object) {
        return terms.stream().allMatch(term -> term.matches(object));
    }

    public static FieldSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Term> terms = new ArrayList<>();
        for (String part : text.split(",")) {
            String term = part.strip();
            if (term.isEmpty()) {
                continue;
            }
            int notEquals = term.indexOf("!=");
            int equals = term.indexOf('=');
            if (notEquals > 0) {
                terms.add(new Term(term.substring(0, notEquals).split("\\."), false, term.substring(notEquals + 2)));
            } else if (equals > 0) {
                int valueStart = term.startsWith("==", equals) ? equals + 2 : equals + 1;
                terms.add(new Term(term.substring(0, equals).split("\\."), true, term.substring(valueStart)));
            } else {
                throw new IllegalArgumentException("field selector term '" + term + "' needs = or !=");
            }
        }
        return new FieldSelector(terms);
    }
}
